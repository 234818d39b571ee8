/**
 * The training loop a worker runs for one lab run, written without any worker API so that Node
 * tests drive it exactly as the worker will.
 *
 * Lifecycle of one run:
 *   new TrainingLoop(options) → run()  state 'training', one trainStep per batch
 *     pause()   → finishes the current batch, then waits            state 'paused'
 *     step()    → while paused, trains exactly one more batch
 *     resume()  → continues                                          state 'training'
 *     stop()    → finishes the current batch, then run() resolves    state 'idle'
 *   run() resolves 'done' after the last epoch (state 'done'), 'stopped', or 'error' (state
 *   'error', with an `error` message) on a non-finite loss or a failed step, or 'handed-over' when
 *   the backend failed and the session takes the run over (it restarts the task from the last
 *   checkpoint, which the loop takes every few seconds when given `checkpoints`, on another backend).
 * The loop owns no model or optimizer: the task creates them per run and the session disposes them
 * on reset, whatever the outcome. Every batch's tensors are disposed before the next batch starts.
 * Pause, step, stop and the live learning rate are the run's RunController (core/run-controller.ts),
 * the same one every task's loop uses; the methods below forward to it.
 */
import * as tf from '@tensorflow/tfjs';
import { ArrivalSampler, stillArriving, type BatchSource } from '../core/batch-source';
import type { FromWorker } from '../core/messages';
import { RunController } from '../core/run-controller';
import { modelWeights, optimizerState, type Checkpointer } from './checkpoint';
import { classify, messageOf, type ErrorKind, type LabState } from '../core/states';
import { learningRateAt, type Hyperparameters } from '../hyperparameters';
import { mulberry32, shuffledIndices } from '../random';
import { trainStep, type LossName } from '../train-step';

export type { BatchSource } from '../core/batch-source';
export { classify } from '../core/states';

export interface TrainingLoopOptions {
  runId: number;
  model: tf.LayersModel;
  optimizer: tf.Optimizer;
  source: BatchSource;
  hyper: Hyperparameters;
  /** what the model minimises (default categorical cross-entropy, with accuracy) */
  loss?: LossName;
  post: (message: FromWorker) => void;
  /** send a progress message every N batches (and always after an epoch's last batch) */
  reportEvery?: number;
  /** clock in milliseconds; injectable for tests */
  now?: () => number;
  /** after every batch, awaited (the session throttles its snapshots and quick evaluations here) */
  afterBatch?: (epoch: number, batch: number, trainingMs: number) => Promise<void> | void;
  /**
   * after every epoch, awaited before the next one starts (the session evaluates here); 'stop' ends
   * the run there, done (early stopping)
   */
  afterEpoch?: (epoch: number, trainingMs: number) => Promise<void | 'stop'> | void | 'stop';
  /** the run's controls (default: a new one for this loop) */
  controller?: RunController<string>;
  /** takes the run's checkpoints (model, optimizer and this position) while it trains */
  checkpoints?: Checkpointer<LoopPosition>;
  /** continue from this position (the model and optimizer are already restored) */
  from?: LoopPosition;
}

/** Where a supervised run stands: a checkpoint's position (the shuffles are replayed from the seed). */
export interface LoopPosition {
  epoch: number;
  /** batches of `epoch` already trained */
  batch: number;
  lossSum: number;
  accSum: number;
  seen: number;
  trainingMs: number;
  /** the live learning rate, if the reader changed it */
  learningRate?: number;
}

/** 'handed-over': the backend failed and the session continues the run elsewhere */
export type RunOutcome = 'done' | 'stopped' | 'error' | 'handed-over';

export class TrainingLoop {
  #baseLearningRate: number | undefined;
  /** the rate of the next step (the schedule's, the reader's): weight decay scales with it */
  #learningRate: number;
  readonly #options: Required<Omit<TrainingLoopOptions, 'checkpoints' | 'from'>> &
    Pick<TrainingLoopOptions, 'checkpoints' | 'from'>;
  readonly #control: RunController<string>;

