/**
 * The transfer-learning lab (Outlook, "Transfer and adaptive learning"): a source model, the
 * article's CNN trained here on MNIST for one epoch (or the reader's saved Practice model), reused
 * for Fashion-MNIST three ways (models.ts) with each number of labelled examples.
 *
 *   start / load  both data sets are loaded; state 'training'
 *   source        (start only) one epoch on the first `sourceLimit` MNIST images; then an
 *                 'evaluation' of the source model on its own test images, and a 'snapshot'
 *                 TRANSFER_FILTERS of its first-layer filters
 *   cells         for each count, ascending, for each strategy: a new model, `cellSteps` batches of
 *                 the job's optimizer on the first `count` target images (reshuffled each pass, the same seed for
 *                 every cell), its accuracy on the first `testLimit` target test images; a 'snapshot'
 *                 TRANSFER_CELLS with every finished cell; after the largest count from scratch,
 *                 TRANSFER_FILTERS again with that model's first-layer filters (label 'scratch')
 *   end           'done'; one 'progress' per batch over the whole run (epoch 0, its batches counted
 *                 across the source and every cell), so the lab's progress and ETA cover all of it
 * No checkpoint: after a backend failure the run starts again on the next backend.
 */
import * as tf from '@tensorflow/tfjs';
import type { ModelPlace } from '../../core/messages';
import type { LiveSettings } from '../../core/run-controller';
import { classify, messageOf, NaNLoss } from '../../core/states';
import { examplesArrived, imageSource, type ImageArrays } from '../../data/image-source';
import { disposeModel } from '../../models/build-model';
import { checkModelFits } from '../../models/model-files';
import { mulberry32, shuffledIndices } from '../../random';
import { trainStep } from '../../train-step';
import { evaluate } from '../image-classification/evaluate';
import { buildFor, makeOptimizer } from '../supervised';
import type { ImageData, RunContext, Task, TaskRun } from '../task';
import {
  CELL_COLUMNS,
  cellSteps,
  parseTransferJob,
  parseTransferSettings,
  STRATEGIES,
  TRANSFER_CELLS,
  TRANSFER_FILTERS,
  type TransferJob,
  type TransferLoad,
  type TransferSettings,
} from './job';
import { firstFilters, transferModel } from './models';

/** Where the whole run stands, for its progress messages. */
interface Meter {
  done: number;
  total: number;
  trainingMs: number;
  windowStart: number;
  windowSamples: number;
  rate: number;
}

/**
 * `steps` batches of the job's optimizer on the first `size` examples of `arrays`, under the run's controller.
 * @returns false when the run was stopped
 */
async function trainFor(
  ctx: RunContext,
  model: tf.LayersModel,
  arrays: ImageArrays,
  size: number,
  steps: number,
  settings: TransferSettings,
  meter: Meter,
): Promise<boolean> {
  await examplesArrived(arrays, size);
  const source = imageSource(arrays, size);
  const batch = Math.min(settings.hyper.batchSize, size);
  const random = mulberry32(settings.hyper.seed);
  let order = shuffledIndices(size, random);
  let at = 0;
  const optimizer = makeOptimizer(settings.hyper);
  try {
    for (let step = 0; step < steps; step++) {
      if (!(await ctx.controller.next())) return false;
      if (at + batch > size) [order, at] = [shuffledIndices(size, random), 0];
      const indices = order.subarray(at, at + batch);
      at += batch;
      const started = ctx.now();
      const { xs, ys } = source.batch(indices);
      let result;
      try {
        result = await trainStep(model, optimizer, xs, ys, 'categoricalCrossentropy', (r) => ctx.controller.guard(r));
      } finally {
        tf.dispose([xs, ys]);
      }
      if (!Number.isFinite(result.loss)) throw new NaNLoss(`the loss became ${result.loss}`);
      const now = ctx.now();
      meter.trainingMs += now - started;
      meter.done += 1;
      meter.windowSamples += indices.length;
      if (now - meter.windowStart >= 500) {
        meter.rate = (meter.windowSamples * 1000) / (now - meter.windowStart);
        [meter.windowStart, meter.windowSamples] = [now, 0];
      }
      ctx.post({
        type: 'progress',
        runId: ctx.runId,
        epoch: 0,
        batch: meter.done,
        totalBatches: meter.total,
        loss: result.loss,
        acc: result.accuracy,
        samplesPerSec: meter.rate,
        trainingMs: meter.trainingMs,
        tensors: tf.memory().numTensors,
      });
      await ctx.controller.keepPace(started, ctx.now());
    }
  } finally {
    optimizer.dispose();
  }
  return true;
}

