import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { articleCnn, buildModel } from '../../models/build-model';
import { cpuSession } from '../../worker/session-harness';
import { quadrantImages } from '../../worker/quadrants.fixture';
import { calibrate, deviceWeights, forward, weightedLayers } from './forward';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('the layer-by-layer forward pass', () => {
  it('with float weights gives what the model predicts; int8 weights and activations stay close', async () => {
    const model = buildModel(articleCnn([12, 12, 1]), 3);
    const layers = await weightedLayers(model);
    expect(layers.map((l) => l.kernelShape.length)).toEqual([4, 4, 2, 2]);
    const xs = tf.randomUniform([6, 12, 12, 1], 0, 1, 'float32', 5);
    const floats = deviceWeights(layers);
    const expected = model.predict(xs) as tf.Tensor;
    const got = tf.tidy(() => forward(model, floats, xs));
    expect(tf.max(tf.abs(tf.sub(expected, got))).dataSync()[0]).toBeLessThan(1e-5);
    const scales = await calibrate(model, floats, layers, [xs]);
    expect([...scales.keys()]).toEqual([-1, ...layers.map((l) => l.index)]);
    for (const s of scales.values()) expect(s).toBeGreaterThan(0);
    const int8 = deviceWeights(layers, 'channel');
    const quantised = tf.tidy(() => forward(model, int8, xs, scales));
    const gap = tf.max(tf.abs(tf.sub(expected, quantised))).dataSync()[0]!;
    expect(gap).toBeGreaterThan(0);
    expect(gap).toBeLessThan(0.05);
    tf.dispose([xs, expected, got, quantised]);
    floats.dispose();
    int8.dispose();
    model.dispose();
  });
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
