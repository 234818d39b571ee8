/** The contract between a dataset and a training loop: batches by example index. */
import type { Tensor, Tensor2D } from '@tensorflow/tfjs';

/** Where batches come from. */
export interface BatchSource {
  /** number of training examples */
  readonly size: number;
  /**
   * Builds the batch for these example indices.
   * @returns xs (images [batch, h, w, c], or windows [batch, T, 1]) and ys (one-hot [batch, classes],
   *   or targets [batch, outputs]); the caller disposes both
   */
  batch(indices: Int32Array): { xs: Tensor; ys: Tensor2D };
}
