/**
 * Turns a dataset's uint8 arrays into training batches: values normalised as the dataset declares
 * (8-bit pixels to [0, 1]) and labels one-hot encoded, exactly as the practice chapter says the
 * article's code forgot to do.
 */
import * as tf from '@tensorflow/tfjs';
import { mulberry32 } from '../random';
import { BYTE_RANGE, normaliser, type Normalisation } from './manifest';
import type { Arrival, BatchSource } from '../core/batch-source';

export interface ImageArrays {
  /** N × h × w × c bytes, row-major */
  images: Uint8Array;
  /** N class indices */
  labels: Uint8Array;
  /** [h, w, c] */
  imageShape: readonly [number, number, number];
  classes: number;
  /**
   * How a stored value becomes a model input, as the dataset declares it (the manifest's
   * `normalisation`); omitted for 8-bit data made in the page (a drawn digit, CIFAR files, the
   * race's sequences), which means `BYTE_RANGE`: 0…255 to [0, 1].
   */
  normalisation?: Normalisation | null;
  /**
   * While the examples are still being downloaded (in chunks): how many have arrived. The arrays
   * have their full length from the start; only examples 0 … arrived() − 1 hold data yet.
   */
  arrival?: Arrival;
}

/** Examples of `arrays` that are there now (all of them, unless they are still arriving). */
export const availableExamples = (arrays: ImageArrays): number =>
  Math.min(arrays.labels.length, arrays.arrival?.arrived() ?? Infinity);

/** Waits until the first `n` examples have arrived (at once when they have). */
export async function examplesArrived(arrays: ImageArrays, n: number): Promise<void> {
  if (arrays.arrival && arrays.arrival.arrived() < n) await arrays.arrival.complete;
}

/** How a stored value v of `arrays` becomes a model input: (v − min) / range. */
export const inputScale = (arrays: Pick<ImageArrays, 'normalisation'>): { min: number; range: number } =>
  normaliser(arrays.normalisation === undefined ? BYTE_RANGE : arrays.normalisation);

/** The model inputs of one example, [h × w × c], normalised as the dataset declares. */
export function exampleInputs(arrays: ImageArrays, index: number): Float32Array {
  const [h, w, c] = arrays.imageShape;
  const per = h * w * c;
  const { min, range } = inputScale(arrays);
  return Float32Array.from(arrays.images.subarray(index * per, (index + 1) * per), (v) => (v - min) / range);
}

/**
 * Returns the labels shuffled on their own, so they no longer belong to their images: the bug of
 * shuffling `x_train` and `y_train` separately. The "Why 2.3026?" lab trains on this on purpose.
 */
export function detachLabels(arrays: ImageArrays, seed: number): ImageArrays {
  const labels = arrays.labels.slice();
  const random = mulberry32(seed ^ 0x5eed);
  for (let i = labels.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [labels[i], labels[j]] = [labels[j]!, labels[i]!];
  }
  return { ...arrays, labels };
}

/**
 * Returns the labels with a fraction of examples `from` … `from + count − 1` made wrong (each chosen
 * example gets one of the other classes, at random): the noisy labels of a real data set, which a
 * model can only memorise, never learn. Which examples, and their new classes, follow `seed`; every
 * other example keeps its label. Those examples must have arrived.
 */
export function noisyLabels(arrays: ImageArrays, fraction: number, count: number, seed: number, from = 0): ImageArrays {
  if (!(fraction >= 0 && fraction <= 1)) throw new Error(`the label noise must be in [0, 1], got ${fraction}`);
  const n = Math.max(0, Math.min(count, arrays.labels.length - from));
  const labels = arrays.labels.slice();
  const random = mulberry32(seed ^ 0x0b15e);
  const order = Int32Array.from({ length: n }, (_, i) => from + i);
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [order[i], order[j]] = [order[j]!, order[i]!];
  }
  for (const i of order.subarray(0, Math.round(fraction * n))) {
    const other = 1 + Math.floor(random() * (arrays.classes - 1));
    labels[i] = (labels[i]! + other) % arrays.classes;
  }
  return { ...arrays, labels };
}

/**
 * Per-feature statistics for standardisation: for sequences stored as [T, F, 1], the mean and
 * standard deviation of each of the F features (after scaling to [0, 1]) over every step of the
 * first `limit` examples. Speech recognisers normalise each filter-bank channel this way
 * ("cepstral mean and variance normalisation"): a quiet band and a loud band then weigh alike.
 */
export interface FeatureStats {
  mean: Float32Array;
  std: Float32Array;
}

