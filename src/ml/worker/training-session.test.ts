import { createHash } from 'node:crypto';
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { articleCnn, recurrentModel } from '../models/build-model';
import { recallFirstSymbol } from '../data/sequence-tasks';
import { initWasmForNode, loadBackendForNode } from '../backends/node-wasm';
import type { BackendProbe, FromWorker } from './protocol';
import { TrainingSession } from './training-session';
import { quadrantImages } from './quadrants.fixture';

/** A 12×12 "bright quadrant" dataset served by a fake fetch, with its manifest. */
function fakeSite(corrupt = false) {
  const { n, images, labels } = quadrantImages();
  const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');
  const file = (path: string, shape: number[], b: Uint8Array) => ({
    path,
    dtype: 'uint8' as const,
    shape,
    bytes: b.length,
    sha256: sha(b),
  });
  // a version-1 manifest (no roles, no normalisation): still read, as 8-bit images
  const manifest = {
    version: 1,
    datasets: {
      quad: {
        title: 'Quadrants',
        source: 'test',
        licence: 'test',
        classes: ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j'],
        files: {
          trainImages: file('quad/train-images.u8', [n, 12, 12, 1], images),
          trainLabels: file('quad/train-labels.u8', [n], labels),
          testImages: file('quad/test-images.u8', [n, 12, 12, 1], images),
          testLabels: file('quad/test-labels.u8', [n], labels),
        },
      },
    },
  };
  const served: Record<string, Uint8Array> = {
    '/data/quad/train-images.u8': corrupt ? images.map((v, i) => (i === 7 ? v ^ 1 : v)) : images,
    '/data/quad/train-labels.u8': labels,
    '/data/quad/test-images.u8': images,
    '/data/quad/test-labels.u8': labels,
  };
  const fetchImpl = (async (input: string) => {
    const path = new URL(input).pathname;
    if (path === '/data/manifest.json') return new Response(JSON.stringify(manifest));
    const body = served[path];
    return body ? new Response(body.slice()) : new Response('missing', { status: 404 });
  }) as unknown as typeof fetch;
  return fetchImpl;
}

const job = (trainLimit?: number) => ({
  model: articleCnn([12, 12, 1]),
  hyper: { learningRate: 0.01, batchSize: 8, epochs: 2, optimizer: 'adam' as const, seed: 1 },
  dataset: { kind: 'manifest' as const, name: 'quad', manifestUrl: 'http://book.test/data/manifest.json' },
  ...(trainLimit === undefined ? {} : { trainLimit }),
});
const start = (runId: number, trainLimit?: number, changes: Partial<ReturnType<typeof job>> = {}) => ({
  type: 'start' as const,
  runId,
  task: 'image-classification',
  job: { ...job(trainLimit), ...changes },
});

/** Node has the WASM backend (with the project's kernels) and the CPU backend. */
const nodeBackends = {
  loadBackend: loadBackendForNode,
  candidates: ['webgl', 'wasm', 'cpu'] as const,
  probe: { batch: 4, maxSteps: 2, budgetMs: 50 },
};

beforeAll(async () => {
  await initWasmForNode();
});

