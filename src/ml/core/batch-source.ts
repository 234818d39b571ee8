/** The contract between a dataset and a training loop: batches by example index. */
import type { Tensor, Tensor2D } from '@tensorflow/tfjs';

/**
 * Examples that arrive over time (a dataset streamed in chunks): examples 0 … arrived() − 1 are
 * there. `complete` resolves once every example has arrived and rejects when the download fails.
 */
export interface Arrival {
  arrived(): number;
  /** the download's failure, once it has failed */
  error(): Error | undefined;
  complete: Promise<void>;
}

/** Where batches come from. */
export interface BatchSource {
  /** number of training examples */
  readonly size: number;
  /**
   * While the examples are still arriving: how many of the `size` have (a prefix). Absent when
   * every example is there from the start.
   */
  arrived?(): number;
  /**
   * Builds the batch for these example indices.
   * @returns xs (images [batch, h, w, c], or windows [batch, T, 1]) and ys (one-hot [batch, classes],
   *   or targets [batch, outputs]); the caller disposes both
   * @throws the download's error when the examples stopped arriving
   */
  batch(indices: Int32Array): { xs: Tensor; ys: Tensor2D };
}

/** Whether some of the source's examples have not arrived yet. */
export const stillArriving = (source: BatchSource): boolean =>
  source.arrived !== undefined && source.arrived() < source.size;

/**
 * Batches of an epoch that begins before all examples have arrived: each batch is drawn without
 * replacement from the arrived examples this epoch has not used yet; examples join the pool as
 * they arrive, and when the pool runs dry before more arrive, every arrived example is put back
 * (a further pass over what is there). An epoch that begins once everything has arrived is the
 * usual shuffled pass and does not use this.
 */
export class ArrivalSampler {
  readonly #source: BatchSource;
  readonly #random: () => number;
  #pool: number[] = [];
  #added = 0;

  constructor(source: BatchSource, random: () => number) {
    this.#source = source;
    this.#random = random;
  }

  /** examples arrived so far (of the source's `size`) */
  get arrived(): number {
    return Math.min(this.#source.size, this.#source.arrived?.() ?? this.#source.size);
  }

  /** `n` example indices, all among those that have arrived. */
  next(n: number): Int32Array {
    const out = new Int32Array(n);
    const arrived = this.arrived;
    if (arrived === 0) throw new Error('no training example has arrived yet');
    for (; this.#added < arrived; this.#added++) this.#pool.push(this.#added);
    for (let k = 0; k < n; k++) {
      if (this.#pool.length === 0) for (let i = 0; i < arrived; i++) this.#pool.push(i);
      const j = Math.floor(this.#random() * this.#pool.length);
      out[k] = this.#pool[j]!;
      this.#pool[j] = this.#pool[this.#pool.length - 1]!;
      this.#pool.pop();
    }
    return out;
  }
}
