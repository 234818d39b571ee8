// A run survives its backend: checkpoints restore weights, optimizer state and position exactly,
// and the session continues a run whose backend fails (an injected kernel error, worker/fault.ts)
// on the next backend from its last checkpoint; other failures still end in 'error'.
import * as tf from '@tensorflow/tfjs';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { initWasmForNode, loadBackendForNode } from '../backends/node-wasm';
import type { FromWorker } from '../core/messages';
import { RunController } from '../core/run-controller';
import { classify, isBackendFailure } from '../core/states';
import { DEFAULT_GAN_CONFIG } from '../gan/gan-config';
import { articleCnn, recurrentModel } from '../models/build-model';
import { freeAbandonedTape, type Checkpoint } from '../tasks/checkpoint';
import { imageClassification } from '../tasks/image-classification/task';
import type { RunContext } from '../tasks/task';
import { injectFault } from './fault';
import { TrainingSession } from './training-session';
import { quadrantImages } from './quadrants.fixture';

/** 32 "bright quadrant" images of 12×12, four classes. */
function quadrants() {
  const { images, labels } = quadrantImages();
  const arrays = { images, labels, imageShape: [12, 12, 1] as const, classes: 10 };
  return { kind: 'inline' as const, name: 'quadrants', train: arrays, test: arrays };
}

/** a small CNN (the article's, narrower: the CPU trains it quickly) */
const smallCnn = {
  ...articleCnn([12, 12, 1]),
  layers: [
    { type: 'conv2d' as const, filters: 4, kernelSize: 3, activation: 'relu' as const },
    { type: 'maxPooling2d' as const, poolSize: 2 },
    { type: 'flatten' as const },
    { type: 'dense' as const, units: 16, activation: 'relu' as const },
    { type: 'dense' as const, units: 10, activation: 'softmax' as const },
  ],
};

const cnnJob = (optimizer: 'adam' | 'rmsprop' | 'sgd') => ({
  model: smallCnn,
  hyper: { learningRate: 0.01, batchSize: 8, epochs: 2, optimizer, seed: 1 },
  dataset: quadrants(),
});

const ganJob = {
  kind: 'plane',
  target: { kind: 'ring', modes: 4, radius: 2, std: 0.1 },
  config: { ...DEFAULT_GAN_CONFIG, noiseDim: 2, generatorHidden: [8], discriminatorHidden: [8] },
  schedule: { loss: 'non-saturating', dSteps: 1, gSteps: 1, batchSize: 16 },
  iterations: 12,
  seed: 1,
  show: 8,
};

const series = Float32Array.from({ length: 80 }, (_, i) => Math.sin(i / 4));
function windows(from: number, to: number) {
  const xs: number[] = [];
  const ys: number[] = [];
  for (let t = from + 8; t < to; t++) {
    xs.push(...series.subarray(t - 8, t));
    ys.push(series[t]!);
  }
  return { xs: Float32Array.from(xs), ys: Float32Array.from(ys), steps: 8, outputs: 1 };
}
const forecastJob = {
  model: recurrentModel('lstm', 8, 1, 8, 1, { regression: true }),
  hyper: { learningRate: 0.02, batchSize: 8, epochs: 2, optimizer: 'adam', seed: 3 },
  dataset: { kind: 'windows', train: windows(0, 60), test: windows(60, 80) },
};

let repair: (() => void) | undefined;
afterEach(() => {
  repair?.();
  repair = undefined;
});

beforeAll(async () => {
  await initWasmForNode();
});

function context(post: (m: FromWorker) => void): RunContext {
  return {
    runId: 1,
    post,
    controller: new RunController<string>(1, post, 'step'),
    visible: () => false,
    loadImages: async (dataset) => {
      if (dataset.kind !== 'inline') throw new Error('inline only');
      return { train: dataset.train, test: dataset.test };
    },
    loadArrays: async () => {
      throw new Error('no arrays here');
    },
    evaluationSize: 8,
    checkpointIntervalMs: 0,
    now: () => performance.now(),
  };
}

const stepOf = (m: FromWorker) => (m.type === 'progress' ? m.epoch * m.totalBatches + m.batch : -1);

describe('checkpoints', () => {
  for (const optimizer of ['adam', 'rmsprop', 'sgd'] as const) {
    it(`a run restored from its checkpoint (${optimizer}) ends with the weights of a run never interrupted`, async () => {
      await tf.setBackend('cpu');
      const baseline = tf.memory().numTensors;
      const job = imageClassification.parseJob(cnnJob(optimizer));
      const whole = await imageClassification.start(
        context(() => {}),
        job,
      );
      await whole.train();
      const expected = whole.savable!()!
        .model.getWeights()
        .map((w) => w.dataSync().slice());
      whole.dispose();

      // the same run, whose backend fails at step 6 (the second epoch)
      const ctx = context((m) => {
        if (stepOf(m) === 6) repair = injectFault('kernel').repair;
      });
      ctx.controller.onBackendFailure((error) => isBackendFailure(classify(error)));
      const failing = await imageClassification.start(ctx, job);
      await failing.train();
      const checkpoint = failing.checkpoint!() as Checkpoint;
      expect(checkpoint.step).toBeGreaterThanOrEqual(4);
      expect(checkpoint.step).toBeLessThanOrEqual(6);
      freeAbandonedTape();
      failing.dispose();
      repair!();

      const seen: FromWorker[] = [];
      const restored = await imageClassification.start(
        context((m) => seen.push(m)),
        job,
        checkpoint,
      );
      await restored.train();
      // it goes on from the step after the checkpoint, to the end
      expect(stepOf(seen.find((m) => m.type === 'progress')!)).toBe(checkpoint.step + 1);
      expect(stepOf(seen.findLast((m) => m.type === 'progress')!)).toBe(8);
      const weights = restored.savable!()!.model.getWeights();
      weights.forEach((w, i) => {
        const want = expected[i]!;
        const got = w.dataSync();
        for (let j = 0; j < want.length; j++) expect(got[j]).toBeCloseTo(want[j]!, 5);
      });
      restored.dispose();
      expect(tf.memory().numTensors).toBe(baseline);
    });
  }
});

