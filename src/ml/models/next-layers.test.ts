/**
 * The layers the language, recommendation and optimiser labs need: each config's summary against
 * Keras's parameter counts (the arithmetic in the comments, from Keras's formulas), the built
 * model against the summary, output shapes, a burn-in leak test, and a clear message for each bad value.
 */
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  buildModel,
  countParams,
  disposeModel,
  dotProductModel,
  summarise,
  type AnyModelConfig,
  type LayerSpec,
  type ModelConfig,
} from './build-model';

// setBackend resolves once the backend is ready
beforeAll(() => tf.setBackend('cpu'));

const stack = (inputShape: number[], layers: LayerSpec[], loss: ModelConfig['loss'] = 'categoricalCrossentropy') => ({
  inputShape,
  layers,
  optimizer: 'adam' as const,
  learningRate: 0.001,
  loss,
  batchSize: 32,
});

/** Keras's IMDB text classifier: embedding → mean over words → dense → dropout → two classes. */
const bagOfEmbeddings = stack(
  [100],
  [
    { type: 'embedding', inputDim: 10000, outputDim: 16, inputLength: 100 },
    { type: 'globalAveragePooling1d' },
    { type: 'dense', units: 16, activation: 'relu' },
    { type: 'dropout', rate: 0.5 },
    { type: 'dense', units: 2, activation: 'softmax' },
  ],
);

/** A 1-D convolutional text classifier with batch normalisation. */
const textCnn = stack(
  [50],
  [
    { type: 'embedding', inputDim: 5000, outputDim: 32, inputLength: 50 },
    { type: 'conv1d', filters: 64, kernelSize: 5, activation: 'relu' },
    { type: 'globalMaxPooling1d' },
    { type: 'batchNormalization' },
    { type: 'dense', units: 3, activation: 'softmax' },
  ],
);

/** An all-convolutional image classifier: no flatten, one mean per channel. */
const imageGap = (pool: 'globalAveragePooling2d' | 'globalMaxPooling2d') =>
  stack(
    [28, 28, 1],
    [
      { type: 'conv2d', filters: 8, kernelSize: 3, activation: 'relu' },
      { type: 'batchNormalization' },
      { type: pool },
      { type: 'dense', units: 10, activation: 'softmax' },
    ],
  );

/** A masked recurrent text model: padding (id 0) is skipped by the LSTM, dropout in between. */
const maskedLstm = stack(
  [6],
  [
    { type: 'embedding', inputDim: 20, outputDim: 4, inputLength: 6, maskZero: true },
    { type: 'dropout', rate: 0.2 },
    { type: 'lstm', units: 3 },
    { type: 'dense', units: 2, activation: 'softmax' },
  ],
);

/** MovieLens 100k's size: 943 users, 1,682 films, 8 factors. */
const movieLens = dotProductModel(943, 1682, 8);