export function featureStats(arrays: ImageArrays, limit?: number): FeatureStats {
  const [, w, c] = arrays.imageShape;
  const F = w * c;
  const n = Math.min(limit ?? arrays.labels.length, arrays.labels.length);
  const sum = new Float64Array(F);
  const squares = new Float64Array(F);
  const values = n * arrays.imageShape[0] * F;
  const { min, range } = inputScale(arrays);
  for (let i = 0; i < values; i++) {
    const v = (arrays.images[i]! - min) / range;
    sum[i % F]! += v;
    squares[i % F]! += v * v;
  }
  const rows = values / F;
  const mean = Float32Array.from(sum, (s) => s / rows);
  // a feature that never varies keeps its scale (std 1) instead of dividing by zero
  const std = Float32Array.from(squares, (q, f) => Math.sqrt(Math.max(0, q / rows - mean[f]! ** 2)) || 1);
  return { mean, std };
}

/** Standardises each feature of already normalised inputs: (v − mean) / std. */
export function normalise(bytesOrUnit: Float32Array, stats: FeatureStats): Float32Array {
  const F = stats.mean.length;
  return bytesOrUnit.map((v, i) => (v - stats.mean[i % F]!) / stats.std[i % F]!);
}

/** Data augmentation: every training image moved by whole pixels, a fresh random shift each time. */
export interface Augmentation {
  /** the largest shift, in pixels, along each axis (−shift … shift) */
  shift: number;
  /** uniform in [0, 1): the shifts' source (seeded, so a run is reproducible) */
  random: () => number;
}

/**
 * Shifts each of `count` images [h, w, c] in place by (dy, dx), each drawn uniformly from
 * −shift … shift; pixels shifted in from outside take `fill` (a stored 0 after normalisation).
 */
export function shiftImages(
  pixels: Float32Array,
  count: number,
  [h, w, c]: readonly [number, number, number],
  { shift, random }: Augmentation,
  fill = 0,
): void {
  const per = h * w * c;
  const draw = () => Math.floor(random() * (2 * shift + 1)) - shift;
  for (let k = 0; k < count; k++) {
    const dy = draw();
    const dx = draw();
    if (dy === 0 && dx === 0) continue;
    const image = pixels.slice(k * per, (k + 1) * per);
    for (let y = 0; y < h; y++)
      for (let x = 0; x < w; x++) {
        const sy = y - dy;
        const sx = x - dx;
        const inside = sy >= 0 && sy < h && sx >= 0 && sx < w;
        for (let ch = 0; ch < c; ch++)
          pixels[k * per + (y * w + x) * c + ch] = inside ? image[(sy * w + sx) * c + ch]! : fill;
      }
  }
}

/**
 * A BatchSource over the first `limit` examples (all when omitted): values normalised as the
 * dataset declares (pixels to [0, 1]), then, with `stats`, standardised feature by feature. While
 * the examples are arriving, the source says how many have (`arrived`), and a batch throws the
 * download's error once it has failed. With `augment`, each batch's images are shifted at random
 * (training only: evaluation never augments).
 */
export function imageSource(
  arrays: ImageArrays,
  limit?: number,
  stats?: FeatureStats,
  augment?: Augmentation,
): BatchSource {
  const [h, w, c] = arrays.imageShape;
  const per = h * w * c;
  const F = w * c;
  const size = Math.min(limit ?? arrays.labels.length, arrays.labels.length);
  const { min, range } = inputScale(arrays);
  const { arrival } = arrays;
  return {
    size,
    ...(arrival ? { arrived: () => Math.min(size, arrival.arrived()) } : {}),
    ...(arrival?.steps ? { arrivalSteps: stepsWithin(arrival.steps, size) } : {}),
    batch(indices) {
      const failure = arrival?.error();
      if (failure) throw failure;
      const pixels = new Float32Array(indices.length * per);
      const labels = new Int32Array(indices.length);
      indices.forEach((example, k) => {
        const offset = example * per;
        if (stats) {
          for (let i = 0; i < per; i++)
            pixels[k * per + i] = ((arrays.images[offset + i]! - min) / range - stats.mean[i % F]!) / stats.std[i % F]!;
        } else {
          for (let i = 0; i < per; i++) pixels[k * per + i] = (arrays.images[offset + i]! - min) / range;
        }
        labels[k] = arrays.labels[example]!;
      });
      if (augment) shiftImages(pixels, indices.length, arrays.imageShape, augment, -min / range);
      return tf.tidy(() => ({
        xs: tf.tensor4d(pixels, [indices.length, h, w, c]),
        ys: tf.oneHot(tf.tensor1d(labels, 'int32'), arrays.classes).toFloat() as tf.Tensor2D,
      }));
    },
  };
}

/** `steps` below `size`, then `size` itself: the arrival steps of a slice of the first `size` examples. */
export function stepsWithin(steps: readonly number[], size: number): number[] {
  return [...steps.filter((step) => step < size), size];
}
