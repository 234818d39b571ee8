import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ModelConfig } from '../models/model-config';
import { cpuSession, stopThenReset, until } from './session-harness';
import { quadrantImages } from './quadrants.fixture';
import {
  learningRateFor,
  parseBatchLabJob,
  readResult,
  resultRow,
  SWEEP_RESULT,
  SWEEP_TEST,
  testInterval,
  type BatchLabJob,
} from '../tasks/batch-lab/job';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const MLP: ModelConfig = {
  inputShape: [12, 12, 1],
  layers: [
    { type: 'flatten' },
    { type: 'dense', units: 8, activation: 'relu' },
    { type: 'dense', units: 10, activation: 'softmax' },
  ],
  optimizer: 'adam',
  learningRate: 0.01,
  loss: 'categoricalCrossentropy',
  batchSize: 8,
};

function job(change: Partial<BatchLabJob> = {}): BatchLabJob {
  const { n, images, labels } = quadrantImages();
  const arrays = { images, labels, imageShape: [12, 12, 1] as const, classes: 10 };
  return {
    model: MLP,
    dataset: { kind: 'inline', name: 'quad', train: arrays, test: arrays },
    batchSizes: [4, 16],
    lrMode: 'linear',
    learningRate: 0.05,
    baseBatch: 4,
    momentum: 0.9,
    epochs: 4,
    seed: 3,
    testSize: n,
    evaluateEvery: 16,
    target: 0.99,
    ...change,
  };
}

describe('the batch-size sweep: its arithmetic', () => {
  it('scales the learning rate linearly from the base batch size, or keeps it fixed', () => {
    const base = { learningRate: 0.01, baseBatch: 32 };
    expect(learningRateFor({ ...base, lrMode: 'linear' }, 256)).toBeCloseTo(0.08, 12);
    expect(learningRateFor({ ...base, lrMode: 'linear' }, 16)).toBeCloseTo(0.005, 12);
    expect(learningRateFor({ ...base, lrMode: 'fixed' }, 256)).toBe(0.01);
  });

  it('tests every so many examples, rounded to whole steps, at least every step', () => {
    expect(testInterval(3200, 16)).toBe(200);
    expect(testInterval(3200, 256)).toBe(13);
    expect(testInterval(100, 512)).toBe(1);
  });

  it('refuses a job out of bounds', () => {
    const valid = job() as unknown as Record<string, unknown>;
    expect(parseBatchLabJob(valid).batchSizes).toEqual([4, 16]);
    expect(() => parseBatchLabJob({ ...valid, batchSizes: [] })).toThrow(/batchSizes/);
    expect(() => parseBatchLabJob({ ...valid, batchSizes: [8, 8] })).toThrow(/distinct/);
    expect(() => parseBatchLabJob({ ...valid, batchSizes: [0] })).toThrow(/batchSizes/);
    expect(() => parseBatchLabJob({ ...valid, lrMode: 'cosine' })).toThrow(/lrMode/);
    expect(() => parseBatchLabJob({ ...valid, learningRate: Number.NaN })).toThrow(/learningRate/);
    expect(() => parseBatchLabJob({ ...valid, momentum: 1 })).toThrow(/momentum/);
    expect(() => parseBatchLabJob({ ...valid, epochs: 0 })).toThrow(/epochs/);
    expect(() => parseBatchLabJob({ ...valid, target: 1.5 })).toThrow(/target/);
  });

  it('carries a result through its snapshot row', () => {
    const reached = {
      index: 1,
      batchSize: 64,
      learningRate: 0.02,
      samplesPerSec: 5000,
      toTarget: { steps: 300, seconds: 4.5, examples: 19200 },
      outcome: 'reached' as const,
      steps: 300,
      lastAcc: 0.5,
    };
    const back = readResult(resultRow(reached));
    expect(back.toTarget).toEqual(reached.toTarget);
    expect(back.outcome).toBe('reached');
    expect(back.learningRate).toBeCloseTo(0.02, 6);
    const { toTarget: _, ...missed } = reached;
    expect(readResult(resultRow({ ...missed, outcome: 'budget' })).toTarget).toBeUndefined();
  });
});

