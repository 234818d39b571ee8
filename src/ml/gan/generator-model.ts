/**
 * The generator as an ordinary TensorFlow.js layers model, so a trained generator can be saved and
 * loaded the way every lab's model is (IndexedDB in this browser, or `model.json` +
 * `model.weights.bin` files; see models/model-files.ts), and used outside the book:
 * `tf.loadLayersModel(...).predict(z)` gives the same images as the lab.
 *
 * The lab trains plain variables (gan-2d.ts); these two functions copy the weights into an
 * equivalent `tf.sequential` model and back. Dense → activation → … → Dense (→ tanh): the same
 * products in the same order, so the outputs agree to float rounding (tested).
 */
import * as tf from '@tensorflow/tfjs';
import { ModelFileError } from '../models/model-files';
import { applyMlp, type Mlp } from './gan-2d';
import type { Activation } from './gan-config';

function activationLayer(activation: Activation): tf.layers.Layer {
  return activation === 'leakyRelu' ? tf.layers.leakyReLU({ alpha: 0.2 }) : tf.layers.activation({ activation });
}

/**
 * A layers model computing the same function as `mlp`, with copies of its weights. The caller
 * disposes it (`model.dispose()`).
 * @param inputs the size of the MLP's input (the noise dimension)
 */
export function mlpToLayersModel(mlp: Mlp, inputs: number): tf.LayersModel {
  // built inside a tidy: the layers' initial values would otherwise outlive the model
  const model = tf.sequential({ name: 'generator' });
  tf.tidy(() => {
    mlp.layers.forEach((layer, i) => {
      const units = layer.bias.shape[0]!;
      model.add(tf.layers.dense({ units, ...(i === 0 ? { inputShape: [inputs] } : {}), name: `dense_${i + 1}` }));
      if (i + 1 < mlp.layers.length) model.add(activationLayer(mlp.activation));
    });
    if (mlp.output === 'tanh') model.add(tf.layers.activation({ activation: 'tanh', name: 'to_pixels' }));
    model.setWeights(mlp.layers.flatMap((layer) => [layer.kernel, layer.bias]));
  });
  return model;
}

/** What a loaded generator is: enough to rebuild the lab's generator around its weights. */
export interface GeneratorShape {
  noiseDim: number;
  hidden: number[];
  dataDim: number;
  activation: Activation;
  output: 'linear' | 'tanh';
}

/**
 * Reads a layers model saved by `mlpToLayersModel` back: its shape, and its weights as arrays in
 * the order [kernel₁, bias₁, kernel₂, …].
 * @throws ModelFileError when the model is not such a generator (a classifier saved by another lab,
 *   say), with a sentence a reader can act on
 */
export function readGeneratorModel(model: tf.LayersModel): { shape: GeneratorShape; weights: Float32Array[] } {
  const dense = model.layers.filter((l) => l.getClassName() === 'Dense');
  const others = model.layers.filter((l) => l.getClassName() !== 'Dense' && l.getClassName() !== 'InputLayer');
  const input = model.inputs[0]?.shape;
  if (dense.length < 2 || !input || input.length !== 2 || typeof input[1] !== 'number') {
    throw new ModelFileError('this is not a generator saved by this lab (expected dense layers on a noise vector)');
  }
  let activation: Activation = 'leakyRelu';
  const kinds = others.map((l) => {
    if (l.getClassName() === 'LeakyReLU') return 'leakyRelu';
    const name = (l.getConfig() as { activation?: string }).activation;
    return name === 'relu' || name === 'tanh' ? name : 'unknown';
  });
  const hiddenKinds = kinds.slice(0, dense.length - 1);
  const output = kinds.length === dense.length && kinds.at(-1) === 'tanh' ? 'tanh' : 'linear';
  if (
    hiddenKinds.length !== dense.length - 1 ||
    hiddenKinds.some((k) => k === 'unknown' || k !== hiddenKinds[0]) ||
    kinds.length > dense.length ||
    dense.some((l) => ((l.getConfig() as { activation?: string }).activation ?? 'linear') !== 'linear')
  ) {
    throw new ModelFileError('this model has layers the generator lab does not use');
  }
  activation = hiddenKinds[0] as Activation;
  const units = dense.map((l) => (l.getConfig() as { units: number }).units);
  const weights = dense.flatMap((l) => l.getWeights().map((w) => w.dataSync() as Float32Array));
  return {
    shape: { noiseDim: input[1], hidden: units.slice(0, -1), dataDim: units.at(-1)!, activation, output },
    weights,
  };
}

/** Copies weights read by `readGeneratorModel` into an MLP of the same shape. */
export function assignWeights(mlp: Mlp, weights: Float32Array[]): void {
  const variables = mlp.layers.flatMap((l) => [l.kernel, l.bias]);
  if (variables.length !== weights.length) throw new ModelFileError('the generator has the wrong number of layers');
  variables.forEach((v, i) => {
    if (v.size !== weights[i]!.length) throw new ModelFileError('the generator has layers of the wrong sizes');
    tf.tidy(() => v.assign(tf.tensor(weights[i]!, v.shape)));
  });
}

/** The MLP applied to noise, for checking a round trip: [n, out]. */
export function applyToNoise(mlp: Mlp, z: Float32Array, inputs: number): Float32Array {
  return tf.tidy(() => applyMlp(mlp, tf.tensor2d(z, [z.length / inputs, inputs])).dataSync() as Float32Array);
}
