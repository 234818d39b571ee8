/**
 * Models as data. A model is a `ModelConfig` (a stack of layers) or a `DotProductConfig` (two
 * inputs, for matrix factorisation): `build-model.ts` turns either into a TensorFlow.js model,
 * and `summarise` computes, by plain arithmetic, the table Keras's `model.summary()` prints (layer
 * names, output shapes, parameter counts), checking every value on the way. Convolutional
 * classifiers read images [h, w, c]; recurrent models read sequences stored the same way,
 * [T, D, 1] (time steps as rows), reshaped to [T, D] by their first layer; text models read token
 * ids [T] through an embedding. The book's text, the islands, the tests and the benchmark all use
 * the same config, so they cannot disagree.
 *
 * No TensorFlow.js import here: the page imports this module, and TensorFlow.js must load only in
 * the worker, when the reader presses Train.
 */

export type Activation = 'relu' | 'softmax' | 'sigmoid' | 'linear';

/** Recurrent layers, named as Keras names them: SimpleRNN (4.6), LSTM (4.8)–(4.11), GRU (4.29). */
export type RecurrentType = 'simpleRNN' | 'lstm' | 'gru';

export type LayerSpec =
  | { type: 'conv2d'; filters: number; kernelSize: number; activation: Activation }
  | { type: 'maxPooling2d'; poolSize: number }
  | { type: 'flatten' }
  | { type: 'dense'; units: number; activation: Activation }
  /** [T, D, 1] → [T, D]: a sequence stored as an image becomes a sequence again */
  | { type: 'reshape'; targetShape: readonly number[] }
  /**
   * A recurrent layer over [T, D]; outputs the last state [units] (or every state [T, units] with
   * `returnSequences`). `forgetBias` (LSTM only) initialises the forget gate's bias b_f: Keras's
   * `unit_forget_bias` gives 1; larger values make a fresh cell remember longer (§4.2).
   */
  | { type: RecurrentType; units: number; returnSequences?: boolean; forgetBias?: number }
  /**
   * Token ids [T] → vectors [T, outputDim]: row i of an inputDim × outputDim table for id i. With
   * `maskZero`, id 0 is padding and the layers after it skip those steps (so it needs inputDim ≥ 2).
   */
  | { type: 'embedding'; inputDim: number; outputDim: number; inputLength: number; maskZero?: boolean }
  /** a 'valid' convolution along time, stride 1: [T, C] → [T − k + 1, filters] */
  | { type: 'conv1d'; filters: number; kernelSize: number; activation: Activation }
  /** the mean or the largest value of each channel over time, [T, C] → [C], or over the image, [h, w, C] → [C] */
  | { type: 'globalAveragePooling1d' | 'globalMaxPooling1d' | 'globalAveragePooling2d' | 'globalMaxPooling2d' }
  /** while training, zeroes each value with probability `rate` and scales the rest by 1 / (1 − rate) */
  | { type: 'dropout'; rate: number }
  /**
   * normalises each channel (last axis) by batch statistics while training, moving averages after;
   * `momentum` is the averages' decay per batch (Keras's 0.99 when absent)
   */
  | { type: 'batchNormalization'; momentum?: number };

/** [height, width, channels] of one input image. */
export type ImageShape = readonly [number, number, number];

export interface ModelConfig {
  /** absent or 'sequential': the layers are applied in order (see `DotProductConfig` for the other kind) */
  kind?: 'sequential';
  /** of one example: [h, w, c] images, [T, D, 1] stored sequences, [T] token ids */
  inputShape: readonly number[];
  layers: readonly LayerSpec[];
  optimizer: 'adam';
  learningRate: number;
  /** classifiers end in softmax; a regression (the forecaster) ends in one linear unit */
  loss: 'categoricalCrossentropy' | 'meanSquaredError';
  batchSize: number;
  /**
   * Weight decay (L2): the loss gains l2·Σw² over the kernels of every convolution and dense layer
   * (Keras's `kernel_regularizer=l2(l2)`); absent or 0 for none (see `remedies.ts`)
   */
  l2?: number;
}

/**
 * Matrix factorisation as a two-input model: a user id and an item id, each looked up in its own
 * embedding table of `factors` columns; the predicted rating is the dot product of the two vectors,
 * plus (with `biases`) a learned bias per user and per item: r̂ = p_u · q_i + b_u + b_i. Ratings
 * are centred (or scaled) by the dataset's normalisation, so there is no global bias term.
 */
