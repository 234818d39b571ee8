/**
 * Image classification: a model config trained on labelled images with cross-entropy. Serves the
 * CNN lab, CIFAR, MNIST rows and spoken digits through recurrent models, and the memory race
 * (generated sequences given inline). After each epoch: accuracy, confusion and worst images on
 * the first `testLimit` test images; a few times a second: the filters and the inspected input.
 */
import type * as tf from '@tensorflow/tfjs';
import type { FromWorker, ModelPlace } from '../../core/messages';
import type { LiveSettings } from '../../core/run-controller';
import {
  availableExamples,
  detachLabels,
  examplesArrived,
  featureStats,
  imageSource,
  noisyLabels,
  type FeatureStats,
  type ImageArrays,
} from '../../data/image-source';
import { checkModelFits } from '../../models/model-files';
import { mulberry32 } from '../../random';
import type { Checkpoint } from '../checkpoint';
import type { RunContext, Task, TaskRun } from '../task';
import { buildFor, supervisedRun } from '../supervised';
import { BestWeights } from './early-stopping';
import { evaluate } from './evaluate';
import { filtersSnapshot, Inspector } from './inspect';
import {
  parseImageClassificationJob,
  parseImageClassificationLoad,
  parseInspectCommand,
  type ImageClassificationJob,
  type ImageClassificationLoad,
  type InspectCommand,
} from './job';

/** What an epoch's evaluation may add: the training examples' measures and early stopping's. */
type EpochExtras = Pick<
  Extract<FromWorker, { type: 'evaluation' }>,
  'trainLoss' | 'trainAcc' | 'valLoss' | 'valAcc' | 'earlyStop' | 'restored'
>;

/** Examples `from` … `from + size − 1` of `arrays`, as arrays of their own (all of them must have arrived). */
function slice(arrays: ImageArrays, from: number, size: number): ImageArrays {
  const per = arrays.imageShape.reduce((a, b) => a * b, 1);
  const { arrival: _arrival, ...rest } = arrays;
  return {
    ...rest,
    images: arrays.images.subarray(from * per, (from + size) * per),
    labels: arrays.labels.subarray(from, from + size),
  };
}

/**
 * The epoch's extra measures for the remedies: the training examples' loss and accuracy (as the
 * test set's are measured: no dropout, batch normalisation's moving averages) and early stopping's
 * held-out loss and accuracy, with whether the run ends here (`best` keeps the best epoch's weights).
 */
function epochExtras(
  job: ImageClassificationJob,
  model: tf.LayersModel,
  train: ImageArrays,
  stats: FeatureStats | undefined,
  best: BestWeights | undefined,
) {
  const size = Math.min(job.trainLimit ?? Infinity, train.labels.length);
  const stopping = job.earlyStopping;
  if (stopping && size + stopping.validation > train.labels.length)
    throw new Error(`early stopping needs ${stopping.validation} examples after the first ${size}`);
  /** the training examples' measures of the model as it is now */
  const trained = async (): Promise<Partial<EpochExtras>> => {
    if (!job.evaluateTrain) return {};
    await examplesArrived(train, size);
    const { testLoss, testAcc } = await evaluate(model, slice(train, 0, size), size, stats);
    return { trainLoss: testLoss, trainAcc: testAcc };
  };
  const extras = async (epoch: number): Promise<Partial<EpochExtras>> => {
    const extras = await trained();
    if (stopping && best) {
      await examplesArrived(train, size + stopping.validation);
      const held = slice(train, size, stopping.validation);
      const { testLoss, testAcc } = await evaluate(model, held, stopping.validation, stats);
      Object.assign(extras, { valLoss: testLoss, valAcc: testAcc, earlyStop: best.update(epoch, testAcc) });
    }
    return extras;
  };
  return { extras, trained };
}

/**
 * The training examples with the job's label noise (once the examples it touches have arrived): the
 * model trains, is measured and is early-stopped on these labels; the test set keeps its own. The
 * examples trained on and the held-out ones get their share of wrong labels each, so the training
 * set is the same with early stopping as without.
 */
async function withNoise(job: ImageClassificationJob, train: ImageArrays, seed: number): Promise<ImageArrays> {
  if (!job.labelNoise) return train;
  const size = Math.min(job.trainLimit ?? Infinity, train.labels.length);
  const held = job.earlyStopping?.validation ?? 0;
  await examplesArrived(train, Math.min(size + held, train.labels.length));
  const noisy = noisyLabels(train, job.labelNoise, size, seed);
  return held ? noisyLabels(noisy, job.labelNoise, held, seed + 1, size) : noisy;
}

/** at most a few pictures a second: the page cannot show more, and each costs a read-back */
const SNAPSHOT_INTERVAL_MS = 250;

/** The run's pictures and evaluations, shared by a trained and a loaded model. */
class Views {
  readonly inspector: Inspector;

  constructor(
    private readonly ctx: RunContext,
    readonly model: tf.LayersModel,
    readonly test: ImageArrays,
    readonly size: number,
    readonly stats: FeatureStats | undefined,
  ) {
    this.inspector = new Inspector(ctx.runId, model, test, stats);
  }

