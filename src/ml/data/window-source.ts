/**
 * Batches for a regression on windows of a time series (the LSTM forecaster): inputs are the
 * windows [n, T, 1], already scaled on the page by `series.ts`, and targets the next values [n, 1].
 */
import * as tf from '@tensorflow/tfjs';
import type { BatchSource } from '../core/batch-source';

export interface WindowArrays {
  /** n windows of `steps` values each, [n, steps] row-major */
  xs: Float32Array;
  /** n targets, [n, outputs] row-major */
  ys: Float32Array;
  steps: number;
  outputs: number;
}

/** Checks the arrays' sizes agree; throws a plain message otherwise. */
export function checkWindows(arrays: WindowArrays, name: string): number {
  const { xs, ys, steps, outputs } = arrays;
  if (!Number.isInteger(steps) || steps < 1 || !Number.isInteger(outputs) || outputs < 1)
    throw new Error(`${name}: steps and outputs must be positive integers`);
  const n = xs.length / steps;
  if (!Number.isInteger(n) || ys.length !== n * outputs)
    throw new Error(`${name}: ${xs.length} inputs and ${ys.length} targets do not form windows`);
  return n;
}

/**
 * A BatchSource over windows.
 * @returns batches xs [batch, steps, 1, 1] (the [T, D, 1] layout every recurrent model reads) and ys [batch, outputs]
 */
export function windowSource(arrays: WindowArrays): BatchSource {
  const size = checkWindows(arrays, 'training windows');
  const { xs, ys, steps, outputs } = arrays;
  return {
    size,
    batch(indices) {
      const x = new Float32Array(indices.length * steps);
      const y = new Float32Array(indices.length * outputs);
      indices.forEach((example, k) => {
        x.set(xs.subarray(example * steps, (example + 1) * steps), k * steps);
        y.set(ys.subarray(example * outputs, (example + 1) * outputs), k * outputs);
      });
      return tf.tidy(() => ({
        xs: tf.tensor4d(x, [indices.length, steps, 1, 1]),
        ys: tf.tensor2d(y, [indices.length, outputs]),
      }));
    },
  };
}