export interface DotProductConfig {
  kind: 'dot-product';
  /** ids run 0 … users − 1 and 0 … items − 1 */
  users: number;
  items: number;
  factors: number;
  biases: boolean;
  optimizer: 'adam';
  learningRate: number;
  loss: 'meanSquaredError';
  batchSize: number;
}

/** Either kind of model config. */
export type AnyModelConfig = ModelConfig | DotProductConfig;

/** A dot-product model with Adam, squared error and batch 64 unless told otherwise. */
export function dotProductModel(
  users: number,
  items: number,
  factors: number,
  options: { biases?: boolean; learningRate?: number; batchSize?: number } = {},
): DotProductConfig {
  return {
    kind: 'dot-product',
    users,
    items,
    factors,
    biases: options.biases ?? true,
    optimizer: 'adam',
    learningRate: options.learningRate ?? 0.001,
    loss: 'meanSquaredError',
    batchSize: options.batchSize ?? 64,
  };
}

/**
 * The source article's Keras model (its §5.2): Conv 32 → MaxPool → Conv 64 → MaxPool → Flatten →
 * Dense 64 → Dense 10, Adam (Keras's default learning rate 0.001), categorical cross-entropy, batch 32.
 */
export const ARTICLE_CNN_LAYERS: readonly LayerSpec[] = [
  { type: 'conv2d', filters: 32, kernelSize: 3, activation: 'relu' },
  { type: 'maxPooling2d', poolSize: 2 },
  { type: 'conv2d', filters: 64, kernelSize: 3, activation: 'relu' },
  { type: 'maxPooling2d', poolSize: 2 },
  { type: 'flatten' },
  { type: 'dense', units: 64, activation: 'relu' },
  { type: 'dense', units: 10, activation: 'softmax' },
];

/** The article's model for an input shape: 32×32×3 as printed, 28×28×1 for MNIST. */
export function articleCnn(inputShape: ImageShape = [32, 32, 3]): ModelConfig {
  return {
    inputShape,
    layers: ARTICLE_CNN_LAYERS,
    optimizer: 'adam',
    learningRate: 0.001,
    loss: 'categoricalCrossentropy',
    batchSize: 32,
  };
}

export interface SummaryRow {
  /** Keras's automatic layer name: conv2d, max_pooling2d, conv2d_1, … (or the name a dot-product model gives it) */
  name: string;
  /** output shape without the batch dimension */
  outputShape: number[];
  /** every weight, trainable or not, as Keras's "Param #" column counts them */
  params: number;
  /** the weights not trained by gradient descent (batch normalisation's moving mean and variance) */
  nonTrainable?: number;
}

const KERAS_NAMES = {
  conv2d: 'conv2d',
  maxPooling2d: 'max_pooling2d',
  flatten: 'flatten',
  dense: 'dense',
  reshape: 'reshape',
  simpleRNN: 'simple_rnn',
  lstm: 'lstm',
  gru: 'gru',
  embedding: 'embedding',
  conv1d: 'conv1d',
  globalAveragePooling1d: 'global_average_pooling1d',
  globalMaxPooling1d: 'global_max_pooling1d',
  globalAveragePooling2d: 'global_average_pooling2d',
  globalMaxPooling2d: 'global_max_pooling2d',
  dropout: 'dropout',
  batchNormalization: 'batch_normalization',
} as const;

/** Weight blocks per recurrent cell: one for SimpleRNN, four for LSTM (i, f, c̃, o), three for GRU. */
const GATES: Record<RecurrentType, number> = { simpleRNN: 1, lstm: 4, gru: 3 };

/**
 * A recurrent model for sequences stored as [T, D, 1]: reshape → one recurrent layer → dense.
 * @param outputs classes (softmax) or, with `regression`, one linear unit per predicted value
 */
export function recurrentModel(
  cell: RecurrentType,
  steps: number,
  features: number,
  units: number,
  outputs: number,
  options: { learningRate?: number; batchSize?: number; forgetBias?: number; regression?: boolean } = {},
): ModelConfig {
  return {
    inputShape: [steps, features, 1],
    layers: [
      { type: 'reshape', targetShape: [steps, features] },
      {
        type: cell,
        units,
        ...(cell === 'lstm' && options.forgetBias !== undefined ? { forgetBias: options.forgetBias } : {}),
      },
      { type: 'dense', units: outputs, activation: options.regression ? 'linear' : 'softmax' },
    ],
    optimizer: 'adam',
    learningRate: options.learningRate ?? 0.001,
    loss: options.regression ? 'meanSquaredError' : 'categoricalCrossentropy',
    batchSize: options.batchSize ?? 32,
  };
}

