/**
 * The transfer lab's models. Each cell's model is the source's architecture built afresh (a new,
 * randomly initialised head: the dense layers after the flatten), and, except from scratch, its
 * convolutions carry the source model's weights:
 *   frozen     every convolution copied and frozen: only the new head trains (feature extraction)
 *   finetune   every convolution copied; the first frozen, the last block trains with the head
 *   scratch    nothing copied, everything trains
 */
import * as tf from '@tensorflow/tfjs';
import { buildModel } from '../../models/build-model';
import type { ModelConfig } from '../../models/model-config';
import type { Strategy } from './job';

/** The convolution layers of `model`, in order. */
export const convLayers = (model: tf.LayersModel): tf.layers.Layer[] =>
  model.layers.filter((l) => l.getClassName() === 'Conv2D');

/**
 * A new model of `config` (initialised from `seed`) set up for `strategy` from `source`'s
 * convolutions. The caller owns and disposes it; `source` is only read.
 */
export function transferModel(
  config: ModelConfig,
  seed: number,
  source: tf.LayersModel,
  strategy: Strategy,
): tf.LayersModel {
  const model = buildModel(config, seed);
  if (strategy === 'scratch') return model;
  const from = convLayers(source);
  const to = convLayers(model);
  if (from.length !== to.length) {
    model.dispose();
    throw new Error(`the source model has ${from.length} convolutions, the lab's model ${to.length}`);
  }
  to.forEach((layer, i) => {
    // getWeights reads the variables themselves; setWeights copies their values
    layer.setWeights(from[i]!.getWeights());
    layer.trainable = strategy === 'finetune' && i === to.length - 1;
  });
  return model;
}

/**
 * The first convolution's kernel, [kh, kw, 1, filters] (input channels summed), in that order:
 * what the CNN lab's filter picture draws.
 */
export async function firstFilters(model: tf.LayersModel): Promise<{ shape: number[]; data: Float32Array }> {
  const layer = convLayers(model)[0];
  if (!layer) throw new Error('the model has no convolution');
  const kernel = layer.getWeights()[0]!; // the layer's own variable: not disposed
  const summed = tf.tidy(() => kernel.sum(2, true));
  const data = (await summed.data()) as Float32Array;
  const shape = summed.shape;
  summed.dispose();
  return { shape, data };
}
