/**
 * The Transformer race (mathematics chapter, attention page): a one-block Transformer and a
 * bidirectional LSTM of about the same size learn to reverse (or sort) digit sequences, at equal
 * training time. Sequences come from the seeded generator (job.ts): no download.
 *
 *   start     both models built from the seed; state 'training'
 *   step      the two take turns, one batch each (the same batch), each timed on its own steps;
 *             a model whose time is spent sits out. Every step: a 'progress' and a 'snapshot' of
 *             kind TR_TRAIN [2, 3] (loss, batch token accuracy, training ms; NaN: no step)
 *   test      every `evaluateEvery` of its own steps and when its time is up, a model is tested
 *             on the held-out sequences (not timed): a 'snapshot' of kind TR_TEST [5]
 *   end       when both budgets are spent: the Transformer's attention on the first test
 *             sequence, a 'snapshot' of kind TR_ATTENTION [L + 2, L]; state 'done'
 * No checkpoint: after a backend failure the race starts again on the next backend.
 */
import * as tf from '@tensorflow/tfjs';
import { classify, messageOf, NaNLoss } from '../../core/states';
import type { RunContext, Task, TaskRun } from '../task';
import {
  accuracies,
  MODELS,
  parseTransformerRaceJob,
  testSet,
  TR_ATTENTION,
  TR_TEST,
  TR_TRAIN,
  TR_TRAIN_COLUMNS,
  trainingStream,
  type SequenceBatch,
  type TransformerRaceJob,
} from './job';
import { buildLstm, buildTransformer, oneHot, predict, raceStep, transformerForward, type Racer } from './models';

/** sequences predicted at once while testing */
const TEST_BATCH = 250;

async function test(racer: Racer, set: SequenceBatch, length: number) {
  const predicted = new Int32Array(set.n * length);
  for (let from = 0; from < set.n; from += TEST_BATCH) {
    const n = Math.min(TEST_BATCH, set.n - from);
    const xs = oneHot(set.inputs.subarray(from * length, (from + n) * length), n, length);
    try {
      predicted.set(await predict(racer, xs), from * length);
    } finally {
      xs.dispose();
    }
  }
  return accuracies(predicted, set.targets, set.n, length);
}

async function start(ctx: RunContext, job: TransformerRaceJob): Promise<TaskRun<never>> {
  const { length, batchSize } = job;
  const transformer = buildTransformer(length, job.seed, job.learningRate);
  let lstm: Racer;
  try {
    lstm = buildLstm(length, job.seed, job.learningRate);
  } catch (error) {
    transformer.dispose();
    throw error;
  }
  const racers: Racer[] = [transformer, lstm];
  const held = testSet(job.task, length, job.testSize, job.seed);
  const next = trainingStream(job.task, length, job.seed, held);
  const budgetMs = job.budgetSeconds * 1000;
  const control = ctx.controller;

  async function evaluate(i: number): Promise<void> {
    const racer = racers[i]!;
    const { tokenAcc, sequenceAcc } = await control.guard(test(racer, held, length));
    const data = Float32Array.from([i, racer.steps, tokenAcc, sequenceAcc, racer.trainingMs]);
    ctx.post({ type: 'snapshot', runId: ctx.runId, kind: TR_TEST, shape: [5], data });
  }

  async function attention(): Promise<void> {
    const first = held.inputs.subarray(0, length);
    const xs = oneHot(first, 1, length);
    const [logits, weights] = tf.tidy(() => {
      const out = transformerForward(transformer.weights, xs);
      return [out.logits.argMax(-1), out.attention];
    });
    try {
      const [ids, w] = await Promise.all([logits.data(), weights.data()]);
      const data = new Float32Array((length + 2) * length);
      data.set(first, 0);
      data.set(ids, length);
      data.set(w, 2 * length);
      ctx.post({ type: 'snapshot', runId: ctx.runId, kind: TR_ATTENTION, shape: [length + 2, length], data });
    } finally {
      tf.dispose([xs, logits, weights]);
    }
  }

  async function race(): Promise<'done' | 'stopped'> {
    let step = 0;
    let windowStart = ctx.now();
    let windowSamples = 0;
    let rate = 0;
    const spent = (r: Racer) => r.trainingMs >= budgetMs;
    while (!racers.every(spent)) {
      if (!(await control.next())) return 'stopped';
      const started = ctx.now();
      const batch = next(batchSize);
      const xs = oneHot(batch.inputs, batchSize, length);
      const ys = oneHot(batch.targets, batchSize, length);
      const row = new Float32Array(MODELS.length * TR_TRAIN_COLUMNS).fill(Number.NaN);
      const tests: number[] = [];
      try {
        for (const [i, racer] of racers.entries()) {
          if (spent(racer)) continue;
          const { loss, accuracy } = await control.guard(raceStep(racer, xs, ys, ctx.now));
          if (!Number.isFinite(loss)) throw new NaNLoss(`the ${MODELS[i]} loss became NaN at its step ${racer.steps}`);
          row.set([loss, accuracy, racer.trainingMs], i * TR_TRAIN_COLUMNS);
          if (racer.steps % job.evaluateEvery === 0 || spent(racer)) tests.push(i);
        }
      } finally {
        tf.dispose([xs, ys]);
      }
      step += 1;
      await control.keepPace(started, ctx.now());
      windowSamples += batchSize;
      const now = ctx.now();
      if (now - windowStart >= 500) {
        rate = (windowSamples * 1000) / (now - windowStart);
        [windowStart, windowSamples] = [now, 0];
      }
      // the steps left, estimated from the time each model has left at its pace so far
      const left = Math.max(
        ...racers.map((r) => (r.steps > 0 ? Math.max(0, budgetMs - r.trainingMs) / (r.trainingMs / r.steps) : 0)),
      );
      const live = racers.map((_, i) => row[i * TR_TRAIN_COLUMNS]!).filter(Number.isFinite);
      const accs = racers.map((_, i) => row[i * TR_TRAIN_COLUMNS + 1]!).filter(Number.isFinite);
      const mean = (v: number[]) => v.reduce((a, b) => a + b, 0) / v.length;
      ctx.post({
        type: 'progress',
        runId: ctx.runId,
        epoch: 0,
        batch: step,
        totalBatches: step + Math.ceil(left),
        loss: mean(live),
        acc: mean(accs),
        samplesPerSec: rate,
        trainingMs: racers.reduce((sum, r) => sum + r.trainingMs, 0),
        tensors: tf.memory().numTensors,
      });
      ctx.post({
        type: 'snapshot',
        runId: ctx.runId,
        kind: TR_TRAIN,
        shape: [MODELS.length, TR_TRAIN_COLUMNS],
        data: row,
      });
      for (const i of tests) await evaluate(i);
      if (tests.length > 0) {
        windowStart = ctx.now();
        windowSamples = 0;
      }
    }
    await attention();
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
    dispose: () => {
      for (const racer of racers) racer.dispose();
    },
  };
}

export const transformerRace: Task<TransformerRaceJob, never> = {
  name: 'transformer-race',
  parseJob: parseTransformerRaceJob,
  start,
};
