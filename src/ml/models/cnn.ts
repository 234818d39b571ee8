/**
 * Builds TensorFlow.js models from the configs in `cnn-config.ts` (re-exported here for the
 * worker and the tests). Imports TensorFlow.js: only the worker and Node tests load this module.
 */
import * as tf from '@tensorflow/tfjs';
import type { CnnConfig } from './cnn-config';

export * from './cnn-config';

/**
 * Builds and compiles the TensorFlow.js model for a config. Weights start as Keras's do
 * (Glorot-uniform kernels, zero biases; TensorFlow.js would default to Glorot-normal); with a
 * `seed`, every layer's initial weights are reproducible.
 * The caller owns the model and its optimizer: free both with `disposeModel(model)`.
 */
export function buildCnn(config: CnnConfig, seed?: number): tf.Sequential {
  const model = tf.sequential();
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
      default: {
        const unreachable: never = layer;
        throw new Error(`unknown layer ${JSON.stringify(unreachable)}`);
      }
    }
  });
  model.compile({ optimizer: tf.train.adam(config.learningRate), loss: config.loss, metrics: ['accuracy'] });
  return model;
}

/**
 * Frees a model built by `buildCnn` and its optimizer. `model.dispose()` alone keeps an optimizer
 * that was passed in as an object (Adam's β-power accumulators and moment slots stay allocated).
 */
export function disposeModel(model: tf.LayersModel): void {
  const optimizer = model.optimizer;
  model.dispose();
  optimizer?.dispose();
}