/** The run: the source model (trained first when `sourceLimit` > 0), then every cell. */
function transferRun(
  ctx: RunContext,
  settings: TransferSettings,
  data: { source: ImageData; target: ImageData },
  sourceModel: tf.LayersModel,
  sourceLimit: number,
): TaskRun<never> {
  const { hyper, counts } = settings;
  const target = { train: { ...data.target.train, classes: 10 }, test: { ...data.target.test, classes: 10 } };
  const sizes = counts.map((c) => Math.min(c, target.train.labels.length));
  const sourceSize = Math.min(sourceLimit, data.source.train.labels.length);
  const sourceSteps = sourceSize > 0 ? Math.ceil(sourceSize / Math.min(hyper.batchSize, sourceSize)) : 0;
  const cellTotal = sizes.reduce((sum, n) => sum + STRATEGIES.length * cellSteps(n, hyper, settings.minSteps), 0);
  const meter: Meter = {
    done: 0,
    total: sourceSteps + cellTotal,
    trainingMs: 0,
    windowStart: ctx.now(),
    windowSamples: 0,
    rate: 0,
  };
  const postFilters = async (model: tf.LayersModel, which: 'source' | 'scratch') => {
    const { shape, data } = await firstFilters(model);
    ctx.post({ type: 'snapshot', runId: ctx.runId, kind: TRANSFER_FILTERS, shape, data, labels: [which] });
  };

  async function run(): Promise<boolean> {
    if (sourceSteps > 0) {
      const trained = await trainFor(ctx, sourceModel, data.source.train, sourceSize, sourceSteps, settings, meter);
      if (!trained) return false;
    }
    const sourceTest = { ...data.source.test, classes: 10 };
    const sourceTested = Math.min(settings.testLimit, sourceTest.labels.length);
    await examplesArrived(sourceTest, sourceTested);
    const scored = await evaluate(sourceModel, sourceTest, sourceTested, undefined);
    ctx.post({ type: 'evaluation', runId: ctx.runId, epoch: 0, ...scored, tested: sourceTested });
    await postFilters(sourceModel, 'source');

    const tested = Math.min(settings.testLimit, target.test.labels.length);
    const rows: number[] = [];
    for (const [c, size] of sizes.entries()) {
      for (const [s, strategy] of STRATEGIES.entries()) {
        const model = transferModel(settings.model, hyper.seed, sourceModel, strategy);
        try {
          const started = meter.trainingMs;
          const steps = cellSteps(size, hyper, settings.minSteps);
          if (!(await trainFor(ctx, model, target.train, size, steps, settings, meter))) return false;
          await examplesArrived(target.test, tested);
          const { testAcc } = await ctx.controller.guard(evaluate(model, target.test, tested, undefined));
          rows.push(s, size, testAcc, meter.trainingMs - started);
          ctx.post({
            type: 'snapshot',
            runId: ctx.runId,
            kind: TRANSFER_CELLS,
            shape: [rows.length / CELL_COLUMNS, CELL_COLUMNS],
            data: Float32Array.from(rows),
          });
          if (strategy === 'scratch' && c === sizes.length - 1) await postFilters(model, 'scratch');
        } finally {
          disposeModel(model);
        }
      }
    }
    return true;
  }

  return {
    train: async () => {
      const control = ctx.controller;
      control.setState('training');
      try {
        if (await run()) control.setState('done');
        else if (!control.cancelled) control.setState('idle');
      } catch (error) {
        if (control.cancelled || control.handOver(error)) return;
        ctx.post({ type: 'error', runId: ctx.runId, kind: classify(error), message: messageOf(error) });
        control.setState('error');
      }
    },
    savable: () => ({ model: sourceModel, temporary: false }),
    dispose: () => disposeModel(sourceModel),
  };
}

async function loadBoth(ctx: RunContext, settings: TransferSettings) {
  return { source: await ctx.loadImages(settings.source), target: await ctx.loadImages(settings.target) };
}

async function start(ctx: RunContext, job: TransferJob): Promise<TaskRun<never>> {
  const data = await loadBoth(ctx, job);
  return transferRun(ctx, job, data, buildFor(job.model, job.hyper), job.sourceLimit);
}

/** The reader's saved model as the source: checked, then the cells run before `load` resolves. */
async function load(ctx: RunContext, job: TransferLoad, model: tf.LayersModel, from: ModelPlace) {
  let run: TaskRun<never> | undefined;
  try {
    checkModelFits(model, job.model.inputShape, 10);
    const data = await loadBoth(ctx, job);
    ctx.post({ type: 'model-loaded', runId: ctx.runId, from });
    run = transferRun(ctx, job, data, model, 0);
  } catch (error) {
    model.dispose();
    throw error;
  }
  await run.train();
  return run;
}

export const transferTask: Task<TransferJob, never, LiveSettings, TransferLoad> = {
  name: 'transfer',
  parseJob: parseTransferJob,
  parseLoad: parseTransferSettings,
  start,
  load,
};
