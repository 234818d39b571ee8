// The GAN in the worker, driven message by message through the worker's TrainingSession (CPU
// backend, tiny networks): states, frames, stepping one player at a time, live settings, a latent
// walk, saving and loading the generator, NaN handling, and the tensor count after reset.
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_GAN_CONFIG } from '../gan/gan-config';
import { imageStream } from '../gan/image-stream';
import type { GanJob } from '../tasks/gan/job';
import { cpuSession, stopThenReset, until } from './session-harness';

beforeAll(async () => {
  await tf.setBackend('cpu');
  await tf.ready();
});

const harness = cpuSession;

const planeJob = (iterations: number, overrides: Partial<GanJob> = {}): GanJob =>
  ({
    kind: 'plane',
    target: { kind: 'ring', modes: 4, radius: 2, std: 0.1 },
    config: { ...DEFAULT_GAN_CONFIG, noiseDim: 2, generatorHidden: [8], discriminatorHidden: [8] },
    schedule: { loss: 'non-saturating', dSteps: 1, gSteps: 1, batchSize: 16 },
    iterations,
    seed: 1,
    show: 40,
    ...overrides,
  }) as GanJob;

describe('a GAN run in the worker session', () => {
  it('trains on the plane to done, with progress, frames and a distance, then frees everything on reset', async () => {
    const { session, of, states } = harness();
    await session.initBackend();
    const baseline = tf.memory().numTensors;
    await session.handle({ type: 'start', runId: 1, task: 'gan', job: planeJob(12) });
    expect(states()).toEqual(['loading', 'training', 'done']);
    const progress = of('progress');
    expect(progress.at(-1)).toMatchObject({ batch: 12, totalBatches: 12 });
    expect(Number.isFinite(progress.at(-1)!.loss)).toBe(true);
    const frames = of('gan-frame');
    expect(frames.length).toBeGreaterThanOrEqual(2);
    const last = frames.at(-1)!;
    expect(last.samples.length).toBe(40 * 2);
    expect(last.surface!.length).toBe(last.grid!.nx * last.grid!.ny);
    expect(last.surface!.every((d) => d > 0 && d < 1)).toBe(true);
    expect(last.arrows!.length).toBe(24 * 4);
    expect(last.distance).toBeGreaterThan(0);
    expect(last.modes).toBe(4);
    // every step's numbers arrive exactly once, across the frames: 12 D rows and 12 G rows
    const rows = frames.flatMap((f) =>
      Array.from({ length: f.stats.length / 5 }, (_, i) => f.stats.slice(5 * i, 5 * i + 5)),
    );
    expect(rows.filter((r) => Number.isFinite(r[1]!)).length).toBe(12);
    expect(rows.filter((r) => Number.isFinite(r[2]!)).length).toBe(12);
    await session.handle({ type: 'reset' });
    expect(states().at(-1)).toBe('idle');
    expect(tf.memory().numTensors).toBe(baseline);
  });

  it('plays at a watchable pace when asked: each iteration takes at least minIterationMs', async () => {
    const { session, of, states } = harness();
    await session.initBackend();
    const paced = performance.now();
    await session.handle({ type: 'start', runId: 2, task: 'gan', job: planeJob(6, { minIterationMs: 60 }) });
    const pacedMs = performance.now() - paced;
    expect(states().at(-1)).toBe('done');
    // a lower bound only: how fast an unpaced run is depends on the machine, not on the pace
    expect(pacedMs).toBeGreaterThanOrEqual(6 * 60 - 10);
    // the waiting is not training: the time reported as training stays that of the steps
    const last = of('progress')
      .filter((m) => m.runId === 2)
      .at(-1)!;
    expect(last.trainingMs).toBeLessThan(pacedMs - 200);
    await session.handle({ type: 'reset' });
  });

  it('pauses, steps one player at a time, takes new settings, stops, and frees everything', async () => {
    const h = harness();
    const { session, of, states } = h;
    await session.initBackend();
    const baseline = tf.memory().numTensors;
    const running = session.handle({ type: 'start', runId: 2, task: 'gan', job: planeJob(10_000) });
    await until(() => of('progress').length >= 2);
    await session.handle({ type: 'pause', runId: 2 });
    await until(() => states().at(-1) === 'paused');
    // the loop finishes its iteration, shows it, and waits: no more frames
    for (let seen = -1; seen !== of('gan-frame').length;) {
      seen = of('gan-frame').length;
      await new Promise((r) => setTimeout(r, 150));
    }
    const framesBefore = of('gan-frame').length;
    const progressBefore = of('progress').length;
    await session.handle({ type: 'command', runId: 2, command: { kind: 'step', player: 'd' } });
    await until(() => of('gan-frame').length === framesBefore + 1);
    const dFrame = of('gan-frame').at(-1)!;
    // a lone D step: a D loss, no G loss, and the iteration count does not move
    expect(dFrame.stats.length).toBe(5);
    expect(Number.isFinite(dFrame.stats[1]!)).toBe(true);
    expect(Number.isNaN(dFrame.stats[2]!)).toBe(true);
    await session.handle({ type: 'command', runId: 2, command: { kind: 'step', player: 'g' } });
    await until(() => of('gan-frame').length === framesBefore + 2);
    const gFrame = of('gan-frame').at(-1)!;
    expect(Number.isNaN(gFrame.stats[1]!)).toBe(true);
    expect(Number.isFinite(gFrame.stats[2]!)).toBe(true);
    expect(gFrame.iteration).toBe(dFrame.iteration);
    // 'step' is a whole iteration
    await session.handle({ type: 'set', runId: 2, settings: { dSteps: 2, gSteps: 1, loss: 'minimax' } });
    await session.handle({ type: 'step', runId: 2 });
    await until(() => of('gan-frame').length === framesBefore + 3);
    const iterationFrame = of('gan-frame').at(-1)!;
    expect(iterationFrame.iteration).toBe(dFrame.iteration + 1);
    expect(iterationFrame.stats.length).toBe(3 * 5);
    expect(of('progress').length).toBe(progressBefore + 3);
    expect(states().at(-1)).toBe('paused');
    await stopThenReset(h, 2, running, baseline);
  });

  it('starts paused in step mode: a first frame, no step until asked', async () => {
    const { session, of, states } = harness();
    await session.initBackend();
    const running = session.handle({ type: 'start', runId: 7, task: 'gan', job: planeJob(50, { startPaused: true }) });
    await until(() => of('gan-frame').length === 1);
    await new Promise((r) => setTimeout(r, 100));
    expect(states()).toEqual(['loading', 'training', 'paused']);
    expect(of('progress')).toEqual([]);
    expect(of('gan-frame')[0]!.iteration).toBe(0);
    await session.handle({ type: 'step', runId: 7 });
    await until(() => of('progress').length === 1);
    await session.handle({ type: 'stop', runId: 7 });
    await running;
    await session.handle({ type: 'reset' });
  });

  it('reports a NaN loss as an error and leaves the page a way out', async () => {
    const { session, of, states } = harness();
    await session.initBackend();
    const baseline = tf.memory().numTensors;
    // a learning rate of 1e30 drives the weights to infinity within a few steps
    const job = planeJob(200);
    job.config = { ...job.config, dLearningRate: 1e30, gLearningRate: 1e30 };
    await session.handle({ type: 'start', runId: 3, task: 'gan', job });
    expect(of('error').at(-1)).toMatchObject({ runId: 3, kind: 'nan-loss' });
    expect(states().at(-1)).toBe('error');
    await session.handle({ type: 'reset' });
    expect(tf.memory().numTensors).toBe(baseline);
  });

  it('trains on images, walks the latent space, and saves and loads the generator as files', async () => {
    const { session, of, states } = harness();
    await session.initBackend();
    const baseline = tf.memory().numTensors;
    const n = 20;
    const images = new Uint8Array(n * 16).map((_, i) => (i % 3) * 100);
    const arrays = { images, labels: new Uint8Array(n), imageShape: [4, 4, 1] as [number, number, number], classes: 1 };
    const job: GanJob = {
      kind: 'images',
      dataset: { kind: 'inline', name: 'tiny', train: arrays, test: arrays },
      config: {
        ...DEFAULT_GAN_CONFIG,
        noiseDim: 3,
        generatorHidden: [8],
        discriminatorHidden: [8],
        dataDim: 16,
        outputActivation: 'tanh',
      },
      schedule: { loss: 'non-saturating', dSteps: 1, gSteps: 1, batchSize: 8 },
      iterations: 5,
      seed: 4,
      show: 6,
    };
    await session.handle({ type: 'start', runId: 4, task: 'gan', job });
    expect(states()).toEqual(['loading', 'training', 'done']);
    const frame = of('gan-frame').at(-1)!;
    expect(frame.samples.length).toBe(6 * 16);
    expect(frame.surface).toBeUndefined();
    expect(frame.samples.every((v) => v > -1 && v < 1)).toBe(true);

    await session.handle({ type: 'command', runId: 4, command: { kind: 'walk', from: 1, to: 2, steps: 5 } });
    const walk = of('snapshot').at(-1)!;
    expect(walk).toMatchObject({ kind: 'walk', shape: [5, 4, 4] });

    await session.handle({ type: 'save-model', runId: 4, to: 'files', key: 'x' });
    const saved = of('model-saved').at(-1)!;
    expect(saved.modelJson).toContain('"generator"');
    // a later walk on the loaded generator gives the same images
    const loadFiles = (runId: number, modelJson: string, weights: Record<string, ArrayBuffer>) =>
      session.handle({
        type: 'load-model',
        runId,
        task: 'gan',
        job: { show: 6, seed: 4 },
        from: 'files',
        modelJson,
        weights,
      });
    await loadFiles(5, saved.modelJson!, { 'model.weights.bin': saved.weights! });
    expect(of('model-loaded').at(-1)).toMatchObject({ runId: 5, from: 'files' });
    expect(states().at(-1)).toBe('done');
    expect(Array.from(of('gan-frame').at(-1)!.samples)).toEqual(
      Array.from(frame.samples).map((v) => expect.closeTo(v, 5)),
    );
    await session.handle({ type: 'command', runId: 5, command: { kind: 'walk', from: 1, to: 2, steps: 5 } });
    expect(Array.from(of('snapshot').at(-1)!.data)).toEqual(Array.from(walk.data).map((v) => expect.closeTo(v, 5)));

    // a file that is not a generator: a clear error, the run stays as it was
    await loadFiles(6, '{}', {});
    expect(of('error').at(-1)).toMatchObject({ runId: 6, kind: 'model-invalid' });
    await session.handle({ type: 'reset' });
    expect(tf.memory().numTensors).toBe(baseline);
  });
});

describe('real images for the GAN', () => {
  it('are rescaled to [−1, 1] and drawn reproducibly', () => {
    const images = Uint8Array.from([0, 255, 51, 102]);
    const arrays = { images, labels: new Uint8Array(1), imageShape: [2, 2, 1] as [number, number, number], classes: 1 };
    const batch = imageStream(arrays, 1)(2);
    expect(Array.from(batch)).toEqual([-1, 1, -0.6, -0.2, -1, 1, -0.6, -0.2].map((v) => expect.closeTo(v, 6)));
  });
});