describe('TrainingSession', () => {
  it('loads verified data, trains, evaluates, and returns to the baseline after reset', async () => {
    const messages: FromWorker[] = [];
    const session = new TrainingSession({ post: (m) => messages.push(m), fetch: fakeSite(), ...nodeBackends });
    expect(await session.initBackend({ backend: 'wasm' })).toBe('wasm');
    const baseline = tf.memory().numTensors;
    await session.handle(start(1));
    const states = messages.filter((m) => m.type === 'state').map((m) => (m as { state: string }).state);
    expect(states).toEqual(['loading', 'training', 'done']);
    const downloads = messages.filter((m) => m.type === 'download');
    expect(downloads.at(-1)).toMatchObject({ loaded: 32 * 145 * 2, total: 32 * 145 * 2 });
    const evaluations = messages.filter((m) => m.type === 'evaluation');
    expect(evaluations).toHaveLength(2);
    await session.handle({ type: 'reset' });
    expect(messages.at(-2)).toEqual({ type: 'state', runId: 1, state: 'idle' });
    expect(messages.at(-1)).toMatchObject({ type: 'memory', numTensors: baseline });
  });

  it('ignores control messages for another run', async () => {
    const messages: FromWorker[] = [];
    const session = new TrainingSession({ post: (m) => messages.push(m), fetch: fakeSite(), ...nodeBackends });
    await session.initBackend({ backend: 'wasm' });
    const running = session.handle(start(5, 16));
    await session.handle({ type: 'stop', runId: 4 }); // stale: must not stop run 5
    await running;
    expect(messages.filter((m) => m.type === 'state').map((m) => (m as { state: string }).state)).toEqual([
      'loading',
      'training',
      'done',
    ]);
    await session.handle({ type: 'reset' });
  });

  it('reports a corrupted download as a data error and never trains on it', async () => {
    const messages: FromWorker[] = [];
    const session = new TrainingSession({ post: (m) => messages.push(m), fetch: fakeSite(true), ...nodeBackends });
    await session.initBackend({ backend: 'wasm' });
    const baseline = tf.memory().numTensors;
    await session.handle(start(2));
    expect(messages.find((m) => m.type === 'error')).toMatchObject({ runId: 2, kind: 'data-failed' });
    expect(messages.filter((m) => m.type === 'progress')).toHaveLength(0);
    await session.handle({ type: 'reset' });
    expect(tf.memory().numTensors).toBe(baseline);
  });

  it("refuses a model whose output does not match the dataset's classes", async () => {
    const messages: FromWorker[] = [];
    const session = new TrainingSession({ post: (m) => messages.push(m), fetch: fakeSite(), ...nodeBackends });
    await session.initBackend({ backend: 'wasm' });
    const { model } = job();
    const layers = [...model.layers.slice(0, -1), { type: 'dense' as const, units: 3, activation: 'softmax' as const }];
    await session.handle(start(3, undefined, { model: { ...model, layers } }));
    expect(messages.find((m) => m.type === 'error')).toMatchObject({
      runId: 3,
      message: 'the model predicts 3 classes but the dataset "quad" has 10',
    });
    await session.handle({ type: 'reset' });
  });

  it('replays the same first losses for the same seed', async () => {
    const firstLosses = async () => {
      const messages: FromWorker[] = [];
      const session = new TrainingSession({
        post: (m) => messages.push(m),
        fetch: fakeSite(),
        evaluationSize: 8,
        ...nodeBackends,
      });
      await session.initBackend({ backend: 'wasm' });
      await session.handle(start(9, 16, { hyper: { ...job().hyper, epochs: 1 } }));
      await session.handle({ type: 'reset' });
      return messages.flatMap((m) => (m.type === 'progress' ? [m.loss] : []));
    };
    const a = await firstLosses();
    expect(a.length).toBeGreaterThan(1);
    expect(await firstLosses()).toEqual(a);
  });

  it('measures the backends and chooses the fastest, without timing the CPU once it cannot win', async () => {
    const messages: FromWorker[] = [];
    const session = new TrainingSession({ post: (m) => messages.push(m), ...nodeBackends });
    const baseline = tf.memory().numTensors;
    expect(await session.initBackend()).toBe('wasm');
    expect(tf.getBackend()).toBe('wasm');
    const chosen = messages.find((m) => m.type === 'backend');
    if (chosen?.type !== 'backend') throw new Error('no backend message');
    const byName = Object.fromEntries(chosen.probes.map((p) => [p.backend, p])) as Record<string, BackendProbe>;
    // Node has no WebGL: tried, failed, and named as what the reader fell back from
    expect(byName.webgl).toMatchObject({ ok: false });
    expect(chosen.fellBackFrom).toEqual(['webgl']);
    expect(byName.wasm!.samplesPerSec).toBeGreaterThan(0);
    expect(byName.cpu).toMatchObject({ ok: true, note: expect.stringMatching(/not timed/) });
    expect(byName.cpu!.samplesPerSec).toBeUndefined();
    // every tensor of the timed training steps is gone
    expect(tf.memory().numTensors).toBe(baseline);
  });

  it('falls back to the fastest working backend when the requested one fails', async () => {
    const messages: FromWorker[] = [];
    const session = new TrainingSession({ post: (m) => messages.push(m), ...nodeBackends });
    expect(await session.initBackend({ backend: 'webgl' })).toBe('wasm');
    expect(messages.find((m) => m.type === 'backend')).toMatchObject({ backend: 'wasm', requestFailed: 'webgl' });
  });

  it('switches backend on request and keeps the tensor count at its baseline', async () => {
    const messages: FromWorker[] = [];
    const session = new TrainingSession({ post: (m) => messages.push(m), fetch: fakeSite(), ...nodeBackends });
    await session.initBackend({ backend: 'wasm' });
    const baseline = tf.memory().numTensors;
    await session.handle(start(11, 16));
    await session.handle({ type: 'set-backend', backend: 'cpu' });
    expect(tf.getBackend()).toBe('cpu');
    expect(messages.at(-1)).toMatchObject({ type: 'memory', numTensors: baseline });
    await session.handle({ type: 'set-backend', backend: 'wasm' });
    expect(tf.getBackend()).toBe('wasm');
  });

  it('saves a trained model as files and loads it back with the same test accuracy; rejects a bad file', async () => {
    const messages: FromWorker[] = [];
    const session = new TrainingSession({ post: (m) => messages.push(m), fetch: fakeSite(), ...nodeBackends });
    await session.initBackend({ backend: 'wasm' });
    const baseline = tf.memory().numTensors;
    await session.handle(start(20));
    const trained = messages.filter((m) => m.type === 'evaluation').at(-1);
    await session.handle({ type: 'save-model', runId: 20, to: 'files', key: 'test' });
    const saved = messages.find((m) => m.type === 'model-saved');
    if (saved?.type !== 'model-saved' || !saved.modelJson || !saved.weights) throw new Error('no files');
    const { model, dataset } = job();
    await session.handle({
      type: 'load-model',
      runId: 21,
      task: 'image-classification',
      job: { model, dataset },
      from: 'files',
      modelJson: saved.modelJson,
      weights: { 'model.weights.bin': saved.weights },
    });
    expect(messages.find((m) => m.type === 'model-loaded')).toMatchObject({ runId: 21, from: 'files' });
    const reloaded = messages.filter((m) => m.type === 'evaluation').at(-1);
    expect(reloaded).toMatchObject({ runId: 21, epoch: -1 });
    expect((reloaded as { testAcc: number }).testAcc).toBe((trained as { testAcc: number }).testAcc);
    expect(messages.at(-2)).toEqual({ type: 'state', runId: 21, state: 'done' });

    await session.handle({
      type: 'load-model',
      runId: 22,
      task: 'image-classification',
      job: { model, dataset },
      from: 'files',
      modelJson: '{}',
      weights: {},
    });
    expect(messages.filter((m) => m.type === 'error').at(-1)).toMatchObject({ runId: 22, kind: 'model-invalid' });
    // nothing saved under the key: not a broken model, a model not saved yet (its own message)
    await session.handle({
      type: 'load-model',
      runId: 23,
      task: 'image-classification',
      job: { model, dataset },
      from: 'browser',
      key: 'deep-learning-book/nothing-here',
    });
    expect(messages.filter((m) => m.type === 'error').at(-1)).toMatchObject({ runId: 23, kind: 'model-missing' });
    await session.handle({ type: 'reset' });
    expect(tf.memory().numTensors).toBe(baseline);
  });

  it('sends pictures of the filters while visible, and none while the page is hidden', async () => {
    const messages: FromWorker[] = [];
    const session = new TrainingSession({ post: (m) => messages.push(m), fetch: fakeSite(), ...nodeBackends });
    await session.initBackend({ backend: 'wasm' });
    await session.handle(start(30, 16));
    const shown = messages.filter((m) => m.type === 'snapshot');
    expect(shown.length).toBeGreaterThan(0);
    expect(shown[0]).toMatchObject({ kind: 'conv1-filters', shape: [3, 3, 1, 32] });
    expect((shown[0] as { data: Float32Array }).data).toHaveLength(3 * 3 * 32);
    await session.handle({ type: 'set-visible', visible: false });
    messages.length = 0;
    await session.handle(start(31, 16));
    // the epoch-end picture is the only one (it is what the reader sees on return)
    expect(messages.filter((m) => m.type === 'snapshot').length).toBeLessThanOrEqual(2);
    expect(messages.filter((m) => m.type === 'progress').length).toBeGreaterThan(0);
    await session.handle({ type: 'reset' });
  });
});

