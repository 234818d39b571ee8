import { describe, expect, it } from 'vitest';
import { convolve, convolveAt, maxPool, maxPoolAt, outputSize } from './conv-step';

// a 4×4 input and a 3×3 kernel, worked by hand
const x = [
  [1, 2, 0, 1],
  [0, 1, 3, 1],
  [2, 1, 0, 0],
  [1, 0, 1, 2],
];
const k = [
  [1, 0, -1],
  [1, 0, -1],
  [1, 0, -1],
];

describe('outputSize', () => {
  it('is ⌊(n + 2p − k)/s⌋ + 1', () => {
    expect(outputSize(28, 3, 1, 0)).toBe(26); // the article's first layer
    expect(outputSize(26, 2, 2, 0)).toBe(13); // its first pooling
    expect(outputSize(5, 3, 1, 1)).toBe(5); // "same"
    expect(outputSize(7, 3, 2, 0)).toBe(3);
    expect(outputSize(6, 3, 2, 0)).toBe(2); // the last column is never reached
    expect(outputSize(2, 3, 1, 0)).toBe(0);
  });
});

describe('convolveAt', () => {
  it('sums the window times the kernel, without flipping it', () => {
    // window rows 0–2, cols 0–2: (1+0+2) − (0+3+0) = 0
    expect(convolveAt(x, k, 0, 0, 1, 0).sum).toBe(0);
    // rows 0–2, cols 1–3: (2+1+1) − (1+1+0) = 2
    expect(convolveAt(x, k, 0, 1, 1, 0).sum).toBe(2);
    // rows 1–3, cols 0–2: (0+2+1) − (3+0+1) = −1
    expect(convolveAt(x, k, 1, 0, 1, 0).sum).toBe(-1);
    // rows 1–3, cols 1–3: (1+1+0) − (1+0+2) = −1
    expect(convolve(x, k, 1, 0)).toEqual([
      [0, 2],
      [-1, -1],
    ]);
  });

  it('reads zeros from the padding and lists every term', () => {
    const cell = convolveAt(x, k, 0, 0, 1, 1);
    expect(cell.terms).toHaveLength(9);
    expect(cell.terms.filter((t) => t.padding)).toHaveLength(5);
    // kernel column 0 sees padding; column 2 sees x[0][1] and x[1][1]: −(2 + 1)
    expect(cell.sum).toBe(-3);
    expect(convolve(x, k, 1, 1)).toHaveLength(4);
  });

  it('moves by the stride', () => {
    // windows start at rows/cols −1 and 1: (0,1) = (2+1) − (1+1), (1,0) = −(1+1+0), (1,1) = (1+1+0) − (1+0+2)
    expect(convolve(x, k, 2, 1)).toEqual([
      [-3, 1],
      [-2, -1],
    ]);
  });
});

describe('maxPoolAt', () => {
  it('takes the largest value of each window and remembers where', () => {
    expect(maxPool(x, 2, 2)).toEqual([
      [2, 3],
      [2, 2],
    ]);
    const cell = maxPoolAt(x, 2, 2, 0, 1);
    expect(cell.max).toBe(3);
    expect(cell.window[cell.argmax]).toEqual({ row: 1, col: 2, x: 3 });
  });

  it('sends a tie to the first maximum', () => {
    const cell = maxPoolAt(
      [
        [5, 5],
        [5, 1],
      ],
      2,
      2,
      0,
      0,
    );
    expect(cell.argmax).toBe(0);
  });
});
