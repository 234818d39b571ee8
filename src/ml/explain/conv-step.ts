/**
 * Convolution and max pooling one output cell at a time, in plain arithmetic: what the
 * "convolution by touch" explorable shows, and a reference the unit tests check by hand.
 *
 * Deep-learning "convolution" is a cross-correlation (the kernel is not flipped), as in Keras and
 * TensorFlow.js: y[i, j] = Σ_m Σ_n x[i·s + m − p, j·s + n − p] · w[m, n] (+ b), with zero padding p
 * and stride s. No TensorFlow.js here: the explorable runs on the page.
 */

export type Grid = number[][];

/** Output length along one axis: ⌊(n + 2p − k) / s⌋ + 1 (0 if the kernel does not fit). */
export function outputSize(n: number, k: number, stride: number, pad: number): number {
  if (n + 2 * pad < k) return 0;
  return Math.floor((n + 2 * pad - k) / stride) + 1;
}

/** One term of the sum: the input cell (in unpadded coordinates; outside = padding, value 0). */
export interface Term {
  row: number;
  col: number;
  /** kernel position */
  m: number;
  n: number;
  x: number;
  w: number;
  padding: boolean;
}

export interface ConvCell {
  terms: Term[];
  sum: number;
}

/** The terms and the value of output cell (i, j). */
export function convolveAt(input: Grid, kernel: Grid, i: number, j: number, stride: number, pad: number): ConvCell {
  const terms: Term[] = [];
  let sum = 0;
  for (let m = 0; m < kernel.length; m++) {
    for (let n = 0; n < kernel[m]!.length; n++) {
      const row = i * stride + m - pad;
      const col = j * stride + n - pad;
      const padding = row < 0 || col < 0 || row >= input.length || col >= input[0]!.length;
      const x = padding ? 0 : input[row]![col]!;
      const w = kernel[m]![n]!;
      terms.push({ row, col, m, n, x, w, padding });
      sum += x * w;
    }
  }
  return { terms, sum };
}

/** The whole output map. */
export function convolve(input: Grid, kernel: Grid, stride: number, pad: number): Grid {
  const h = outputSize(input.length, kernel.length, stride, pad);
  const w = outputSize(input[0]?.length ?? 0, kernel[0]?.length ?? 0, stride, pad);
  return Array.from({ length: h }, (_, i) =>
    Array.from({ length: w }, (_, j) => convolveAt(input, kernel, i, j, stride, pad).sum),
  );
}

export interface PoolCell {
  /** the window's cells, row-major */
  window: { row: number; col: number; x: number }[];
  max: number;
  /** index in `window` of the first maximum (the one the gradient flows to) */
  argmax: number;
}

/** Max pooling's output cell (i, j) for a size×size window moved by `stride` (no padding). */
export function maxPoolAt(input: Grid, size: number, stride: number, i: number, j: number): PoolCell {
  const window: PoolCell['window'] = [];
  let argmax = 0;
  for (let m = 0; m < size; m++) {
    for (let n = 0; n < size; n++) {
      const row = i * stride + m;
      const col = j * stride + n;
      const x = input[row]?.[col] ?? -Infinity;
      if (x > (window[argmax]?.x ?? -Infinity)) argmax = window.length;
      window.push({ row, col, x });
    }
  }
  return { window, max: window[argmax]!.x, argmax };
}

export function maxPool(input: Grid, size: number, stride: number): Grid {
  const h = outputSize(input.length, size, stride, 0);
  const w = outputSize(input[0]?.length ?? 0, size, stride, 0);
  return Array.from({ length: h }, (_, i) =>
    Array.from({ length: w }, (_, j) => maxPoolAt(input, size, stride, i, j).max),
  );
}