describe('TrainingSession with recurrent models', () => {
  it('trains an LSTM on the recall task, inspects its gates over time, and returns to the baseline', async () => {
    const messages: FromWorker[] = [];
    const session = new TrainingSession({ post: (m) => messages.push(m), ...nodeBackends });
    await session.initBackend({ backend: 'wasm' });
    const baseline = tf.memory().numTensors;
    const task = { length: 6, symbols: 2 };
    const inline = { train: recallFirstSymbol(task, 64, 1), test: recallFirstSymbol(task, 16, 2) };
    const model = recurrentModel('lstm', 6, 3, 3, 2, { learningRate: 0.05, forgetBias: 2 });
    const inspect = (testIndex: number) => ({ kind: 'inspect', source: { testIndex } });
    await session.handle({ type: 'command', runId: 1, command: inspect(0) }); // before the run: ignored
    const running = session.handle({
      type: 'start',
      runId: 1,
      task: 'image-classification',
      job: {
        model,
        hyper: { learningRate: 0.05, batchSize: 16, epochs: 3, optimizer: 'adam', seed: 1 },
        dataset: { kind: 'inline', name: 'recall', ...inline },
      },
    });
    await new Promise((r) => setTimeout(r, 0));
    await session.handle({ type: 'command', runId: 1, command: inspect(3) });
    await running;
    expect(messages.filter((m) => m.type === 'state').map((m) => (m as { state: string }).state)).toEqual([
      'loading',
      'training',
      'done',
    ]);
    const inspection = messages.findLast((m) => m.type === 'inspection');
    if (inspection?.type !== 'inspection') throw new Error('no inspection');
    expect(inspection.maps.map((m) => m.layer)).toEqual([
      'probabilities',
      'hidden',
      'input-gate',
      'forget-gate',
      'output-gate',
      'cell',
    ]);
    expect(inspection.maps[0]!.shape).toEqual([6, 2, 1]);
    expect(inspection.maps[2]!.shape).toEqual([6, 3, 1]);
    expect(inspection.image).toHaveLength(6 * 3);
    // the probabilities after the last step are the model's answer
    expect(inspection.probs).toHaveLength(2);
    expect(inspection.probs[0]! + inspection.probs[1]!).toBeCloseTo(1, 5);
    await session.handle({ type: 'reset' });
    expect(tf.memory().numTensors).toBe(baseline);
  });

  it('trains a forecaster on windows: validation error per epoch, predictions for every window', async () => {
    const messages: FromWorker[] = [];
    const session = new TrainingSession({ post: (m) => messages.push(m), ...nodeBackends });
    await session.initBackend({ backend: 'wasm' });
    const baseline = tf.memory().numTensors;
    // a sine wave: each window of 8 values predicts the next
    const series = Float32Array.from({ length: 120 }, (_, i) => Math.sin(i / 4));
    const windows = (from: number, to: number) => {
      const xs: number[] = [];
      const ys: number[] = [];
      for (let t = from + 8; t < to; t++) {
        xs.push(...series.subarray(t - 8, t));
        ys.push(series[t]!);
      }
      return { xs: Float32Array.from(xs), ys: Float32Array.from(ys), steps: 8, outputs: 1 };
    };
    const train = windows(0, 90);
    const test = windows(90, 120);
    await session.handle({
      type: 'start',
      runId: 2,
      task: 'sequence-regression',
      job: {
        model: recurrentModel('lstm', 8, 1, 8, 1, { regression: true }),
        hyper: { learningRate: 0.02, batchSize: 16, epochs: 8, optimizer: 'adam', seed: 3 },
        dataset: { kind: 'windows', train, test, predict: test.xs },
      },
    });
    const evaluations = messages.flatMap((m) => (m.type === 'evaluation' ? [m.testLoss] : []));
    expect(evaluations).toHaveLength(8);
    expect(evaluations.at(-1)!).toBeLessThan(evaluations[0]!);
    const progress = messages.find((m) => m.type === 'progress');
    expect(progress).toMatchObject({ type: 'progress' });
    expect(Number.isNaN((progress as { acc: number }).acc)).toBe(true);
    const predictions = messages.findLast((m) => m.type === 'snapshot');
    expect(predictions).toMatchObject({ kind: 'predictions', shape: [22, 1] });
    await session.handle({ type: 'reset' });
    expect(tf.memory().numTensors).toBe(baseline);
  });
});
