import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { articleCnn, buildModel, disposeModel } from './models/build-model';
import { trainStep } from './train-step';

beforeAll(async () => {
  await tf.setBackend('cpu');
  await tf.ready();
});

/** A tiny learnable problem: class = which quadrant of a 12×12 image is bright. */
function quadrantBatch(n: number) {
  return tf.tidy(() => {
    const labels = Array.from({ length: n }, (_, i) => i % 4);
    const images = labels.map((q) => {
      const img = tf.buffer([12, 12, 1]);
      const r0 = q < 2 ? 0 : 6;
      const c0 = q % 2 === 0 ? 0 : 6;
      for (let r = r0; r < r0 + 6; r++) for (let c = c0; c < c0 + 6; c++) img.set(1, r, c, 0);
      return img.toTensor();
    });
    return {
      xs: tf.stack(images) as tf.Tensor4D,
      ys: tf.oneHot(tf.tensor1d(labels, 'int32'), 10).toFloat() as tf.Tensor2D,
    };
  });
}

describe('trainStep', () => {
  it('lowers the loss on a learnable batch and leaves no tensor behind', async () => {
    const { xs, ys } = quadrantBatch(8);
    const model = buildModel(articleCnn([12, 12, 1]));
    const optimizer = tf.train.adam(0.01);
    await trainStep(model, optimizer, xs, ys); // burn-in: creates the optimizer's slots
    const before = tf.memory().numTensors;
    const first = await trainStep(model, optimizer, xs, ys);
    expect(tf.memory().numTensors).toBe(before);
    let last = first;
    for (let i = 0; i < 15; i++) last = await trainStep(model, optimizer, xs, ys);
    expect(tf.memory().numTensors).toBe(before);
    expect(first.loss).toBeGreaterThan(0);
    expect(last.loss).toBeLessThan(first.loss);
    expect(last.accuracy).toBeGreaterThan(first.accuracy - 1e-9);
    optimizer.dispose();
    disposeModel(model);
    tf.dispose([xs, ys]);
  });

  it('returns to the baseline tensor count after a whole run and disposal', async () => {
    const { xs, ys } = quadrantBatch(4);
    const baseline = tf.memory().numTensors;
    const model = buildModel(articleCnn([12, 12, 1]));
    const optimizer = tf.train.adam(0.01);
    for (let i = 0; i < 3; i++) await trainStep(model, optimizer, xs, ys);
    optimizer.dispose();
    disposeModel(model);
    expect(tf.memory().numTensors).toBe(baseline);
    tf.dispose([xs, ys]);
  });
});
