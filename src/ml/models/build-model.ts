/**
 * Builds TensorFlow.js models from the configs in `model-config.ts` (re-exported here for the
 * worker and the tests). Imports TensorFlow.js: only the worker and Node tests load this module.
 */
import * as tf from '@tensorflow/tfjs';
import { summarise, type AnyModelConfig, type DotProductConfig, type ModelConfig } from './model-config';

export * from './model-config';

/**
 * Builds and compiles the TensorFlow.js model for a config, after checking it (`summarise`).
 * Weights start as Keras's do (Glorot-uniform kernels, zero biases, TensorFlow.js would default to
 * Glorot-normal; recurrent kernels orthogonal; an LSTM's forget bias 1, or the config's
 * `forgetBias`; embeddings uniform in ±0.05); with a `seed`, every layer's initial weights (and
 * dropout's masks) are reproducible.
 * The caller owns the model and its optimizer: free both with `disposeModel(model)`.
 * @throws naming the layer and the value when the config is invalid
 */
export function buildModel(config: ModelConfig, seed?: number): tf.Sequential;
export function buildModel(config: DotProductConfig, seed?: number): tf.LayersModel;
export function buildModel(config: AnyModelConfig, seed?: number): tf.LayersModel;
export function buildModel(config: AnyModelConfig, seed?: number): tf.LayersModel {
  summarise(config);
  let model: tf.LayersModel;
  if (config.kind === 'dot-product') {
    model = dotProduct(config, seed);
  } else {
    const sequential = tf.sequential();
    // tidy frees what the initialisers leave behind (tfjs-layers 4.22's recurrent initialisers and
    // unitForgetBias do not dispose their intermediate tensors); variables survive a tidy
    tf.tidy(() => addLayers(sequential, config, seed));
    model = sequential;
  }
  model.compile({
    optimizer: tf.train.adam(config.learningRate),
    loss: config.loss,
    metrics: config.loss === 'categoricalCrossentropy' ? ['accuracy'] : [],
  });
  return model;
}

function addLayers(model: tf.Sequential, config: ModelConfig, seed: number | undefined): void {
  config.layers.forEach((layer, index) => {
    const kernelInitializer = tf.initializers.glorotUniform(seed === undefined ? {} : { seed: seed + index });
    const input = index === 0 ? { inputShape: [...config.inputShape] } : {};
    // weight decay on kernels only (Keras's kernel_regularizer); trainStep adds it to the loss
    const decay = config.l2 ? { kernelRegularizer: tf.regularizers.l2({ l2: config.l2 }) } : {};
    switch (layer.type) {
      case 'conv2d':
      case 'conv1d': {
        const conv = layer.type === 'conv2d' ? tf.layers.conv2d : tf.layers.conv1d;
        model.add(
          conv({
            ...input,
            filters: layer.filters,
            kernelSize: layer.kernelSize,
            activation: layer.activation,
            kernelInitializer,
            ...decay,
          }),
        );
        break;
      }
      case 'maxPooling2d':
        model.add(tf.layers.maxPooling2d({ ...input, poolSize: layer.poolSize }));
        break;
      case 'flatten':
        model.add(tf.layers.flatten(input));
        break;
      case 'dense':
        model.add(
          tf.layers.dense({ ...input, units: layer.units, activation: layer.activation, kernelInitializer, ...decay }),
        );
        break;
      case 'reshape':
        model.add(tf.layers.reshape({ ...input, targetShape: [...layer.targetShape] }));
        break;
      case 'embedding':
        model.add(
          tf.layers.embedding({
            ...input,
            inputDim: layer.inputDim,
            outputDim: layer.outputDim,
            inputLength: layer.inputLength,
            maskZero: layer.maskZero ?? false,
            embeddingsInitializer: embeddingInit(seed === undefined ? undefined : seed + index),
          }),
        );
        break;
      case 'globalAveragePooling1d':
      case 'globalMaxPooling1d':
      case 'globalAveragePooling2d':
      case 'globalMaxPooling2d':
        model.add(tf.layers[layer.type](input));
        break;
      case 'dropout':
        model.add(
          tf.layers.dropout({ ...input, rate: layer.rate, ...(seed === undefined ? {} : { seed: seed + index }) }),
        );
        break;
      case 'batchNormalization':
        // Keras's defaults (momentum 0.99 unless the layer says, ε = 0.001), normalising the last axis
        model.add(
          tf.layers.batchNormalization({ ...input, axis: -1, momentum: layer.momentum ?? 0.99, epsilon: 1e-3 }),
        );
        break;
      case 'simpleRNN':
      case 'lstm':
      case 'gru': {
        const recurrentInitializer = tf.initializers.orthogonal(
          seed === undefined ? {} : { seed: seed + index + 1000 },
        );
        const options = {
          ...input,
          units: layer.units,
          returnSequences: layer.returnSequences ?? false,
          kernelInitializer,
          recurrentInitializer,
        };
        if (layer.type === 'simpleRNN') model.add(tf.layers.simpleRNN(options));
        // gates use the logistic sigmoid of (4.8), as Keras does: tfjs-layers 4.22 still defaults to
        // the piecewise-linear hardSigmoid of Keras 1
        else if (layer.type === 'gru') model.add(tf.layers.gru({ ...options, recurrentActivation: 'sigmoid' }));
        else {
          const lstm = tf.layers.lstm({ ...options, recurrentActivation: 'sigmoid', unitForgetBias: true });
          model.add(lstm);
          if (layer.forgetBias !== undefined && layer.forgetBias !== 1)
            setForgetBias(lstm, layer.units, layer.forgetBias);
        }
        break;
      }
      default: {
        const unreachable: never = layer;
        throw new Error(`unknown layer ${JSON.stringify(unreachable)}`);
      }
    }
  });
}