describe("summarise: Keras's parameter counts for the next labs' layers", () => {
  it('embedding, global average pooling 1-D and dropout (the IMDB classifier)', () => {
    expect(summarise(bagOfEmbeddings)).toEqual([
      // Embedding: inputDim · outputDim = 10,000 · 16 = 160,000
      { name: 'embedding', outputShape: [100, 16], params: 160000 },
      // pooling has no weights: [T, C] → [C]
      { name: 'global_average_pooling1d', outputShape: [16], params: 0 },
      // Dense: (16 + 1) · 16 = 272
      { name: 'dense', outputShape: [16], params: 272 },
      { name: 'dropout', outputShape: [16], params: 0 },
      // (16 + 1) · 2 = 34
      { name: 'dense_1', outputShape: [2], params: 34 },
    ]);
    // 160,000 + 272 + 34
    expect(countParams(bagOfEmbeddings)).toBe(160306);
  });

  it('conv1d, global max pooling 1-D and batch normalisation (a text CNN)', () => {
    expect(summarise(textCnn)).toEqual([
      // 5,000 · 32 = 160,000
      { name: 'embedding', outputShape: [50, 32], params: 160000 },
      // Conv1D 'valid': T − k + 1 = 50 − 5 + 1 = 46 steps; (k · C_in + 1) · filters = (5 · 32 + 1) · 64 = 10,304
      { name: 'conv1d', outputShape: [46, 64], params: 10304 },
      { name: 'global_max_pooling1d', outputShape: [64], params: 0 },
      // BatchNormalization: γ, β, moving mean, moving variance per channel = 4 · 64 = 256, of which 2 · 64 = 128 not trained
      { name: 'batch_normalization', outputShape: [64], params: 256, nonTrainable: 128 },
      // (64 + 1) · 3 = 195
      { name: 'dense', outputShape: [3], params: 195 },
    ]);
    // 160,000 + 10,304 + 256 + 195
    expect(countParams(textCnn)).toBe(170755);
  });

  it.each(['globalAveragePooling2d', 'globalMaxPooling2d'] as const)(
    '%s after conv2d and batch normalisation',
    (pool) => {
      expect(summarise(imageGap(pool)).map((r) => [r.name, r.outputShape, r.params])).toEqual([
        // (3 · 3 · 1 + 1) · 8 = 80
        ['conv2d', [26, 26, 8], 80],
        // 4 · 8 = 32
        ['batch_normalization', [26, 26, 8], 32],
        [pool === 'globalAveragePooling2d' ? 'global_average_pooling2d' : 'global_max_pooling2d', [8], 0],
        // (8 + 1) · 10 = 90
        ['dense', [10], 90],
      ]);
      expect(countParams(imageGap(pool))).toBe(202);
    },
  );

  it('a masked embedding before dropout and an LSTM', () => {
    expect(summarise(maskedLstm).map((r) => r.params)).toEqual([
      // 20 · 4 = 80 (masking adds no weights)
      80, 0,
      // LSTM: 4 · u · (D + u + 1) = 4 · 3 · (4 + 3 + 1) = 96
      96,
      // (3 + 1) · 2 = 8
      8,
    ]);
  });

  it('the dot-product model for matrix factorisation (MovieLens 100k sized)', () => {
    expect(summarise(movieLens)).toEqual([
      { name: 'user', outputShape: [1], params: 0 },
      { name: 'item', outputShape: [1], params: 0 },
      // users · k = 943 · 8 = 7,544
      { name: 'user_factors', outputShape: [1, 8], params: 7544 },
      // items · k = 1,682 · 8 = 13,456
      { name: 'item_factors', outputShape: [1, 8], params: 13456 },
      // one bias per user and per item: 943 and 1,682
      { name: 'user_bias', outputShape: [1, 1], params: 943 },
      { name: 'item_bias', outputShape: [1, 1], params: 1682 },
      // Dot(axes=2) of [1, 8] and [1, 8]: [1, 1], no weights; Add: none either
      { name: 'dot', outputShape: [1, 1], params: 0 },
      { name: 'add', outputShape: [1, 1], params: 0 },
      { name: 'rating', outputShape: [1], params: 0 },
    ]);
    // (users + items) · (k + 1) = 2,625 · 9 = 23,625
    expect(countParams(movieLens)).toBe(23625);
    // without biases: 2,625 · 8 = 21,000, and no bias or add rows
    const plain = dotProductModel(943, 1682, 8, { biases: false });
    expect(countParams(plain)).toBe(21000);
    expect(summarise(plain).map((r) => r.name)).toEqual([
      'user',
      'item',
      'user_factors',
      'item_factors',
      'dot',
      'rating',
    ]);
  });
});