/** The recurrent layer of a model, if it has one. */
export function recurrentLayerOf(config: ModelConfig): Extract<LayerSpec, { type: RecurrentType }> | undefined {
  return config.layers.find((l): l is Extract<LayerSpec, { type: RecurrentType }> => l.type in GATES);
}

const ACTIVATIONS: readonly Activation[] = ['relu', 'softmax', 'sigmoid', 'linear'];

/** @throws unless `value` is a whole number ≥ `min` */
function whole(name: string, field: string, value: number, min = 1): number {
  if (!Number.isInteger(value) || value < min)
    throw new Error(`${name}: ${field} must be a whole number of at least ${min}, got ${value}`);
  return value;
}

function checkActivation(name: string, activation: Activation): void {
  if (!ACTIVATIONS.includes(activation))
    throw new Error(`${name}: activation must be ${ACTIVATIONS.join(', ')}, got ${String(activation)}`);
}

/** @throws unless the input of layer `name` has `rank` dimensions (`what` names them) */
function rankOf(name: string, shape: readonly number[], rank: number, what: string): void {
  if (shape.length !== rank) throw new Error(`${name}: needs ${what} input, got [${shape.join(', ')}]`);
}

interface LayerOutput {
  shape: number[];
  params: number;
  nonTrainable?: number;
}

/**
 * One layer's output shape and parameter count from its input shape, by the formulas of the
 * math chapter: a 'valid' convolution with stride 1 maps n to n − k + 1 and has
 * (k^d·C_in + 1)·C_out parameters (d = 1 or 2); a p×p max pool with stride p maps n to ⌊n/p⌋; a
 * dense layer has (n_in + 1)·n_out; an embedding is a table of inputDim × outputDim; batch
 * normalisation keeps γ, β (trained) and a moving mean and variance (not trained) per channel.
 * @throws naming the layer and the value when the config is invalid
 */
function layerOutput(layer: LayerSpec, shape: readonly number[], name: string): LayerOutput {
  switch (layer.type) {
    case 'conv2d':
    case 'conv1d': {
      const d = layer.type === 'conv2d' ? 2 : 1;
      rankOf(name, shape, d + 1, d === 2 ? 'image [h, w, c]' : 'sequence [T, C]');
      const k = whole(name, 'kernelSize', layer.kernelSize);
      whole(name, 'filters', layer.filters);
      checkActivation(name, layer.activation);
      const channels = shape[d]!;
      return {
        shape: [...shape.slice(0, d).map((n) => n - k + 1), layer.filters],
        params: (k ** d * channels + 1) * layer.filters,
      };
    }
    case 'maxPooling2d': {
      rankOf(name, shape, 3, 'image [h, w, c]');
      const p = whole(name, 'poolSize', layer.poolSize);
      const [h, w, c] = shape as [number, number, number];
      return { shape: [Math.floor(h / p), Math.floor(w / p), c], params: 0 };
    }
    case 'flatten':
      return { shape: [shape.reduce((a, b) => a * b, 1)], params: 0 };
    case 'reshape': {
      const size = (dims: readonly number[]) => dims.reduce((a, b) => a * b, 1);
      if (size(layer.targetShape) !== size(shape))
        throw new Error(`${name}: cannot reshape [${shape.join(', ')}] to [${layer.targetShape.join(', ')}]`);
      return { shape: [...layer.targetShape], params: 0 };
    }
    case 'simpleRNN':
    case 'lstm':
    case 'gru': {
      if (shape.length !== 2)
        throw new Error(`${name}: a recurrent layer needs [T, D] input, got [${shape.join(', ')}]`);
      const [steps, features] = shape as [number, number];
      const u = whole(name, 'units', layer.units);
      // each gate block: a D×u input kernel, a u×u recurrent kernel and a bias. (TensorFlow.js's
      // GRU is Keras's with reset_after=False; Keras's default keeps a second bias per block.)
      return { shape: layer.returnSequences ? [steps, u] : [u], params: GATES[layer.type] * u * (features + u + 1) };
    }
    case 'dense': {
      if (shape.length !== 1) throw new Error(`${name}: a dense layer needs a flat input, got [${shape.join(', ')}]`);
      whole(name, 'units', layer.units);
      checkActivation(name, layer.activation);
      return { shape: [layer.units], params: (shape[0]! + 1) * layer.units };
    }
    case 'embedding': {
      const length = whole(name, 'inputLength', layer.inputLength);
      whole(name, 'inputDim', layer.inputDim, layer.maskZero ? 2 : 1);
      whole(name, 'outputDim', layer.outputDim);
      if (shape.length !== 1 || shape[0] !== length)
        throw new Error(`${name}: needs token ids [${length}] as input, got [${shape.join(', ')}]`);
      return { shape: [length, layer.outputDim], params: layer.inputDim * layer.outputDim };
    }
    case 'globalAveragePooling1d':
    case 'globalMaxPooling1d':
      rankOf(name, shape, 2, 'sequence [T, C]');
      return { shape: [shape[1]!], params: 0 };
    case 'globalAveragePooling2d':
    case 'globalMaxPooling2d':
      rankOf(name, shape, 3, 'image [h, w, c]');
      return { shape: [shape[2]!], params: 0 };
    case 'dropout':
      if (!(layer.rate >= 0 && layer.rate < 1))
        throw new Error(`${name}: rate must be at least 0 and below 1, got ${layer.rate}`);
      return { shape: [...shape], params: 0 };
    case 'batchNormalization': {
      if (layer.momentum !== undefined && !(layer.momentum >= 0 && layer.momentum < 1))
        throw new Error(`${name}: momentum must be at least 0 and below 1, got ${layer.momentum}`);
      const channels = shape.at(-1)!;
      return { shape: [...shape], params: 4 * channels, nonTrainable: 2 * channels };
    }
    default: {
      const unreachable: never = layer;
      throw new Error(`unknown layer ${JSON.stringify(unreachable)}`);
    }
  }
}

