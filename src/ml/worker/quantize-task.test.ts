import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { articleCnn } from '../models/build-model';
import { cpuSession } from './session-harness';
import { quadrantImages } from './quadrants.fixture';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('the quantize task', () => {
  it('trains, quantises, prunes, reports every measure and frees every tensor', async () => {
    const harness = cpuSession();
    const baseline = tf.memory().numTensors;
    const { n, images, labels } = quadrantImages();
    const arrays = { images, labels, imageShape: [12, 12, 1], classes: 10 };
    await harness.session.handle({
      type: 'start',
      runId: 1,
      task: 'quantize',
      job: {
        model: articleCnn([12, 12, 1]),
        hyper: { learningRate: 0.01, batchSize: 8, epochs: 1, optimizer: 'adam', seed: 1 },
        dataset: { kind: 'inline', name: 'quad', train: arrays, test: arrays },
        testLimit: n,
        calibration: 16,
        fineTuneSteps: 3,
        sparsities: [0.5, 0.9],
      },
    });
    expect(harness.states().at(-1)).toBe('done');
    const snapshot = (kind: string) =>
      harness
        .of('snapshot')
        .filter((m) => m.kind === kind)
        .at(-1)!;
    const summary = snapshot('compress-summary');
    expect(summary.labels).toEqual(['float32', 'tensor', 'channel']);
    const [floatBytes, floatAcc, tensorBytes, , channelBytes, channelAcc] = summary.data;
    expect(floatBytes! / tensorBytes!).toBeGreaterThan(3.5);
    expect(channelBytes).toBeGreaterThan(tensorBytes!);
    expect(floatAcc).toBe(harness.of('evaluation').at(-1)!.testAcc);
    expect(Math.abs(channelAcc! - floatAcc!)).toBeLessThanOrEqual(0.25);
    const layers = snapshot('compress-layers');
    expect(layers.shape).toEqual([4, 3]);
    for (let l = 0; l < 4; l++) expect(layers.data[l * 3 + 2]).toBeLessThanOrEqual(layers.data[l * 3 + 1]! + 1e-9);
    const hist = snapshot('compress-histogram');
    expect(hist.labels![0]).toMatch(/^conv2d/);
    expect(hist.data.slice(3).reduce((a, b) => a + b, 0)).toBe(3 * 3 * 32 * 64);
    const prune = snapshot('compress-prune');
    expect(prune.shape).toEqual([2, 3]);
    expect(prune.data[3]).toBeCloseTo(0.9, 6);
    await harness.session.handle({ type: 'reset' });
    expect(tf.memory().numTensors).toBe(baseline);
  }, 60_000);
});
