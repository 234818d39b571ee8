/**
 * Turns a dataset's uint8 arrays into training batches: pixels scaled to [0, 1] and labels
 * one-hot encoded, exactly as the practice chapter says the article's code forgot to do.
 */
import * as tf from '@tensorflow/tfjs';
import { mulberry32 } from '../random';
import type { BatchSource } from '../worker/training-loop';

export interface ImageArrays {
  /** N × h × w × c bytes, row-major */
  images: Uint8Array;
  /** N class indices */
  labels: Uint8Array;
  /** [h, w, c] */
  imageShape: readonly [number, number, number];
  classes: number;
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

/** A BatchSource over the first `limit` examples (all when omitted). */
export function imageSource(arrays: ImageArrays, limit?: number): BatchSource {
  const [h, w, c] = arrays.imageShape;
  const per = h * w * c;
  const size = Math.min(limit ?? arrays.labels.length, arrays.labels.length);
  return {
    size,
    batch(indices) {
      const pixels = new Float32Array(indices.length * per);
      const labels = new Int32Array(indices.length);
      indices.forEach((example, k) => {
        const offset = example * per;
        for (let i = 0; i < per; i++) pixels[k * per + i] = arrays.images[offset + i]! / 255;
        labels[k] = arrays.labels[example]!;
      });
      return tf.tidy(() => ({
        xs: tf.tensor4d(pixels, [indices.length, h, w, c]),
        ys: tf.oneHot(tf.tensor1d(labels, 'int32'), arrays.classes).toFloat() as tf.Tensor2D,
      }));
    },
  };
}