  constructor(options: TrainingLoopOptions) {
    this.#learningRate = options.hyper.learningRate;
    this.#control = options.controller ?? new RunController<string>(options.runId, options.post, 'step');
    this.#options = {
      reportEvery: 10,
      loss: 'categoricalCrossentropy',
      now: () => performance.now(),
      afterBatch: () => {},
      afterEpoch: () => {},
      controller: this.#control,
      ...options,
    };
    this.#control.onSettings(({ learningRate }) => {
      if (learningRate !== undefined) this.setLearningRate(learningRate);
    });
  }

  get state(): LabState {
    return this.#control.state;
  }

  pause(): void {
    this.#control.pause();
  }

  resume(): void {
    this.#control.resume();
  }

  /** While paused: train exactly one more batch. */
  step(): void {
    this.#control.step();
  }

  stop(): void {
    this.#control.stop();
  }

  /**
   * Changes the learning rate from the next batch on. Under a schedule this is the rate the
   * schedule starts from: the step's rate is still scaled by where the run is.
   */
  setLearningRate(learningRate: number): void {
    this.#baseLearningRate = learningRate;
    this.#applyLearningRate(learningRate);
  }

  #applyLearningRate(learningRate: number): void {
    this.#learningRate = learningRate;
    const optimizer = this.#options.optimizer;
    // tfjs's SGD (and momentum) multiply by a kept scalar made from the rate, so only their
    // setLearningRate reaches the next step; Adam and RMSProp read `this.learningRate` on every
    // step (the field is only declared protected).
    // (tfjs's optimizers answer `instanceof` for each other's classes, so ask for the method)
    const sgd = optimizer as unknown as { setLearningRate?: (rate: number) => void };
    if (typeof sgd.setLearningRate === 'function') sgd.setLearningRate(learningRate);
    else (optimizer as unknown as { learningRate: number }).learningRate = learningRate;
  }

  async run(): Promise<RunOutcome> {
    const { runId, model, optimizer, source, hyper, loss, post, reportEvery, now, afterBatch, afterEpoch } =
      this.#options;
    const { checkpoints, from } = this.#options;
    const random = mulberry32(hyper.seed);
    const totalBatches = Math.ceil(source.size / hyper.batchSize);
    // a restored run replays the earlier epochs' shuffles, so its order goes on exactly
    for (let epoch = 0; epoch < (from?.epoch ?? 0); epoch++) shuffledIndices(source.size, random);
    if (from?.learningRate !== undefined) this.setLearningRate(from.learningRate);
    this.#setState('training');
    let trainingMs = from?.trainingMs ?? 0;
    const groups = { model: modelWeights(model), optimizer: optimizerState(optimizer) };
    for (let epoch = from?.epoch ?? 0; epoch < hyper.epochs; epoch++) {
      const order = shuffledIndices(source.size, random);
      // an epoch that begins while examples are still arriving draws from those that have (its own
      // randomness: the epochs after are the same shuffled passes as with all the data there)
      const arriving = stillArriving(source)
        ? new ArrivalSampler(source, mulberry32(hyper.seed ^ epoch ^ 0xa77))
        : undefined;
      const resumed = from && epoch === from.epoch;
      let lossSum = resumed ? from.lossSum : 0;
      let accSum = resumed ? from.accSum : 0;
      let seen = resumed ? from.seen : 0;
      let windowStart = now();
      let windowSamples = 0;
      for (let batch = resumed ? from.batch : 0; batch < totalBatches; batch++) {
        if (!(await this.#control.next())) {
          await checkpoints?.settle();
          this.#setState('idle');
          return 'stopped';
        }
        const from = batch * hyper.batchSize;
        const to = Math.min(source.size, from + hyper.batchSize);
        const indices = arriving ? arriving.next(to - from) : order.subarray(from, to);
        if (hyper.schedule === 'cosine') {
          const base = this.#baseLearningRate ?? hyper.learningRate;
          this.#applyLearningRate(
            learningRateAt('cosine', base, epoch * totalBatches + batch, hyper.epochs * totalBatches),
          );
        }
        let result;
        const batchStart = now();
        try {
          const { xs, ys } = source.batch(indices);
          try {
            // decoupled weight decay (AdamW): η·λ a step, with the step's own rate
            const decay = (hyper.weightDecay ?? 0) * this.#learningRate;
            result = await trainStep(model, optimizer, xs, ys, loss, (read) => this.#control.guard(read), decay);
          } finally {
            tf.dispose([xs, ys]);
          }
        } catch (error) {
          return this.#fail(error);
        }
        trainingMs += now() - batchStart;
        if (!Number.isFinite(result.loss)) {
          return this.#failWith('nan-loss', `the loss became ${result.loss} at epoch ${epoch + 1}, batch ${batch + 1}`);
        }
        lossSum += result.loss * indices.length;
        accSum += result.accuracy * indices.length;
        seen += indices.length;
        windowSamples += indices.length;
        const last = batch === totalBatches - 1;
        if ((batch + 1) % reportEvery === 0 || last) {
          const elapsed = Math.max(1e-3, now() - windowStart);
          post({
            type: 'progress',
            runId,
            epoch,
            batch: batch + 1,
            totalBatches,
            loss: lossSum / seen,
            acc: accSum / seen,
            samplesPerSec: (windowSamples * 1000) / elapsed,
            trainingMs,
            tensors: tf.memory().numTensors,
            ...(arriving && arriving.arrived < source.size
              ? { arriving: { arrived: arriving.arrived, total: source.size } }
              : {}),
          });
          windowStart = now();
          windowSamples = 0;
        }
        try {
          await this.#control.guard(Promise.resolve(afterBatch(epoch, batch + 1, trainingMs)));
          if (checkpoints?.due()) {
            const position = { epoch, batch: batch + 1, lossSum, accSum, seen, trainingMs };
            if (this.#baseLearningRate !== undefined) Object.assign(position, { learningRate: this.#baseLearningRate });
            await checkpoints.take(epoch * totalBatches + batch + 1, groups, position);
          }
        } catch (error) {
          return this.#fail(error);
        }
        // the speed is of training: what afterBatch did (pictures, evaluations) is not counted
        if ((batch + 1) % reportEvery === 0) windowStart = now();
      }
      post({ type: 'epoch-end', runId, epoch, loss: lossSum / seen, acc: accSum / seen });
      try {
        if ((await this.#control.guard(Promise.resolve(afterEpoch(epoch, trainingMs)))) === 'stop') break;
      } catch (error) {
        return this.#fail(error);
      }
    }
    await checkpoints?.settle();
    this.#setState('done');
    return 'done';
  }

  #setState(state: LabState): void {
    this.#control.setState(state);
  }

  /** A step failed: the session may take the run over on another backend, else state 'error'. */
  async #fail(error: unknown): Promise<RunOutcome> {
    if (this.#control.handOver(error)) return 'handed-over';
    return this.#failWith(classify(error), messageOf(error));
  }

  async #failWith(kind: ErrorKind, message: string): Promise<RunOutcome> {
    await this.#options.checkpoints?.settle();
    this.#options.post({ type: 'error', runId: this.#options.runId, kind, message });
    this.#setState('error');
    return 'error';
  }
}
