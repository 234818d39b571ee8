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
  /**
   * The counts `arrived()` moves through, ascending, ending at every example (the ends of the
   * chunks): an epoch that begins while they arrive admits them on a schedule over these steps.
   */
  steps?: readonly number[];
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
  /** The steps `arrived()` moves through, ascending, the last one `size` (see `Arrival.steps`). */
  readonly arrivalSteps?: readonly number[];
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

/** Examples a streamed epoch admits per example it draws (see `ArrivalSampler`). */
export const ADMITTED_PER_DRAW = 8;

/**
 * Batches of an epoch that begins before all examples have arrived: each batch is drawn without
 * replacement from the admitted examples this epoch has not used yet. Examples are admitted on a
 * fixed schedule, not as they happen to arrive: after the epoch has drawn d examples, the prefix up
 * to the last step (chunk end) at or below 8·d (at least the first chunk). So two runs with the
 * same seed draw the same batches however fast their data came, as long as it came in time; on a
 * line slower than the schedule only what has arrived is admitted, and when the pool runs dry
 * before more arrives, every admitted example is put back (a further pass over what is there). A
 * source without steps admits what has arrived. An epoch that begins once everything has arrived is
 * the usual shuffled pass and does not use this.
 */
export class ArrivalSampler {
  readonly #source: BatchSource;
  readonly #random: () => number;
  #pool: number[] = [];
  #added = 0;
  #drawn = 0;

  constructor(source: BatchSource, random: () => number) {
    this.#source = source;
    this.#random = random;
  }

  /** examples arrived so far (of the source's `size`) */
  get arrived(): number {
    return Math.min(this.#source.size, this.#source.arrived?.() ?? this.#source.size);
  }

  /** examples the schedule admits now: a prefix, never more than have arrived */
  get admitted(): number {
    const arrived = this.arrived;
    const steps = this.#source.arrivalSteps;
    if (!steps || steps.length === 0) return arrived;
    const target = ADMITTED_PER_DRAW * this.#drawn;
    let admit = steps[0]!;
    for (const step of steps) {
      if (step > target) break;
      admit = step;
    }
    return Math.min(arrived, admit, this.#source.size);
  }

  /** `n` example indices, all among those admitted (and so arrived). */
  next(n: number): Int32Array {
    const out = new Int32Array(n);
    const admitted = this.admitted;
    if (admitted === 0) throw new Error('no training example has arrived yet');
    for (; this.#added < admitted; this.#added++) this.#pool.push(this.#added);
    for (let k = 0; k < n; k++) {
      if (this.#pool.length === 0) for (let i = 0; i < admitted; i++) this.#pool.push(i);
      const j = Math.floor(this.#random() * this.#pool.length);
      out[k] = this.#pool[j]!;
      this.#pool[j] = this.#pool[this.#pool.length - 1]!;
      this.#pool.pop();
    }
    this.#drawn += n;
    return out;
  }
}
