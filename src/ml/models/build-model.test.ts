import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { articleCnn, buildModel, countParams, disposeModel, recurrentModel, summarise } from './build-model';

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

describe('buildModel', () => {
  it('builds the model the summary describes', () => {
    for (const shape of [
      [32, 32, 3],
      [28, 28, 1],
    ] as const) {
      const config = articleCnn(shape);
      const model = buildModel(config);
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
    const model = buildModel(articleCnn([28, 28, 1]));
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
      const model = buildModel(articleCnn([12, 12, 1]), seed);
      const values = model.getWeights().map((w) => Array.from(w.dataSync()));
      disposeModel(model);
      return values;
    };
    expect(weights(7)).toEqual(weights(7));
    expect(weights(7)).not.toEqual(weights(8));
  });
});

describe('recurrent models', () => {
  it.each([
    // Keras 3 model.summary() for Input((T, D, 1)) → Reshape((T, D)) → layer → Dense
    ['lstm', 28, 28, 128, 10, 80_384, 1_290],
    ['simpleRNN', 40, 8, 36, 4, 1_620, 148],
    ['lstm', 40, 8, 16, 4, 1_600, 68],
    // GRU as Keras builds it with reset_after=False, the only variant tfjs-layers has
    ['gru', 28, 28, 64, 10, 17_856, 650],
  ] as const)(
    '%s over [%i, %i] with %i units: the parameters Keras prints',
    (cell, T, D, units, classes, recurrent, dense) => {
      const rows = summarise(recurrentModel(cell, T, D, units, classes));
      expect(rows.map((r) => r.params)).toEqual([0, recurrent, dense]);
      expect(rows[0]!.outputShape).toEqual([T, D]);
      expect(rows[1]!.outputShape).toEqual([units]);
      const model = buildModel(recurrentModel(cell, T, D, units, classes), 1);
      expect(model.countParams()).toBe(recurrent + dense);
      disposeModel(model);
    },
  );

  it('sets the forget-gate bias of an LSTM, and only that block', () => {
    const model = buildModel(recurrentModel('lstm', 5, 2, 3, 2, { forgetBias: 3 }), 1);
    const bias = Array.from(model.layers[1]!.getWeights()[2]!.dataSync());
    expect(bias).toEqual([0, 0, 0, 3, 3, 3, 0, 0, 0, 0, 0, 0]);
    disposeModel(model);
  });

  it('refuses a reshape that changes the number of values', () => {
    const config = recurrentModel('lstm', 5, 2, 3, 2);
    expect(() => summarise({ ...config, inputShape: [5, 3, 1] })).toThrow(/cannot reshape/);
  });
});
