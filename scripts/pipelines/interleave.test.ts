import { describe, expect, it } from 'vitest';
import { interleaveByClass } from './interleave';

describe('interleaveByClass', () => {
  it('is a permutation that keeps each class in its original order', () => {
    const labels = [0, 0, 0, 0, 1, 1, 2, 2, 2, 2, 2, 2];
    const order = interleaveByClass(labels);
    expect([...order].sort((a, b) => a - b)).toEqual(labels.map((_, i) => i));
    for (const c of [0, 1, 2]) {
      const within = order.filter((i) => labels[i] === c);
      expect(within).toEqual([...within].sort((a, b) => a - b));
    }
  });

  it('puts every class in proportion into every prefix of a class-sorted list', () => {
    // 9 classes of very different sizes, sorted by class, as the emoji are
    const sizes = [120, 300, 80, 45, 150, 30, 200, 170, 220];
    const labels = sizes.flatMap((n, c) => Array<number>(n).fill(c));
    const order = interleaveByClass(labels);
    const counts = Array<number>(sizes.length).fill(0);
    order.forEach((i, p) => {
      counts[labels[i]!]!++;
      // after p + 1 examples, each class has its share of them, give or take one
      sizes.forEach((n, c) => expect(Math.abs(counts[c]! - ((p + 1) * n) / labels.length)).toBeLessThanOrEqual(1.5));
    });
    // the first 25 already hold all nine (the smallest, 30 of 1,315, first comes at ½ / 30 of the way: 22nd)
    expect(new Set(order.slice(0, 25).map((i) => labels[i]))).toHaveLength(9);
  });

  it('leaves an empty list empty and a single class in order', () => {
    expect(interleaveByClass([])).toEqual([]);
    expect(interleaveByClass([3, 3, 3])).toEqual([0, 1, 2]);
  });
});
