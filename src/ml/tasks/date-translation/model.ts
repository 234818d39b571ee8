/**
 * The date translator: a character-level encoder–decoder (after tfjs-examples' date-conversion-
 * attention), with Luong dot-product attention or without it.
 *
 *   encoder   one-hot characters [32, |input vocab|] → LSTM(U, the whole sequence); its last output
 *   decoder   one-hot previous output characters [10, |output vocab|] → LSTM(U), started from the
 *             encoder's last output (teacher forcing in training, its own output when decoding)
 *   attention scores = decoder · encoderᵀ, softmax over the input characters, context = weights ·
 *             encoder; [context, decoder] → Dense(U, tanh) → Dense(|output vocab|, softmax)
 *   without   decoder → Dense(U, tanh) → Dense(|output vocab|, softmax): everything the decoder knows
 *             about the input is the encoder's final state
 * Inputs are ids, one-hot encoded by `oneHotInputs`. The attention variant also builds a second model on the same layers whose outputs include the
 * attention weights, for the lab's matrix.
 */
import * as tf from '@tensorflow/tfjs';
import { INPUT_VOCAB, OUTPUT_LENGTH, OUTPUT_VOCAB } from '../../data/dates';

/**
 * The last time step of a sequence, [n, T, U] → [n, U] (Keras: `Lambda(lambda s: s[:, -1, :])`).
 * The encoder's final state is taken this way rather than with `returnState`: TensorFlow.js 4.22
 * runs a layer with several outputs once per output while training, and an LSTM run after the
 * decoder's then sees the decoder's initial state (the executor shares its arguments).
 */
class LastStep extends tf.layers.Layer {
  static readonly className = 'LastStep';
  override computeOutputShape(shape: tf.Shape | tf.Shape[]): tf.Shape {
    const s = shape as tf.Shape;
    return [s[0]!, s[2]!];
  }
  override call(inputs: tf.Tensor | tf.Tensor[]): tf.Tensor {
    const x = (Array.isArray(inputs) ? inputs[0]! : inputs) as tf.Tensor3D;
    const [n, steps, units] = x.shape;
    return x.slice([0, steps - 1, 0], [n, 1, units]).reshape([n, units]);
  }
}
tf.serialization.registerClass(LastStep);

export interface TranslatorShape {
  attention: boolean;
  /** LSTM units (and the dense layer's) */
  units: number;
}

export interface Translator {
  /** the model trained: [input ids, decoder input ids] → [n, OUTPUT_LENGTH, |output vocab|] */
  model: tf.LayersModel;
  /** with attention: the same layers, outputs [probabilities, attention [n, OUTPUT_LENGTH, INPUT_LENGTH]] */
  withWeights?: tf.LayersModel;
}

export function buildTranslator({ attention, units }: TranslatorShape, seed: number): Translator {
  const init = (offset: number) => tf.initializers.glorotUniform({ seed: seed + offset });
  // any number of input characters (each batch is padded only to its longest); one-hot characters
  // straight into the LSTMs (their input kernels are the embeddings): the
  // gradient of an Embedding layer (a gather) has no WebAssembly kernel in TensorFlow.js 4.22
  const encoderInput = tf.input({ shape: [null, INPUT_VOCAB.length], name: 'characters' });
  const decoderInput = tf.input({ shape: [OUTPUT_LENGTH, OUTPUT_VOCAB.length], name: 'previous' });
  const encoded = tf.layers
    .lstm({
      units,
      returnSequences: true,
      // logistic gates as in (4.8) and in Keras (TensorFlow.js defaults to 'hardSigmoid')
      recurrentActivation: 'sigmoid',
      kernelInitializer: init(1),
      recurrentInitializer: init(2),
    })
    .apply(encoderInput) as tf.SymbolicTensor;
  // the encoder's last output starts the decoder (as its state h and its cell c)
  const last = new LastStep().apply(encoded) as tf.SymbolicTensor;
  const decoded = tf.layers
    .lstm({
      units,
      returnSequences: true,
      // logistic gates as in (4.8) and in Keras (TensorFlow.js defaults to 'hardSigmoid')
      recurrentActivation: 'sigmoid',
      kernelInitializer: init(4),
      recurrentInitializer: init(5),
    })
    .apply(decoderInput, { initialState: [last, last] }) as tf.SymbolicTensor;
  let weights: tf.SymbolicTensor | undefined;
  let features = decoded;
  if (attention) {
    const scores = tf.layers.dot({ axes: [2, 2] }).apply([decoded, encoded]) as tf.SymbolicTensor;
    weights = tf.layers.activation({ activation: 'softmax', name: 'attention' }).apply(scores) as tf.SymbolicTensor;
    const context = tf.layers.dot({ axes: [2, 1] }).apply([weights, encoded]) as tf.SymbolicTensor;
    features = tf.layers.concatenate().apply([context, decoded]) as tf.SymbolicTensor;
  }
  const hidden = tf.layers
    .timeDistributed({ layer: tf.layers.dense({ units, activation: 'tanh', kernelInitializer: init(6) }) })
    .apply(features) as tf.SymbolicTensor;
  const output = tf.layers
    .timeDistributed({
      layer: tf.layers.dense({ units: OUTPUT_VOCAB.length, activation: 'softmax', kernelInitializer: init(7) }),
    })
    .apply(hidden) as tf.SymbolicTensor;
  const model = tf.model({ inputs: [encoderInput, decoderInput], outputs: output });
  if (!weights) return { model };
  return { model, withWeights: tf.model({ inputs: [encoderInput, decoderInput], outputs: [output, weights] }) };
}

