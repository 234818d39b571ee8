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

describe('trainStep with decoupled weight decay', () => {
  /** A dense layer 3 → 2 with known weights, and a batch of two with targets (mean squared error). */
  function linear() {
    const model = tf.sequential({ layers: [tf.layers.dense({ units: 2, inputShape: [3] })] });
    const w0 = [
      [0.5, -1],
      [2, 0.25],
      [-0.75, 1.5],
    ];
    const b0 = [0.1, -0.2];
    model.setWeights([tf.tensor2d(w0), tf.tensor1d(b0)]);
    const x = [
      [1, 2, -1],
      [0.5, -1, 3],
    ];
    const y = [
      [1, 0],
      [-1, 2],
    ];
    // by hand: L = mean over the 2×2 outputs of (out − y)², so ∂L/∂W = Xᵀ·2(out − y)/4, ∂L/∂b = Σ 2(out − y)/4
    const out = x.map((r) => [0, 1].map((j) => r.reduce((s, v, i) => s + v * w0[i]![j]!, b0[j]!)));
    const d = out.map((r, n) => r.map((v, j) => (2 * (v - y[n]![j]!)) / 4));
    const gW = w0.map((row, i) => row.map((_, j) => x.reduce((s, r, n) => s + r[i]! * d[n]![j]!, 0)));
    const gb = b0.map((_, j) => d.reduce((s, r) => s + r[j]!, 0));
    return { model, w0, b0, xs: tf.tensor2d(x), ys: tf.tensor2d(y) as tf.Tensor2D, gW, gb };
  }

  const read = (model: tf.LayersModel) => model.getWeights().map((w) => Array.from(w.dataSync()));

  it('SGD: w ← w − η·∂L/∂w − η·λ·w on the kernel, the bias without decay', async () => {
    const { model, w0, b0, xs, ys, gW, gb } = linear();
    const [eta, lambda] = [0.1, 0.5];
    const optimizer = tf.train.sgd(eta);
    const before = tf.memory().numTensors;
    await trainStep(model, optimizer, xs, ys, 'meanSquaredError', undefined, eta * lambda);
    expect(tf.memory().numTensors).toBe(before);
    const [kernel, bias] = read(model);
    const expected = w0.flatMap((row, i) => row.map((w, j) => w - eta * gW[i]![j]! - eta * lambda * w));
    expected.forEach((v, k) => expect(kernel![k]).toBeCloseTo(v, 5));
    b0.forEach((b, j) => expect(bias![j]).toBeCloseTo(b - eta * gb[j]!, 5));
    optimizer.dispose();
    disposeModel(model);
    tf.dispose([xs, ys]);
  });

  it("Adam: the decay stays outside Adam's scaling (its first step is η·g/(|g| + ε), then −η·λ·w)", async () => {
    const { model, w0, xs, ys, gW } = linear();
    const [eta, lambda, epsilon] = [0.01, 2, 1e-7];
    const optimizer = tf.train.adam(eta, 0.9, 0.999, epsilon);
    await trainStep(model, optimizer, xs, ys, 'meanSquaredError', undefined, eta * lambda);
    const [kernel] = read(model);
    const adam = (g: number) => g / (Math.abs(g) + epsilon);
    const expected = w0.flatMap((row, i) => row.map((w, j) => w - eta * adam(gW[i]![j]!) - eta * lambda * w));
    expected.forEach((v, k) => expect(kernel![k]).toBeCloseTo(v, 5));
    // the same λ as an L2 term in the loss would move each weight by only ±η on Adam's first step
    expect(Math.abs(kernel![2]! - w0[1]![0]!)).toBeGreaterThan(eta * 1.3);
    optimizer.dispose();
    disposeModel(model);
    tf.dispose([xs, ys]);
  });

  it('rejects a decay per step outside [0, 1)', async () => {
    const { model, xs, ys } = linear();
    const optimizer = tf.train.sgd(0.1);
    await expect(trainStep(model, optimizer, xs, ys, 'meanSquaredError', undefined, 1)).rejects.toThrow(/decay/);
    optimizer.dispose();
    disposeModel(model);
    tf.dispose([xs, ys]);
  });
});