describe('buildModel for the next layers', () => {
  const configs: [string, AnyModelConfig][] = [
    ['bag of embeddings', bagOfEmbeddings],
    ['text CNN', textCnn],
    ['image GAP', imageGap('globalAveragePooling2d')],
    ['image GMP', imageGap('globalMaxPooling2d')],
    ['masked LSTM', maskedLstm],
    ['dot product', movieLens],
    ['dot product without biases', dotProductModel(5, 7, 3, { biases: false })],
  ];

  it.each(configs)('builds the model the summary describes: %s', (_, config) => {
    const model = buildModel(config);
    try {
      const rows = new Map(summarise(config).map((r) => [r.name, r]));
      // sequential models name layers by their own counters: compare in order; a dot-product model by name
      const layers = model.layers;
      const expected = config.kind === 'dot-product' ? layers.map((l) => rows.get(l.name)) : [...rows.values()];
      expect(expected.every((r) => r !== undefined)).toBe(true);
      expect(layers).toHaveLength(rows.size);
      layers.forEach((layer, i) => {
        const row = expected[i]!;
        const shape = (Array.isArray(layer.outputShape[0]) ? layer.outputShape[0] : layer.outputShape) as number[];
        expect(shape.slice(1)).toEqual(row.outputShape);
        expect(layer.countParams()).toBe(row.params);
        const trainable = layer.trainableWeights.reduce((n, w) => n + w.shape.reduce((a, b) => a! * b!, 1)!, 0);
        expect(trainable).toBe(row.params - (row.nonTrainable ?? 0));
      });
      expect(model.countParams()).toBe(countParams(config));
    } finally {
      disposeModel(model);
    }
  });

  it('predicts class probabilities from token ids, and leaks no tensor (burn-in, then measured)', () => {
    const baseline = tf.memory().numTensors;
    const model = buildModel(textCnn, 1);
    const ids = () => tf.tidy(() => tf.randomUniform([3, 50], 0, 5000, 'int32'));
    tf.tidy(() => {
      model.predict(ids());
    });
    const before = tf.memory().numTensors;
    const out = tf.tidy(() => {
      const y = model.predict(ids()) as tf.Tensor;
      return { shape: y.shape, sums: y.sum(1).arraySync() as number[] };
    });
    expect(tf.memory().numTensors).toBe(before);
    expect(out.shape).toEqual([3, 3]);
    for (const s of out.sums) expect(s).toBeCloseTo(1, 5);
    disposeModel(model);
    expect(tf.memory().numTensors).toBe(baseline);
  });

  it('trains a step with dropout and batch normalisation without leaking', async () => {
    const baseline = tf.memory().numTensors;
    const model = buildModel(imageGap('globalAveragePooling2d'), 2);
    const xs = tf.randomUniform([4, 28, 28, 1]);
    const ys = tf.tidy(() => tf.oneHot(tf.tensor1d([0, 1, 2, 3], 'int32'), 10));
    await model.fit(xs, ys, { epochs: 1, batchSize: 4, verbose: 0 }); // burn-in (optimizer slots)
    const before = tf.memory().numTensors;
    const history = await model.fit(xs, ys, { epochs: 1, batchSize: 4, verbose: 0 });
    expect(tf.memory().numTensors).toBe(before);
    expect(Number.isFinite(history.history.loss![0] as number)).toBe(true);
    tf.dispose([xs, ys]);
    disposeModel(model);
    expect(tf.memory().numTensors).toBe(baseline);
  });

  it('skips padding with maskZero: the LSTM reads [5, 0, 7, 0, 0, 0] as [5, 7, 0, 0, 0, 0]', () => {
    const outputs = (config: ModelConfig) => {
      const model = buildModel(config, 3);
      const y = tf.tidy(
        () =>
          (
            model.predict(
              tf.tensor2d(
                [
                  [5, 0, 7, 0, 0, 0],
                  [5, 7, 0, 0, 0, 0],
                ],
                undefined,
                'int32',
              ),
            ) as tf.Tensor
          ).arraySync() as number[][],
      );
      disposeModel(model);
      return y;
    };
    const [a, b] = outputs(maskedLstm);
    for (let i = 0; i < a!.length; i++) expect(a![i]).toBeCloseTo(b![i]!, 6);
    const unmasked = stack(maskedLstm.inputShape, [
      { type: 'embedding', inputDim: 20, outputDim: 4, inputLength: 6 },
      ...maskedLstm.layers.slice(1),
    ]);
    const [c, d] = outputs(unmasked);
    expect(c).not.toEqual(d);
  });

  it('predicts p_u · q_i + b_u + b_i from its own weights, and leaks no tensor', () => {
    const baseline = tf.memory().numTensors;
    const config = dotProductModel(4, 6, 3);
    const model = buildModel(config, 7);
    const weight = (name: string) => model.getLayer(name).getWeights()[0]!.arraySync() as number[][];
    const [p, q, bu, bi] = ['user_factors', 'item_factors', 'user_bias', 'item_bias'].map(weight) as number[][][];
    const users = [0, 3, 2];
    const items = [5, 0, 2];
    const predict = () =>
      tf.tidy(() => {
        const y = model.predict([
          tf.tensor2d(users, [3, 1], 'int32'),
          tf.tensor2d(items, [3, 1], 'int32'),
        ]) as tf.Tensor;
        return { shape: y.shape, values: y.dataSync().slice() };
      });
    predict(); // burn-in
    const before = tf.memory().numTensors;
    const { shape, values } = predict();
    expect(tf.memory().numTensors).toBe(before);
    expect(shape).toEqual([3, 1]);
    users.forEach((u, n) => {
      const i = items[n]!;
      const dot = p![u]!.reduce((sum, v, k) => sum + v * q![i]![k]!, 0);
      expect(values[n]).toBeCloseTo(dot + bu![u]![0]! + bi![i]![0]!, 6);
    });
    disposeModel(model);
    expect(tf.memory().numTensors).toBe(baseline);
  });

  it('starts from the same embeddings for the same seed', () => {
    const first = (seed: number) => {
      const model = buildModel(bagOfEmbeddings, seed);
      const row = Array.from(model.layers[0]!.getWeights()[0]!.dataSync().slice(0, 16));
      disposeModel(model);
      return row;
    };
    expect(first(4)).toEqual(first(4));
    expect(first(4)).not.toEqual(first(5));
    for (const v of first(4)) expect(Math.abs(v)).toBeLessThanOrEqual(0.05);
  });
});

