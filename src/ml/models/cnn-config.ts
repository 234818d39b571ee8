/**
 * Convolutional classifiers as data. A model is a `CnnConfig`: `cnn.ts` turns it into a
 * TensorFlow.js model, and `summarise` computes, by plain arithmetic, the table Keras's
 * `model.summary()` prints (layer names, output shapes, parameter counts). The book's text, the
 * islands, the tests and the benchmark all use the same config, so they cannot disagree.
 *
 * No TensorFlow.js import here: the page imports this module, and TensorFlow.js must load only in
 * the worker, when the reader presses Train.
 */

export type Activation = 'relu' | 'softmax' | 'linear';

export type LayerSpec =
  | { type: 'conv2d'; filters: number; kernelSize: number; activation: Activation }
  | { type: 'maxPooling2d'; poolSize: number }
  | { type: 'flatten' }
  | { type: 'dense'; units: number; activation: Activation };

/** [height, width, channels] of one input image. */
export type ImageShape = readonly [number, number, number];

export interface CnnConfig {
  inputShape: ImageShape;
  layers: readonly LayerSpec[];
  optimizer: 'adam';
  learningRate: number;
  loss: 'categoricalCrossentropy';
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
export function articleCnn(inputShape: ImageShape = [32, 32, 3]): CnnConfig {
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

const KERAS_NAMES = { conv2d: 'conv2d', maxPooling2d: 'max_pooling2d', flatten: 'flatten', dense: 'dense' } as const;

/**
 * Output shape and parameter count of every layer, by the formulas of the math chapter:
 * a 'valid' k×k convolution with stride 1 maps n to n − k + 1 and has (k·k·C_in + 1)·C_out
 * parameters; a p×p max pool with stride p maps n to ⌊n/p⌋; a dense layer has (n_in + 1)·n_out.
 * @throws if a layer would produce an empty output
 */
export function summarise(config: CnnConfig): SummaryRow[] {
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
export function countParams(config: CnnConfig): number {
  return summarise(config).reduce((sum, row) => sum + row.params, 0);
}
