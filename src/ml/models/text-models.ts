/**
 * The text classifiers of the language lab, all reading token ids [batch, length] (0 = padding)
 * and giving two class probabilities:
 *   bag    embedding → mean over positions → dense     (word order ignored)
 *   conv   embedding → 1-D convolution (ReLU) → max over positions → dense   (n-grams of `kernel`)
 *   lstm   embedding → LSTM (last state) → dense       (reads in order)
 *   bow    the baseline: logistic regression (dense softmax) on the bag of words, a multi-hot
 *          vector [batch, vocabulary]
 */
import * as tf from '@tensorflow/tfjs';
import type { TextModelKind, TextModelSize } from './text-params';

export function textModel(kind: TextModelKind | 'bow', s: TextModelSize, seed: number): tf.LayersModel {
  let n = 0;
  const init = () => tf.initializers.glorotUniform({ seed: seed * 101 + n++ });
  const model = tf.sequential({ name: kind });
  if (kind === 'bow') {
    model.add(
      tf.layers.dense({ units: 2, activation: 'softmax', inputShape: [s.vocabulary], kernelInitializer: init() }),
    );
    return model;
  }
  model.add(
    tf.layers.embedding({
      inputDim: s.vocabulary,
      outputDim: s.embedding,
      inputLength: s.length,
      embeddingsInitializer: tf.initializers.randomUniform({ minval: -0.05, maxval: 0.05, seed: seed * 101 + n++ }),
    }),
  );
  if (kind === 'bag') model.add(tf.layers.globalAveragePooling1d());
  else if (kind === 'conv') {
    model.add(
      tf.layers.conv1d({ filters: s.filters, kernelSize: s.kernel, activation: 'relu', kernelInitializer: init() }),
    );
    model.add(tf.layers.globalMaxPooling1d());
  } else {
    model.add(
      tf.layers.lstm({
        units: s.units,
        // sigmoid gates as in Keras (TensorFlow.js 4.22 defaults to 'hardSigmoid')
        recurrentActivation: 'sigmoid',
        kernelInitializer: init(),
        recurrentInitializer: tf.initializers.orthogonal({ seed: seed * 101 + n++ }),
      }),
    );
  }
  model.add(tf.layers.dense({ units: 2, activation: 'softmax', kernelInitializer: init() }));
  if (kind === 'lstm') unitForgetBias(model.layers[1]!, s.units);
  return model;
}

/**
 * Keras's unit_forget_bias: the forget gate's bias starts at 1 (the bias is stacked [b_i, b_f, b_c,
 * b_o]). Set after building, on the backend: tfjs's own `unitForgetBias` option leaves four tensors
 * behind when the model is disposed (tfjs-layers 4.22).
 */
function unitForgetBias(lstm: tf.layers.Layer, units: number): void {
  const [kernel, recurrent, bias] = lstm.getWeights() as [tf.Tensor, tf.Tensor, tf.Tensor];
  const forget = Uint8Array.from({ length: 4 * units }, (_, i) => (i >= units && i < 2 * units ? 1 : 0));
  const next = tf.tidy(() => tf.where(tf.tensor1d(forget, 'bool'), tf.onesLike(bias), bias));
  lstm.setWeights([kernel, recurrent, next]);
  next.dispose();
}

/** The bag of words of token ids [n, length] as a multi-hot matrix [n, vocabulary] (padding left out). */
export function multiHot(ids: Int32Array, length: number, vocabulary: number): Float32Array {
  const n = ids.length / length;
  const out = new Float32Array(n * vocabulary);
  for (let i = 0; i < n; i++)
    for (let j = 0; j < length; j++) {
      const id = ids[i * length + j]!;
      if (id !== 0) out[i * vocabulary + id] = 1;
    }
  return out;
}