describe('the batch-size sweep in the session', () => {
  it('trains each batch size from the same start, tests, reports a result each and frees every tensor', async () => {
    const h = cpuSession();
    await h.session.initBackend();
    const baseline = tf.memory().numTensors;
    await h.session.handle({ type: 'start', runId: 1, task: 'batch-lab', job: job({ epochs: 2 }) });
    expect(h.states().at(-1)).toBe('done');
    const snaps = (kind: string) => h.of('snapshot').filter((m) => m.kind === kind);
    const results = snaps(SWEEP_RESULT).map((m) => readResult(m.data));
    expect(results.map((r) => r.batchSize)).toEqual([4, 16]);
    expect(results[0]!.learningRate).toBeCloseTo(0.05, 6);
    expect(results[1]!.learningRate).toBeCloseTo(0.2, 6);
    for (const r of results) {
      expect(r.samplesPerSec).toBeGreaterThan(0);
      if (r.outcome === 'reached') expect(r.toTarget!.examples).toBe(r.toTarget!.steps * r.batchSize);
      else expect(r.steps).toBe(Math.ceil(32 / r.batchSize) * 2);
    }
    // tests every 16 examples: every 4th step at batch 4, every step at batch 16
    const tests = snaps(SWEEP_TEST).map((m) => Array.from(m.data));
    expect(tests.filter((t) => t[0] === 0).every((t) => t[1]! % 4 === 0 && t[2] === t[1]! * 4)).toBe(true);
    expect(tests.filter((t) => t[0] === 1).map((t) => t[1])).toEqual(
      Array.from({ length: tests.filter((t) => t[0] === 1).length }, (_, i) => i + 1),
    );
    // the progress counts examples against the budget of each batch size
    const progress = h.of('progress');
    expect(progress.every((p) => p.totalBatches === 32 * 2 && p.batch <= 32 * 2)).toBe(true);
    // the same seed and settings give the same first test at batch 4 (same initial weights and batches)
    const again = cpuSession();
    await again.session.initBackend();
    await again.session.handle({
      type: 'start',
      runId: 1,
      task: 'batch-lab',
      job: job({ batchSizes: [4], epochs: 2 }),
    });
    const first = again.of('snapshot').find((m) => m.kind === SWEEP_TEST)!;
    expect(Array.from(first.data).slice(0, 5)).toEqual(tests[0]!.slice(0, 5));
    await again.session.handle({ type: 'reset' });
    await h.session.handle({ type: 'reset' });
    expect(tf.memory().numTensors).toBe(baseline);
  }, 120_000);

  it('ends a batch size at the first test that reaches the target, at a fixed learning rate', async () => {
    const h = cpuSession();
    await h.session.initBackend();
    const baseline = tf.memory().numTensors;
    await h.session.handle({
      type: 'start',
      runId: 1,
      task: 'batch-lab',
      job: job({ batchSizes: [8, 2], lrMode: 'fixed', learningRate: 0.1, target: 0.5, epochs: 20 }),
    });
    expect(h.states().at(-1)).toBe('done');
    const results = h
      .of('snapshot')
      .filter((m) => m.kind === SWEEP_RESULT)
      .map((m) => readResult(m.data));
    expect(results.map((r) => [r.outcome, r.learningRate])).toEqual([
      ['reached', expect.closeTo(0.1, 6)],
      ['reached', expect.closeTo(0.1, 6)],
    ]);
    for (const r of results) {
      expect(r.toTarget!.steps).toBe(r.steps);
      expect(r.lastAcc).toBeGreaterThanOrEqual(0.5);
      expect(r.steps).toBeLessThan(Math.ceil(32 / r.batchSize) * 20);
    }
    await h.session.handle({ type: 'reset' });
    expect(tf.memory().numTensors).toBe(baseline);
  }, 120_000);

  it('pauses and stops mid-sweep with the tensors back to the baseline', async () => {
    const h = cpuSession();
    await h.session.initBackend();
    const baseline = tf.memory().numTensors;
    const running = h.session.handle({
      type: 'start',
      runId: 2,
      task: 'batch-lab',
      job: job({ batchSizes: [1, 2], epochs: 20, target: 1 }),
    });
    await until(() => h.of('progress').length >= 3);
    await h.session.handle({ type: 'pause', runId: 2 });
    await until(() => h.states().at(-1) === 'paused');
    await stopThenReset(h, 2, running, baseline);
  });
});