  #post(message: FromWorker | undefined): void {
    if (message) this.ctx.post(message);
  }

  async pictures(): Promise<void> {
    this.#post(await filtersSnapshot(this.ctx.runId, this.model));
    this.#post(await this.inspector.inspection());
  }

  /** An 'evaluation' message: after an epoch (with detail) or every few batches (quick). */
  /**
   * After an epoch the whole slice is evaluated (waiting for it when the test set is still
   * arriving); a quick evaluation during an epoch takes the part of the slice that has arrived.
   */
  async evaluation(
    epoch: number,
    extra: { batch?: number; trainingMs?: number } & Partial<EpochExtras>,
    limit?: number,
  ): Promise<void> {
    let size = Math.min(limit ?? Infinity, this.size);
    if (limit === undefined) await examplesArrived(this.test, size);
    else size = Math.min(size, availableExamples(this.test));
    const result = await evaluate(this.model, this.test, size, this.stats, limit === undefined);
    this.ctx.post({ type: 'evaluation', runId: this.ctx.runId, epoch, ...extra, ...result, tested: size });
  }

  /** The whole slice's loss and accuracy, posted by the caller. */
  async measure(): Promise<{ testLoss: number; testAcc: number }> {
    await examplesArrived(this.test, this.size);
    const { testLoss, testAcc } = await evaluate(this.model, this.test, this.size, this.stats);
    return { testLoss, testAcc };
  }

  async inspect(command: InspectCommand): Promise<void> {
    this.inspector.source = command.source;
    this.#post(await this.inspector.inspection());
  }
}

async function start(
  ctx: RunContext,
  job: ImageClassificationJob,
  from?: Checkpoint,
): Promise<TaskRun<InspectCommand>> {
  const { hyper, dataset, model: config } = job;
  const last = config.layers.at(-1);
  const outputs = last?.type === 'dense' ? last.units : undefined;
  const loaded = await ctx.loadImages(dataset);
  if (outputs === undefined || outputs < loaded.train.classes) {
    throw new Error(
      `the model predicts ${outputs ?? 'no'} classes but the dataset "${dataset.name}" has ${loaded.train.classes}`,
    );
  }
  // one-hot labels as wide as the model's output: the article's model has 10 outputs, and a
  // 9-class dataset simply never uses the tenth
  const test = { ...loaded.test, classes: outputs };
  const train = await withNoise(job, { ...loaded.train, classes: outputs }, hyper.seed);
  // standardising statistics are of the training examples the run uses: wait for them all
  if (job.standardise) await examplesArrived(train, Math.min(job.trainLimit ?? Infinity, train.labels.length));
  const stats = job.standardise ? featureStats(train, job.trainLimit) : undefined;
  const model = buildFor(config, hyper);
  const views = new Views(ctx, model, test, Math.min(job.testLimit ?? ctx.evaluationSize, test.labels.length), stats);
  let lastSnapshot = -Infinity;
  const shifts = job.augment ? { shift: job.augment.shift, random: mulberry32(hyper.seed ^ 0x5417) } : undefined;
  const source = imageSource(
    job.mistake === 'detached-labels' ? detachLabels(train, hyper.seed) : train,
    job.trainLimit,
    stats,
    shifts,
  );
  const best = job.earlyStopping ? new BestWeights(model, job.earlyStopping.patience) : undefined;
  const { extras, trained } = epochExtras(job, model, train, stats, best);
  const run = await supervisedRun<InspectCommand>(
    ctx,
    model,
    hyper,
    source,
    'categoricalCrossentropy',
    {
      afterBatch: async (epoch, batch, trainingMs) => {
        const now = ctx.now();
        if (ctx.visible() && now - lastSnapshot >= SNAPSHOT_INTERVAL_MS) {
          lastSnapshot = now;
          await views.pictures();
        }
        if (job.evaluateEvery && batch % job.evaluateEvery === 0) {
          await views.evaluation(epoch, { batch, trainingMs }, job.quickTestLimit ?? 1000);
        }
      },
      afterEpoch: async (epoch, trainingMs) => {
        await views.pictures();
        const more = await extras(epoch);
        // the run's end with early stopping: the best epoch's weights go back, and are measured
        const at = best && (more.earlyStop || epoch === hyper.epochs - 1) ? best.restore(epoch) : undefined;
        if (at !== undefined) more.restored = { epoch: at, ...(await trained()), ...(await views.measure()) };
        await views.evaluation(epoch, { trainingMs, ...more });
        if (at !== undefined) await views.pictures();
        return more.earlyStop ? 'stop' : undefined;
      },
    },
    (command) => views.inspect(command),
    from,
  );
  if (!best) return run;
  return {
    ...run,
    dispose: () => {
      best.dispose();
      run.dispose();
    },
  };
}

async function load(
  ctx: RunContext,
  job: ImageClassificationLoad,
  model: tf.LayersModel,
  from: ModelPlace,
): Promise<TaskRun<InspectCommand>> {
  const run: TaskRun<InspectCommand> = {
    train: async () => {},
    savable: () => ({ model, temporary: false }),
    dispose: () => model.dispose(),
  };
  try {
    const { test } = await ctx.loadImages(job.dataset);
    checkModelFits(model, job.model.inputShape, test.classes);
    const outputs = model.outputs[0]?.shape.at(-1) ?? test.classes;
    const size = Math.min(job.testLimit ?? ctx.evaluationSize, test.labels.length);
    const views = new Views(ctx, model, { ...test, classes: outputs }, size, undefined);
    run.command = (command) => views.inspect(command);
    const filters = await filtersSnapshot(ctx.runId, model);
    if (filters) ctx.post(filters);
    ctx.post({ type: 'model-loaded', runId: ctx.runId, from });
    await views.evaluation(-1, {});
    ctx.controller.setState('done');
    return run;
  } catch (error) {
    run.dispose();
    throw error;
  }
}

export const imageClassification: Task<ImageClassificationJob, InspectCommand, LiveSettings, ImageClassificationLoad> =
  {
    name: 'image-classification',
    parseJob: parseImageClassificationJob,
    parseCommand: parseInspectCommand,
    parseLoad: parseImageClassificationLoad,
    start,
    load,
  };
