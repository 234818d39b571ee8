/**
 * What a classifier gets wrong, accumulated batch by batch from plain arrays (no TensorFlow.js):
 * the confusion matrix and the test examples it is most confidently wrong about.
 */

import type { WrongExample } from './core/messages';

export type { WrongExample };

export class ConfusionTracker {
  /** counts[true · classes + predicted] */
  readonly counts: Int32Array;
  #worst: WrongExample[] = [];

  constructor(
    readonly classes: number,
    readonly keepWorst = 12,
  ) {
    this.counts = new Int32Array(classes * classes);
  }

  /**
   * @param probs batch × classes probabilities, row-major
   * @param labels the true class of each row
   * @param indices each row's index in the test set
   */
  add(probs: ArrayLike<number>, labels: ArrayLike<number>, indices: ArrayLike<number>): void {
    const k = this.classes;
    for (let row = 0; row < labels.length; row++) {
      let predicted = 0;
      for (let c = 1; c < k; c++) if (probs[row * k + c]! > probs[row * k + predicted]!) predicted = c;
      const label = labels[row]!;
      this.counts[label * k + predicted]! += 1;
      if (predicted !== label) {
        this.#consider({
          index: indices[row]!,
          label,
          predicted,
          trueProb: probs[row * k + label]!,
          predictedProb: probs[row * k + predicted]!,
        });
      }
    }
  }

  #consider(example: WrongExample): void {
    const worst = this.#worst;
    if (worst.length === this.keepWorst && example.trueProb >= worst.at(-1)!.trueProb) return;
    const at = worst.findIndex((w) => example.trueProb < w.trueProb);
    worst.splice(at === -1 ? worst.length : at, 0, example);
    if (worst.length > this.keepWorst) worst.pop();
  }

  /** The most confidently wrong examples, worst first. */
  get worst(): readonly WrongExample[] {
    return this.#worst;
  }

  /** Per-class accuracy (recall): the diagonal over each row's total; NaN for a class never seen. */
  perClassAccuracy(): number[] {
    const k = this.classes;
    return Array.from({ length: k }, (_, t) => {
      let total = 0;
      for (let p = 0; p < k; p++) total += this.counts[t * k + p]!;
      return this.counts[t * k + t]! / total;
    });
  }
}