describe('failover in the session', () => {
  const families = [
    { task: 'image-classification', job: cnnJob('adam'), steps: 8, failAt: 5 },
    { task: 'sequence-regression', job: forecastJob, steps: 14, failAt: 9 },
    { task: 'gan', job: ganJob, steps: 12, failAt: 6 },
  ];
  for (const { task, job, steps, failAt } of families) {
    it(`${task}: a kernel failure on WASM continues on the CPU from the checkpoint, and the baseline holds`, async () => {
      const messages: FromWorker[] = [];
      const session = new TrainingSession({
        post: (m) => {
          messages.push(m);
          if (m.type === 'progress' && (task === 'gan' ? m.batch : stepOf(m)) === failAt && !repair)
            repair = session.injectFault('kernel');
        },
        loadBackend: loadBackendForNode,
        candidates: ['wasm', 'cpu'],
        probe: { batch: 2, maxSteps: 1, budgetMs: 10 },
        checkpointIntervalMs: 0,
      });
      expect(await session.initBackend({ backend: 'wasm' })).toBe('wasm');
      const baseline = tf.memory().numTensors;
      await session.handle({ type: 'start', runId: 1, task, job });
      const failover = messages.find((m) => m.type === 'failover');
      expect(failover).toMatchObject({ runId: 1, from: 'wasm', to: 'cpu', kind: 'backend-failed' });
      const step = (failover as { step: number }).step;
      expect(step).toBeGreaterThanOrEqual(1);
      expect(step).toBeLessThanOrEqual(failAt);
      expect(messages.filter((m) => m.type === 'error')).toEqual([]);
      const states = messages.flatMap((m) => (m.type === 'state' ? [m.state] : []));
      expect(states).toEqual(['loading', 'training', 'loading', 'training', 'done']);
      // after the failover: the backend is announced, and training goes on from the step after the checkpoint
      const at = messages.indexOf(failover!);
      expect(messages.slice(0, at).findLast((m) => m.type === 'backend')).toMatchObject({ backend: 'cpu' });
      const after = messages.slice(at).filter((m) => m.type === 'progress');
      const where = (m: FromWorker) => (task === 'gan' && m.type === 'progress' ? m.batch : stepOf(m));
      expect(where(after[0]!)).toBe(step + 1);
      expect(where(after.at(-1)!)).toBe(steps);
      expect(session.backend).toBe('cpu');
      await session.handle({ type: 'reset' });
      expect(tf.memory().numTensors).toBe(baseline);
    });
  }

  it('ends in error with a clear message when no backend is left', async () => {
    const messages: FromWorker[] = [];
    const session = new TrainingSession({
      post: (m) => {
        messages.push(m);
        if (stepOf(m) === 3 && !repair) repair = session.injectFault('kernel');
      },
      candidates: ['cpu'],
      probe: { batch: 2, maxSteps: 1, budgetMs: 10 },
    });
    await session.initBackend();
    const baseline = tf.memory().numTensors;
    await session.handle({ type: 'start', runId: 1, task: 'image-classification', job: cnnJob('sgd') });
    expect(messages.find((m) => m.type === 'error')).toMatchObject({ kind: 'backend-failed' });
    expect((messages.find((m) => m.type === 'error') as { message: string }).message).toMatch(
      /cpu stopped working .*device was lost.* no other backend/,
    );
    expect(messages.findLast((m) => m.type === 'state')).toMatchObject({ state: 'error' });
    repair!();
    await session.handle({ type: 'reset' });
    expect(tf.memory().numTensors).toBe(baseline);
  });

  it('a lost device fails what the run waits on at once, and the continued run waits normally again', async () => {
    const controller = new RunController<string>(1, () => {}, 'step');
    controller.onBackendFailure(() => true);
    const never = new Promise<number>(() => {});
    const waiting = controller.guard(never);
    controller.backendLost(new Error('the WebGL context was lost'));
    await expect(waiting).rejects.toThrow('the WebGL context was lost');
    expect(controller.handOver(new Error('the WebGL context was lost'))).toBe(true);
    await expect(controller.guard(Promise.resolve(7))).resolves.toBe(7);
  });

  it('sorts the WebGPU failures readers met as backend failures, and a NaN loss not', () => {
    for (const text of [
      "Failed to execute 'createBuffer' on 'GPUDevice': createBuffer failed, size (128) is too large",
      "Failed to execute 'mapAsync' on 'GPUBuffer': A valid external Instance reference no longer exists",
      'Device is lost',
      'WebGL context lost',
    ])
      expect(isBackendFailure(classify(new Error(text)))).toBe(true);
    expect(isBackendFailure(classify(new Error('the loss became NaN')))).toBe(false);
  });
});
