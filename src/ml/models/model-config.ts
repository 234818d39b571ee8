/**
 * Models as data. A model is a `ModelConfig`: `build-model.ts` turns it into a TensorFlow.js model,
 * and `summarise` computes, by plain arithmetic, the table Keras's `model.summary()` prints (layer
 * names, output shapes, parameter counts). Convolutional classifiers read images [h, w, c];
 * recurrent models read sequences stored the same way, [T, D, 1] (time steps as rows), reshaped to
 * [T, D] by their first layer. The book's text, the
 * islands, the tests and the benchmark all use the same config, so they cannot disagree.
 *
 * No TensorFlow.js import here: the page imports this module, and TensorFlow.js must load only in
 * the worker, when the reader presses Train.
 */

export type Activation = 'relu' | 'softmax' | 'linear';

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
  | { type: RecurrentType; units: number; returnSequences?: boolean; forgetBias?: number };

/** [height, width, channels] of one input image. */
export type ImageShape = readonly [number, number, number];

export interface ModelConfig {
  inputShape: ImageShape;
  layers: readonly LayerSpec[];
  optimizer: 'adam';
  learningRate: number;
  /** classifiers end in softmax; a regression (the forecaster) ends in one linear unit */
  loss: 'categoricalCrossentropy' | 'meanSquaredError';
  batchSize: number;
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
  /** Keras's automatic layer name: conv2d, max_pooling2d, conv2d_1, … */
  name: string;
  /** output shape without the batch dimension */
  outputShape: number[];
  params: number;
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

/**
 * Output shape and parameter count of every layer, by the formulas of the math chapter:
 * a 'valid' k×k convolution with stride 1 maps n to n − k + 1 and has (k·k·C_in + 1)·C_out
 * parameters; a p×p max pool with stride p maps n to ⌊n/p⌋; a dense layer has (n_in + 1)·n_out.
 * @throws if a layer would produce an empty output
 */
export function summarise(config: ModelConfig): SummaryRow[] {
  const seen: Record<string, number> = {};
  let shape: number[] = [...config.inputShape];
  return config.layers.map((layer) => {
    const base = KERAS_NAMES[layer.type];
    const count = seen[base] ?? 0;
    seen[base] = count + 1;
    const name = count === 0 ? base : `${base}_${count}`;
    let params = 0;
    switch (layer.type) {
      case 'conv2d': {
        const [h, w, c] = shape as [number, number, number];
        shape = [h - layer.kernelSize + 1, w - layer.kernelSize + 1, layer.filters];
        params = (layer.kernelSize * layer.kernelSize * c + 1) * layer.filters;
        break;
      }
      case 'maxPooling2d': {
        const [h, w, c] = shape as [number, number, number];
        shape = [Math.floor(h / layer.poolSize), Math.floor(w / layer.poolSize), c];
        break;
      }
      case 'flatten':
        shape = [shape.reduce((a, b) => a * b, 1)];
        break;
      case 'reshape': {
        const size = (dims: readonly number[]) => dims.reduce((a, b) => a * b, 1);
        if (size(layer.targetShape) !== size(shape))
          throw new Error(`${name}: cannot reshape [${shape.join(', ')}] to [${layer.targetShape.join(', ')}]`);
        shape = [...layer.targetShape];
        break;
      }
      case 'simpleRNN':
      case 'lstm':
      case 'gru': {
        if (shape.length !== 2)
          throw new Error(`${name}: a recurrent layer needs [T, D] input, got [${shape.join(', ')}]`);
        const [steps, features] = shape as [number, number];
        const u = layer.units;
        // each gate block: a D×u input kernel, a u×u recurrent kernel and a bias. (TensorFlow.js's
        // GRU is Keras's with reset_after=False; Keras's default keeps a second bias per block.)
        params = GATES[layer.type] * u * (features + u + 1);
        shape = layer.returnSequences ? [steps, u] : [u];
        break;
      }
      case 'dense': {
        const inputs = shape.length === 1 ? shape[0]! : Number.NaN;
        if (Number.isNaN(inputs))
          throw new Error(`${name}: a dense layer needs a flat input, got [${shape.join(', ')}]`);
        shape = [layer.units];
        params = (inputs + 1) * layer.units;
        break;
      }
      default: {
        const unreachable: never = layer;
        throw new Error(`unknown layer ${JSON.stringify(unreachable)}`);
      }
    }
    if (shape.some((d) => d <= 0))
      throw new Error(`${name}: output shape [${shape.join(', ')}] is empty; the input is too small`);
    return { name, outputShape: shape, params };
  });
}

/** Total trainable parameters of a config. */
export function countParams(config: ModelConfig): number {
  return summarise(config).reduce((sum, row) => sum + row.params, 0);
}
