/**
 * The batch-size sweep (FAQ, "how can training be made faster"): one model trained once per batch
 * size, one batch size after another, each from the same initial weights (built from the seed)
 * and with the same seeded shuffles of the data, with SGD and momentum at the job's learning rate
 * for that batch size (job.ts). The optimizer race's model and step (`raceStep`) are reused.
 *
 *   start     MNIST is loaded; state 'training'
 *   per size  a fresh copy of the model; steps until a test reaches the target, the loss stops
 *             being finite, or the budget of epochs is spent
 *   step      a 'progress': epoch = the batch size's index, batch = examples seen at this size,
 *             totalBatches = the budget in examples (so the kit's ETA is the worst case left)
 *   test      every ~`evaluateEvery` examples: a 'snapshot' of kind 'batch-test' [1, 6]
 *   end       of each size: a 'snapshot' of kind 'batch-result' [1, 10]; 'done' after the last
 * No checkpoint: after a backend failure the sweep starts again on the next backend.
 */
import * as tf from '@tensorflow/tfjs';
import { classify, messageOf } from '../../core/states';
import { examplesArrived, imageSource } from '../../data/image-source';
import { evaluate } from '../image-classification/evaluate';
import { batchOrder } from '../optim-race/job';
import { buildRacers, disposeRacers, raceStep, type RacerRun } from '../optim-race/racers';
import type { RunContext, Task, TaskRun } from '../task';
import {
  learningRateFor,
  parseBatchLabJob,
  resultRow,
  SWEEP_RESULT,
  SWEEP_RESULT_COLUMNS,
  SWEEP_TEST,
  SWEEP_TEST_COLUMNS,
  testInterval,
  type BatchLabJob,
  type SweepResult,
} from './job';

async function start(ctx: RunContext, job: BatchLabJob): Promise<TaskRun<never>> {
  const { train, test } = await ctx.loadImages(job.dataset);
  const source = imageSource(train, job.trainLimit);
  const testData = { ...test, classes: 10 };
  const testSize = Math.min(job.testSize, test.labels.length);
  // every batch size sees the same shuffles: wait for all the data (no streaming start)
  await examplesArrived(train, source.size);
  await examplesArrived(test, testSize);
  const control = ctx.controller;
  const budget = source.size * job.epochs;
  /** the model of the batch size being trained (one at a time) */
  let current: RacerRun[] = [];
  let totalMs = 0;

  async function sweepOne(index: number, batch: number): Promise<SweepResult | 'stopped'> {
    const learningRate = learningRateFor(job, batch);
    current = buildRacers(job.model, job.seed, [{ kind: 'momentum', learningRate, momentum: job.momentum }]);
    const run = current[0]!;
    const every = testInterval(job.evaluateEvery, batch);
    const result: SweepResult = {
      index,
      batchSize: batch,
      learningRate,
      samplesPerSec: 0,
      outcome: 'budget',
      steps: 0,
      lastAcc: Number.NaN,
    };
    let seen = 0;
    let windowStart = ctx.now();
    let windowSamples = 0;
    let rate = 0;
    const totalSteps = Math.ceil(source.size / batch) * job.epochs;
    for (const indices of batchOrder(job.seed, source.size, batch, job.epochs)) {
      if (!(await control.next())) return 'stopped';
      const started = ctx.now();
      const { xs, ys } = source.batch(indices);
      let loss: number;
      let acc: number;
      const before = run.trainingMs;
      try {
        ({ loss, accuracy: acc } = await control.guard(raceStep(run, xs, ys, ctx.now)));
      } finally {
        tf.dispose([xs, ys]);
      }
      totalMs += run.trainingMs - before;
      seen += indices.length;
      windowSamples += indices.length;
      await control.keepPace(started, ctx.now());
      const now = ctx.now();
      if (now - windowStart >= 500 || rate === 0) {
        rate = (windowSamples * 1000) / Math.max(1, now - windowStart);
        [windowStart, windowSamples] = [now, 0];
      }
      ctx.post({
        type: 'progress',
        runId: ctx.runId,
        epoch: index,
        batch: seen,
        totalBatches: budget,
        loss,
        acc,
        samplesPerSec: rate,
        trainingMs: totalMs,
        tensors: tf.memory().numTensors,
      });
      result.steps = run.steps;
      result.samplesPerSec = (seen * 1000) / Math.max(1e-3, run.trainingMs);
      if (!Number.isFinite(loss)) {
        result.outcome = 'diverged';
        return result;
      }
      if (run.steps % every === 0 || run.steps === totalSteps) {
        const { testAcc, testLoss } = await control.guard(evaluate(run.model, testData, testSize, undefined));
        result.lastAcc = testAcc;
        const data = Float32Array.from([index, run.steps, seen, testAcc, testLoss, run.trainingMs]);
        ctx.post({ type: 'snapshot', runId: ctx.runId, kind: SWEEP_TEST, shape: [1, SWEEP_TEST_COLUMNS], data });
        if (testAcc >= job.target) {
          result.outcome = 'reached';
          result.toTarget = { steps: run.steps, seconds: run.trainingMs / 1000, examples: seen };
          return result;
        }
        windowStart = ctx.now();
        windowSamples = 0;
      }
    }
    return result;
  }

  function release(): void {
    disposeRacers(current);
    current = [];
  }

  async function sweep(): Promise<'done' | 'stopped'> {
    for (const [index, batch] of job.batchSizes.entries()) {
      try {
        const result = await sweepOne(index, batch);
        if (result === 'stopped') return 'stopped';
        const data = resultRow(result);
        ctx.post({ type: 'snapshot', runId: ctx.runId, kind: SWEEP_RESULT, shape: [1, SWEEP_RESULT_COLUMNS], data });
      } finally {
        release();
      }
    }
    return 'done';
  }

  return {
    train: async () => {
      control.setState('training');
      try {
        const outcome = await sweep();
        if (outcome === 'done') control.setState('done');
        else if (!control.cancelled) control.setState('idle');
      } catch (error) {
        if (control.cancelled || control.handOver(error)) return;
        ctx.post({ type: 'error', runId: ctx.runId, kind: classify(error), message: messageOf(error) });
        control.setState('error');
      }
    },
    dispose: release,
  };
}

export const batchLab: Task<BatchLabJob, never> = {
  name: 'batch-lab',
  parseJob: parseBatchLabJob,
  start,
};