/** Keras's Embedding initialiser: uniform in [−0.05, 0.05]. */
const embeddingInit = (seed: number | undefined) =>
  tf.initializers.randomUniform({ minval: -0.05, maxval: 0.05, ...(seed === undefined ? {} : { seed }) });

/**
 * The two-input model of a `DotProductConfig`: ids [N, 1] (int32) → factor vectors [N, 1, k] → dot
 * product [N, 1, 1] (+ biases) → rating [N, 1]. Layers are named as `summarise` names them.
 */
function dotProduct(config: DotProductConfig, seed: number | undefined): tf.LayersModel {
  const at = (offset: number) => embeddingInit(seed === undefined ? undefined : seed + offset);
  const user = tf.input({ shape: [1], dtype: 'int32', name: 'user' });
  const item = tf.input({ shape: [1], dtype: 'int32', name: 'item' });
  const table = (name: string, rows: number, columns: number, offset: number) =>
    tf.layers.embedding({ name, inputDim: rows, outputDim: columns, embeddingsInitializer: at(offset) });
  const apply = (layer: tf.layers.Layer, inputs: tf.SymbolicTensor | tf.SymbolicTensor[]) =>
    layer.apply(inputs) as tf.SymbolicTensor;
  const output: tf.SymbolicTensor[] = [];
  // weights are made (and initialised) when a layer is first applied: tidy frees the initialisers' temporaries
  tf.tidy(() => {
    const p = apply(table('user_factors', config.users, config.factors, 0), user);
    const q = apply(table('item_factors', config.items, config.factors, 1), item);
    let score = apply(tf.layers.dot({ axes: 2, name: 'dot' }), [p, q]);
    if (config.biases) {
      const bu = apply(table('user_bias', config.users, 1, 2), user);
      const bi = apply(table('item_bias', config.items, 1, 3), item);
      score = apply(tf.layers.add({ name: 'add' }), [score, bu, bi]);
    }
    output.push(apply(tf.layers.flatten({ name: 'rating' }), score));
  });
  return tf.model({ inputs: [user, item], outputs: output[0]! });
}

/**
 * Sets an LSTM's forget-gate bias b_f (Keras stacks the bias as [b_i, b_f, b_c, b_o]), on the
 * backend, without reading the bias back: a synchronous read on WebGPU goes through a canvas, which
 * loses the device on Chromium's software adapter (see tasks/image-classification/inspect.ts).
 */
function setForgetBias(lstm: tf.layers.Layer, units: number, value: number): void {
  const weights = lstm.getWeights();
  const size = weights[2]!.shape[0]!;
  const forget = Uint8Array.from({ length: size }, (_, i) => (i >= units && i < 2 * units ? 1 : 0));
  const next = tf.tidy(() => tf.where(tf.tensor1d(forget, 'bool'), tf.fill([size], value), weights[2]!));
  lstm.setWeights([weights[0]!, weights[1]!, next]);
  next.dispose();
}

/**
 * Frees a model built by `buildModel` and its optimizer. `model.dispose()` alone keeps an optimizer
 * that was passed in as an object (Adam's β-power accumulators and moment slots stay allocated).
 */
export function disposeModel(model: tf.LayersModel): void {
  const optimizer = model.optimizer;
  model.dispose();
  optimizer?.dispose();
}
