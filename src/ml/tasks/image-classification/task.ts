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
  type FeatureStats,
  type ImageArrays,
} from '../../data/image-source';
import { checkModelFits } from '../../models/model-files';
import type { Checkpoint } from '../checkpoint';
import type { RunContext, Task, TaskRun } from '../task';
import { buildFor, supervisedRun } from '../supervised';
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
  async evaluation(epoch: number, extra: { batch?: number; trainingMs?: number }, limit?: number): Promise<void> {
    let size = Math.min(limit ?? Infinity, this.size);
    if (limit === undefined) await examplesArrived(this.test, size);
    else size = Math.min(size, availableExamples(this.test));
    const result = await evaluate(this.model, this.test, size, this.stats, limit === undefined);
    this.ctx.post({ type: 'evaluation', runId: this.ctx.runId, epoch, ...extra, ...result, tested: size });
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
  const train = { ...loaded.train, classes: outputs };
  const test = { ...loaded.test, classes: outputs };
  // standardising statistics are of the training examples the run uses: wait for them all
  if (job.standardise) await examplesArrived(train, Math.min(job.trainLimit ?? Infinity, train.labels.length));
  const stats = job.standardise ? featureStats(train, job.trainLimit) : undefined;
  const model = buildFor(config, hyper);
  const views = new Views(ctx, model, test, Math.min(job.testLimit ?? ctx.evaluationSize, test.labels.length), stats);
  let lastSnapshot = -Infinity;
  const source = imageSource(
    job.mistake === 'detached-labels' ? detachLabels(train, hyper.seed) : train,
    job.trainLimit,
    stats,
  );
  return supervisedRun(
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
        await views.evaluation(epoch, { trainingMs });
      },
    },
    (command) => views.inspect(command),
    from,
  );
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
