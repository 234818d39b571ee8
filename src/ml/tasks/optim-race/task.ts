/**
 * The optimizer race (mathematics chapter, §4 Optimizers): one model, one to five optimizers, the
 * same initial weights and the same batches (job.ts, racers.ts), trained side by side in one
 * worker, a step of each racer per batch.
 *
 *   start     MNIST is loaded; one copy of the model per optimizer; state 'training'
 *   step      every racer trains on the batch: a 'progress' (the racers' mean loss and accuracy)
 *             and a 'snapshot' of kind 'race-train' [racers, 3]: batch loss, batch accuracy, ms so far
 *   evaluate  every `evaluateEvery` steps and after the last: the first `testSize` test images,
 *             a 'snapshot' of kind 'race-test' [racers, 4]: step, test accuracy, test loss, ms so far
 *   end       'done' after the last epoch, or as soon as every racer still in the race has reached
 *             the target (a racer whose loss is no longer finite drops out: NaN in its rows)
 * No checkpoint: after a backend failure the race starts again on the next backend.
 */
import * as tf from '@tensorflow/tfjs';
import { classify, messageOf } from '../../core/states';
import { examplesArrived, imageSource } from '../../data/image-source';
import { evaluate } from '../image-classification/evaluate';
import type { RunContext, Task, TaskRun } from '../task';
import {
  batchOrder,
  parseOptimRaceJob,
  RACE_TEST,
  RACE_TEST_COLUMNS,
  RACE_TRAIN,
  RACE_TRAIN_COLUMNS,
  type OptimRaceJob,
} from './job';
import { buildRacers, disposeRacers, raceStep } from './racers';

async function start(ctx: RunContext, job: OptimRaceJob): Promise<TaskRun<never>> {
  const { train, test } = await ctx.loadImages(job.dataset);
  const source = imageSource(train, job.trainLimit);
  const testData = { ...test, classes: 10 };
  const testSize = Math.min(job.testSize, test.labels.length);
  // every racer sees the same batches in the same order: wait for all of them (no streaming start)
  await examplesArrived(train, source.size);
  await examplesArrived(test, testSize);
  const runs = buildRacers(job.model, job.seed, job.racers);
  const control = ctx.controller;
  const n = runs.length;
  const reached = new Array<boolean>(n).fill(false);

  async function evaluateAll(step: number): Promise<void> {
    const data = new Float32Array(n * RACE_TEST_COLUMNS).fill(Number.NaN);
    for (const [i, run] of runs.entries()) {
      data[i * RACE_TEST_COLUMNS] = step;
      data[i * RACE_TEST_COLUMNS + 3] = run.trainingMs;
      if (run.diverged) continue;
      const { testAcc, testLoss } = await control.guard(evaluate(run.model, testData, testSize, undefined));
      data.set([testAcc, testLoss], i * RACE_TEST_COLUMNS + 1);
      if (testAcc >= job.target) reached[i] = true;
    }
    ctx.post({ type: 'snapshot', runId: ctx.runId, kind: RACE_TEST, shape: [n, RACE_TEST_COLUMNS], data });
  }

  const finished = () => runs.every((run, i) => run.diverged || reached[i]);

  async function race(): Promise<'done' | 'stopped'> {
    const totalBatches = Math.ceil(source.size / job.batchSize);
    let step = 0;
    let windowStart = ctx.now();
    let windowSamples = 0;
    let rate = 0;
    for (const indices of batchOrder(job.seed, source.size, job.batchSize, job.epochs)) {
      if (!(await control.next())) return 'stopped';
      const started = ctx.now();
      const row = new Float32Array(n * RACE_TRAIN_COLUMNS).fill(Number.NaN);
      const { xs, ys } = source.batch(indices);
      try {
        for (const [i, run] of runs.entries()) {
          if (!run.diverged) {
            const { loss, accuracy } = await control.guard(raceStep(run, xs, ys, ctx.now));
            if (!Number.isFinite(loss)) run.diverged = true;
            else row.set([loss, accuracy], i * RACE_TRAIN_COLUMNS);
          }
          row[i * RACE_TRAIN_COLUMNS + 2] = run.trainingMs;
        }
      } finally {
        tf.dispose([xs, ys]);
      }
      step += 1;
      await control.keepPace(started, ctx.now());
      windowSamples += indices.length;
      const now = ctx.now();
      if (now - windowStart >= 500) {
        rate = (windowSamples * 1000) / (now - windowStart);
        [windowStart, windowSamples] = [now, 0];
      }
      const live = runs.map((_, i) => row[i * RACE_TRAIN_COLUMNS]!).filter(Number.isFinite);
      const accs = runs.map((_, i) => row[i * RACE_TRAIN_COLUMNS + 1]!).filter(Number.isFinite);
      const mean = (v: number[]) => (v.length ? v.reduce((a, b) => a + b, 0) / v.length : Number.NaN);
      ctx.post({
        type: 'progress',
        runId: ctx.runId,
        epoch: Math.floor((step - 1) / totalBatches),
        batch: ((step - 1) % totalBatches) + 1,
        totalBatches,
        loss: mean(live),
        acc: mean(accs),
        samplesPerSec: rate,
        trainingMs: runs.reduce((sum, run) => sum + run.trainingMs, 0),
        tensors: tf.memory().numTensors,
      });
      ctx.post({ type: 'snapshot', runId: ctx.runId, kind: RACE_TRAIN, shape: [n, RACE_TRAIN_COLUMNS], data: row });
      const last = step === totalBatches * job.epochs;
      if (step % job.evaluateEvery === 0 || last) {
        await evaluateAll(step);
        if (finished()) return 'done';
        windowStart = ctx.now();
        windowSamples = 0;
      }
    }
    return 'done';
  }

  return {
    train: async () => {
      control.setState('training');
      try {
        const outcome = await race();
        if (outcome === 'done') control.setState('done');
        else if (!control.cancelled) control.setState('idle');
      } catch (error) {
        if (control.cancelled || control.handOver(error)) return;
        ctx.post({ type: 'error', runId: ctx.runId, kind: classify(error), message: messageOf(error) });
        control.setState('error');
      }
    },
    dispose: () => disposeRacers(runs),
  };
}

export const optimRace: Task<OptimRaceJob, never> = {
  name: 'optim-race',
  parseJob: parseOptimRaceJob,
  start,
};
