import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { articleCnn, buildModel } from '../../models/build-model';
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