/** Ids [n, length] → one-hot [n, length, depth] (float). */
export const oneHot = (ids: Int32Array, n: number, length: number, depth: number): tf.Tensor3D =>
  tf.tidy(() => tf.oneHot(tf.tensor2d(ids, [n, length], 'int32'), depth).toFloat() as tf.Tensor3D);

/** Teacher forcing: the decoder's input is the start symbol, then the target shifted by one. */
export function shiftRight(targets: Int32Array, n: number): Int32Array {
  const previous = new Int32Array(n * OUTPUT_LENGTH);
  for (let i = 0; i < n; i++)
    previous.set(targets.subarray(i * OUTPUT_LENGTH, (i + 1) * OUTPUT_LENGTH - 1), i * OUTPUT_LENGTH + 1);
  return previous;
}

/**
 * Greedy decoding of `n` inputs ([n, length] ids): one character at a time, each fed back as the
 * next decoder input. Returns the ids [n, OUTPUT_LENGTH] and, for a model with attention and
 * `withWeights`, the weights of the final pass [n, OUTPUT_LENGTH, length].
 */
export async function translate(
  translator: Translator,
  inputs: Int32Array,
  n: number,
  length: number,
  withWeights = false,
): Promise<{ ids: Int32Array; weights?: Float32Array }> {
  const ids = new Int32Array(n * OUTPUT_LENGTH);
  const previous = new Int32Array(n * OUTPUT_LENGTH);
  const encoderInput = oneHot(inputs, n, length, INPUT_VOCAB.length);
  try {
    for (let t = 0; t < OUTPUT_LENGTH; t++) {
      const best = tf.tidy(() => {
        const probs = translator.model.predict([
          encoderInput,
          oneHot(previous, n, OUTPUT_LENGTH, OUTPUT_VOCAB.length),
        ]) as tf.Tensor3D;
        return probs.slice([0, t, 0], [n, 1, OUTPUT_VOCAB.length]).argMax(-1);
      });
      const chosen = await best.data();
      best.dispose();
      for (let i = 0; i < n; i++) {
        ids[i * OUTPUT_LENGTH + t] = chosen[i]!;
        if (t + 1 < OUTPUT_LENGTH) previous[i * OUTPUT_LENGTH + t + 1] = chosen[i]!;
      }
    }
    if (!withWeights || !translator.withWeights) return { ids };
    const attention = tf.tidy(() => {
      const [, w] = translator.withWeights!.predict([
        encoderInput,
        oneHot(previous, n, OUTPUT_LENGTH, OUTPUT_VOCAB.length),
      ]) as tf.Tensor[];
      return w!;
    });
    const weights = (await attention.data()) as Float32Array;
    attention.dispose();
    return { ids, weights };
  } finally {
    encoderInput.dispose();
  }
}

/** Exact matches: how many of the `n` decoded outputs equal their targets in every character. */
export function exactMatches(ids: Int32Array, targets: Int32Array, n: number): number {
  let right = 0;
  for (let i = 0; i < n; i++) {
    let same = true;
    for (let t = 0; t < OUTPUT_LENGTH && same; t++)
      same = ids[i * OUTPUT_LENGTH + t] === targets[i * OUTPUT_LENGTH + t];
    if (same) right++;
  }
  return right;
}