/**
 * The rows of a dot-product model, in the order its builder creates the layers (named as the
 * builder names them): two id inputs, their factor tables, their bias tables, the dot product, the
 * sum, and the rating.
 */
function summariseDotProduct(config: DotProductConfig): SummaryRow[] {
  const users = whole('user_factors', 'users', config.users);
  const items = whole('item_factors', 'items', config.items);
  const k = whole('user_factors', 'factors', config.factors);
  return [
    { name: 'user', outputShape: [1], params: 0 },
    { name: 'item', outputShape: [1], params: 0 },
    { name: 'user_factors', outputShape: [1, k], params: users * k },
    { name: 'item_factors', outputShape: [1, k], params: items * k },
    ...(config.biases
      ? [
          { name: 'user_bias', outputShape: [1, 1], params: users },
          { name: 'item_bias', outputShape: [1, 1], params: items },
        ]
      : []),
    { name: 'dot', outputShape: [1, 1], params: 0 },
    ...(config.biases ? [{ name: 'add', outputShape: [1, 1], params: 0 }] : []),
    { name: 'rating', outputShape: [1], params: 0 },
  ];
}

/**
 * Output shape and parameter count of every layer (see `layerOutput` for the formulas).
 * @throws naming the layer, if a value is invalid, a layer gets an input it cannot take, or a
 *   layer would produce an empty output
 */
export function summarise(config: AnyModelConfig): SummaryRow[] {
  if (config.kind === 'dot-product') return summariseDotProduct(config);
  if (config.l2 !== undefined && !(Number.isFinite(config.l2) && config.l2 >= 0))
    throw new Error(`l2 must be a number of at least 0, got ${config.l2}`);
  if (config.inputShape.length === 0 || !config.inputShape.every((d) => Number.isInteger(d) && d > 0))
    throw new Error(`input shape [${config.inputShape.join(', ')}] must be whole numbers of at least 1`);
  const seen: Record<string, number> = {};
  let shape: number[] = [...config.inputShape];
  return config.layers.map((layer, index) => {
    const base = KERAS_NAMES[layer.type];
    const count = seen[base] ?? 0;
    seen[base] = count + 1;
    const name = count === 0 ? base : `${base}_${count}`;
    const out = layerOutput(layer, shape, name);
    if (layer.type === 'embedding' && layer.maskZero) {
      // Keras's pooling layers skip masked steps too; TensorFlow.js's would average the padding in
      const reader = config.layers.slice(index + 1).find((l) => l.type !== 'dropout');
      if (!reader || !(reader.type in GATES))
        throw new Error(`${name}: with maskZero, the next layer must be recurrent (only those skip the padding)`);
    }
    shape = out.shape;
    if (shape.some((d) => d <= 0))
      throw new Error(`${name}: output shape [${shape.join(', ')}] is empty; the input is too small`);
    return {
      name,
      outputShape: shape,
      params: out.params,
      ...(out.nonTrainable === undefined ? {} : { nonTrainable: out.nonTrainable }),
    };
  });
}

/** Total parameters of a config, trainable or not (Keras's "Total params"). */
export function countParams(config: AnyModelConfig): number {
  return summarise(config).reduce((sum, row) => sum + row.params, 0);
}
