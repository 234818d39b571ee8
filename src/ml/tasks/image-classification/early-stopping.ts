/**
 * Early stopping that keeps the best model (Keras's `EarlyStopping(monitor='val_accuracy',
 * restore_best_weights=True)`): after each epoch the accuracy on held-out examples; the weights
 * of the best epoch so far are copied aside, the run ends once `patience` epochs in a row have
 * not beaten it, and at the end (stopped or not) the best epoch's weights are put back, so that
 * what the run measures and keeps is the model early stopping chose, not the last one trained.
 */
import * as tf from '@tensorflow/tfjs';

export class BestWeights {
  #best = -Infinity;
  #bestEpoch = -1;
  #since = 0;
  /** copies of every weight (batch normalisation's moving averages included) of the best epoch */
  #kept: tf.Tensor[] | undefined;

  constructor(
    private readonly model: tf.LayersModel,
    readonly patience: number,
  ) {
    if (!(Number.isInteger(patience) && patience >= 1)) throw new Error(`patience must be at least 1, got ${patience}`);
  }

  /** the epoch whose weights are kept (−1 before the first) */
  get bestEpoch(): number {
    return this.#bestEpoch;
  }

  /**
   * After `epoch`, with its held-out accuracy: keeps the weights if they beat the best (ties do
   * not), and says whether patience has run out.
   */
  update(epoch: number, accuracy: number): boolean {
    if (accuracy > this.#best) {
      this.#best = accuracy;
      this.#bestEpoch = epoch;
      this.#since = 0;
      tf.dispose(this.#kept);
      this.#kept = tf.tidy(() => this.model.getWeights().map((w) => w.clone()));
    } else {
      this.#since += 1;
    }
    return this.#since >= this.patience;
  }

  /**
   * Puts the best epoch's weights back into the model and frees the copy; the epoch restored, or
   * undefined when the model already holds them (the last epoch was the best, or none was kept).
   */
  restore(lastEpoch: number): number | undefined {
    const kept = this.#kept;
    this.#kept = undefined;
    if (!kept) return undefined;
    try {
      if (this.#bestEpoch === lastEpoch) return undefined;
      this.model.setWeights(kept);
      return this.#bestEpoch;
    } finally {
      tf.dispose(kept);
    }
  }

  /** frees the copy (a run reset or failed before its end) */
  dispose(): void {
    tf.dispose(this.#kept);
    this.#kept = undefined;
  }
}
