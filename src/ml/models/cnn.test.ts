import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { articleCnn, buildCnn, countParams, disposeModel, summarise } from './cnn';

beforeAll(async () => {
  await tf.setBackend('cpu');
  await tf.ready();
});

describe('summarise (the table Keras prints)', () => {
  it("matches Keras's model.summary() for the article's 32×32×3 model", () => {
    expect(summarise(articleCnn([32, 32, 3]))).toEqual([
      { name: 'conv2d', outputShape: [30, 30, 32], params: 896 },
      { name: 'max_pooling2d', outputShape: [15, 15, 32], params: 0 },
      { name: 'conv2d_1', outputShape: [13, 13, 64], params: 18496 },
      { name: 'max_pooling2d_1', outputShape: [6, 6, 64], params: 0 },
      { name: 'flatten', outputShape: [2304], params: 0 },
      { name: 'dense', outputShape: [64], params: 147520 },
      { name: 'dense_1', outputShape: [10], params: 650 },
    ]);
    expect(countParams(articleCnn([32, 32, 3]))).toBe(167562);
  });

  it("matches Keras's model.summary() for MNIST's 28×28×1 input", () => {
    expect(summarise(articleCnn([28, 28, 1])).map((r) => [r.outputShape, r.params])).toEqual([
      [[26, 26, 32], 320],
      [[13, 13, 32], 0],
      [[11, 11, 64], 18496],
      [[5, 5, 64], 0],
      [[1600], 0],
      [[64], 102464],
      [[10], 650],
    ]);
    expect(countParams(articleCnn([28, 28, 1]))).toBe(121930);
  });

  it('rejects an input too small for the layers', () => {
    expect(() => summarise(articleCnn([8, 8, 1]))).toThrow(/max_pooling2d_1: output shape \[0, 0, 64\] is empty/);
  });
});

describe('buildCnn', () => {
  it('builds the model the summary describes', () => {
    for (const shape of [
      [32, 32, 3],
      [28, 28, 1],
    ] as const) {
      const config = articleCnn(shape);
      const model = buildCnn(config);
      try {
        const rows = summarise(config);
        expect(model.layers.map((l) => (l.outputShape as number[]).slice(1))).toEqual(rows.map((r) => r.outputShape));
        expect(model.layers.map((l) => l.countParams())).toEqual(rows.map((r) => r.params));
        expect(model.countParams()).toBe(countParams(config));
      } finally {
        disposeModel(model);
      }
    }
  });

  it('predicts a probability distribution and leaks no tensor', () => {
    const baseline = tf.memory().numTensors;
    const model = buildCnn(articleCnn([28, 28, 1]));
    // burn-in call (nothing returned from the tidy, so nothing escapes it), then the measured one
    tf.tidy(() => {
      model.predict(tf.zeros([1, 28, 28, 1]));
    });
    const before = tf.memory().numTensors;
    const sums = tf.tidy(
      () => (model.predict(tf.randomUniform([2, 28, 28, 1])) as tf.Tensor).sum(1).arraySync() as number[],
    );
    expect(tf.memory().numTensors).toBe(before);
    for (const s of sums) expect(s).toBeCloseTo(1, 5);
    disposeModel(model);
    expect(tf.memory().numTensors).toBe(baseline);
  });

  it('starts from the same weights for the same seed, and other weights for another', () => {
    const weights = (seed: number) => {
      const model = buildCnn(articleCnn([12, 12, 1]), seed);
      const values = model.getWeights().map((w) => Array.from(w.dataSync()));
      disposeModel(model);
      return values;
    };
    expect(weights(7)).toEqual(weights(7));
    expect(weights(7)).not.toEqual(weights(8));
  });
});