describe('validation: a clear message for each bad value', () => {
  const embedding = (over: object, inputShape = [10]) =>
    stack(inputShape, [
      { type: 'embedding', inputDim: 50, outputDim: 8, inputLength: 10, ...over } as LayerSpec,
      { type: 'flatten' },
    ]);
  const after = (layer: LayerSpec, inputShape = [10, 4]) => stack(inputShape, [layer]);

  it.each([
    [embedding({ inputDim: 0 }), /embedding: inputDim must be a whole number of at least 1, got 0/],
    [embedding({ outputDim: 1.5 }), /embedding: outputDim must be a whole number of at least 1, got 1.5/],
    [embedding({}, [12]), /embedding: needs token ids \[10\] as input, got \[12\]/],
    [embedding({}, [10, 1]), /needs token ids/],
    [embedding({ maskZero: true, inputDim: 1 }), /inputDim must be a whole number of at least 2/],
    [embedding({ maskZero: true }), /with maskZero, the next layer must be recurrent/],
    [
      after({ type: 'conv1d', filters: 4, kernelSize: 3, activation: 'relu' }, [8, 8, 1]),
      /conv1d: needs sequence \[T, C\] input, got \[8, 8, 1\]/,
    ],
    [
      after({ type: 'conv1d', filters: 4, kernelSize: 11, activation: 'relu' }),
      /conv1d: output shape \[0, 4\] is empty/,
    ],
    [
      after({ type: 'conv1d', filters: 0, kernelSize: 3, activation: 'relu' }),
      /conv1d: filters must be a whole number/,
    ],
    [
      after({ type: 'conv1d', filters: 4, kernelSize: 3, activation: 'tanh' as 'relu' }),
      /conv1d: activation must be relu, softmax, sigmoid, linear, got tanh/,
    ],
    [after({ type: 'globalAveragePooling1d' }, [8, 8, 1]), /global_average_pooling1d: needs sequence \[T, C\] input/],
    [after({ type: 'globalMaxPooling2d' }), /global_max_pooling2d: needs image \[h, w, c\] input, got \[10, 4\]/],
    [after({ type: 'dropout', rate: 1 }), /dropout: rate must be at least 0 and below 1, got 1/],
    [after({ type: 'dropout', rate: -0.1 }), /dropout: rate must be/],
    [after({ type: 'dropout', rate: Number.NaN }), /dropout: rate must be/],
    [after({ type: 'dense', units: 4, activation: 'relu' }, [0]), /input shape \[0\] must be whole numbers/],
    [stack([], []), /input shape \[\] must be whole numbers/],
    [dotProductModel(0, 5, 2), /user_factors: users must be a whole number of at least 1, got 0/],
    [dotProductModel(5, -1, 2), /item_factors: items must be a whole number/],
    [dotProductModel(5, 5, 2.5), /factors must be a whole number of at least 1, got 2.5/],
  ] as [AnyModelConfig, RegExp][])('rejects bad config %#', (config, message) => {
    expect(() => summarise(config)).toThrow(message);
    expect(() => buildModel(config)).toThrow(message);
  });

  it('builds nothing for a bad config: no tensor is left behind', () => {
    const before = tf.memory().numTensors;
    expect(() => buildModel(dotProductModel(5, 5, 0))).toThrow(/factors/);
    expect(tf.memory().numTensors).toBe(before);
  });
});
