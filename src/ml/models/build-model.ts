/**
 * Builds TensorFlow.js models from the configs in `model-config.ts` (re-exported here for the
 * worker and the tests). Imports TensorFlow.js: only the worker and Node tests load this module.
 */
import * as tf from '@tensorflow/tfjs';
import type { ModelConfig } from './model-config';

export * from './model-config';

/**
 * Builds and compiles the TensorFlow.js model for a config. Weights start as Keras's do
 * (Glorot-uniform kernels, zero biases, TensorFlow.js would default to Glorot-normal; recurrent
 * kernels orthogonal; an LSTM's forget bias 1, or the config's `forgetBias`); with a `seed`,
 * every layer's initial weights are reproducible.
 * The caller owns the model and its optimizer: free both with `disposeModel(model)`.
 */
export function buildModel(config: ModelConfig, seed?: number): tf.Sequential {
  const model = tf.sequential();
  // tidy frees what the initialisers leave behind (tfjs-layers 4.22's recurrent initialisers and
  // unitForgetBias do not dispose their intermediate tensors); variables survive a tidy
  tf.tidy(() => addLayers(model, config, seed));
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
    switch (layer.type) {
      case 'conv2d':
        model.add(
          tf.layers.conv2d({
            ...input,
            filters: layer.filters,
            kernelSize: layer.kernelSize,
            activation: layer.activation,
            kernelInitializer,
          }),
        );
        break;
      case 'maxPooling2d':
        model.add(tf.layers.maxPooling2d({ ...input, poolSize: layer.poolSize }));
        break;
      case 'flatten':
        model.add(tf.layers.flatten(input));
        break;
      case 'dense':
        model.add(tf.layers.dense({ ...input, units: layer.units, activation: layer.activation, kernelInitializer }));
        break;
      case 'reshape':
        model.add(tf.layers.reshape({ ...input, targetShape: [...layer.targetShape] }));
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

/** Sets an LSTM's forget-gate bias b_f (Keras stacks the bias as [b_i, b_f, b_c, b_o]). */
function setForgetBias(lstm: tf.layers.Layer, units: number, value: number): void {
  const weights = lstm.getWeights();
  const bias = weights[2]!.dataSync().slice();
  bias.fill(value, units, 2 * units);
  const next = tf.tensor1d(bias);
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
