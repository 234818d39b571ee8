/**
 * The date translator: a character-level encoder–decoder without recurrence. Every ISO date has the
 * same ten characters, so the decoder writes them all at once: output position t asks its own
 * learned question (a query) of the encoded input.
 *
 *   encoder   one-hot characters [n, T, |input vocab|] → Dense(U, no bias) (the embedding) →
 *             h = Conv1D(U, 5, ReLU); h = h + Conv1D(U, 5, ReLU)(h), every step zeroed at the
 *             left padding (id 0), so a padded date reads as the same date unpadded
 *   queries   one-hot output positions [n, 10, 10] → Dense(U, no bias): q_t, the same for every date
 *   attention scores q_t · k_j / √U with k_j = h_j W_K, softmax over the input's characters
 *             (padding excluded), context c_t = Σ_j α_tj h_j W_V
 *   without   c_t = c, the mean of h_j over the characters, the same for every t: all the decoder
 *             knows about the input is one vector of U numbers
 *   output    [c_t; q_t] → Dense(U, ReLU) → Dense(|output vocab|, softmax), at each position
 * Inputs are ids, one-hot encoded by `oneHot`. The attention variant also builds a second model on
 * the same layers whose outputs include the attention weights, for the lab's matrix.
 */
import * as tf from '@tensorflow/tfjs';
import { INPUT_VOCAB, OUTPUT_LENGTH, OUTPUT_VOCAB } from '../../data/dates';
import { DATES_KERNEL as KERNEL } from '../../models/dates-presets';

/** [n, T, V] one-hot characters → [n, T, 1]: 1 at a character, 0 at padding (id 0). */
class PaddingMask extends tf.layers.Layer {
  static readonly className = 'PaddingMask';
  override computeOutputShape(shape: tf.Shape | tf.Shape[]): tf.Shape {
    const s = shape as tf.Shape;
    return [s[0]!, s[1]!, 1];
  }
  override call(inputs: tf.Tensor | tf.Tensor[]): tf.Tensor {
    const x = (Array.isArray(inputs) ? inputs[0]! : inputs) as tf.Tensor3D;
    const [n, length] = x.shape;
    return tf.tidy(() => tf.scalar(1).sub(x.slice([0, 0, 0], [n, length, 1])));
  }
}

/**
 * [scores [n, 10, T], mask [n, T, 1]] → softmax(scores / √U) over T, with the padding's weight 0
 * (Keras: `Softmax()(scores / sqrt(U), mask=...)`).
 */
class MaskedSoftmax extends tf.layers.Layer {
  static readonly className = 'MaskedSoftmax';
  readonly scale: number;
  constructor(config: { scale: number; name?: string }) {
    super(config);
    this.scale = config.scale;
  }
  override computeOutputShape(shape: tf.Shape | tf.Shape[]): tf.Shape {
    return (shape as tf.Shape[])[0]!;
  }
  override call(inputs: tf.Tensor | tf.Tensor[]): tf.Tensor {
    const [scores, mask] = inputs as tf.Tensor3D[];
    return tf.tidy(() => {
      const [n, length] = mask!.shape;
      const closed = mask!.reshape([n, 1, length]).sub(1).mul(1e9);
      return tf.softmax(scores!.mul(this.scale).add(closed));
    });
  }
  override getConfig(): tf.serialization.ConfigDict {
    return { ...super.getConfig(), scale: this.scale };
  }
}

/** [h [n, T, U], mask [n, T, 1]] → [n, 10, U]: the mean of h over the characters, once per output position. */
class MaskedMean extends tf.layers.Layer {
  static readonly className = 'MaskedMean';
  override computeOutputShape(shape: tf.Shape | tf.Shape[]): tf.Shape {
    const s = (shape as tf.Shape[])[0]!;
    return [s[0]!, OUTPUT_LENGTH, s[2]!];
  }
  override call(inputs: tf.Tensor | tf.Tensor[]): tf.Tensor {
    const [h, mask] = inputs as tf.Tensor3D[];
    return tf.tidy(() => {
      const [n, , units] = h!.shape;
      const mean = h!.mul(mask!).sum(1, true).div(mask!.sum(1, true));
      return tf.broadcastTo(mean, [n, OUTPUT_LENGTH, units]);
    });
  }
}
for (const layer of [PaddingMask, MaskedSoftmax, MaskedMean]) tf.serialization.registerClass(layer);

export interface TranslatorShape {
  attention: boolean;
  /** the width U of the embedding, the convolutions, the queries and the hidden layer */
  units: number;
}

export interface Translator {
  /** the model trained: [input ids, output positions] one-hot → [n, OUTPUT_LENGTH, |output vocab|] */
  model: tf.LayersModel;
  /** with attention: the same layers, outputs [probabilities, attention [n, OUTPUT_LENGTH, input length]] */
  withWeights?: tf.LayersModel;
}

export function buildTranslator({ attention, units }: TranslatorShape, seed: number): Translator {
  const init = (offset: number) => tf.initializers.glorotUniform({ seed: seed + offset });
  // any number of input characters (each batch is padded only to its longest); one-hot characters
  // into a dense layer without bias (the embedding): the gradient of an Embedding layer (a gather)
  // has no WebAssembly kernel in TensorFlow.js 4.22
  const chars = tf.input({ shape: [null, INPUT_VOCAB.length], name: 'characters' });
  const positions = tf.input({ shape: [OUTPUT_LENGTH, OUTPUT_LENGTH], name: 'positions' });
  const mask = new PaddingMask({}).apply(chars) as tf.SymbolicTensor;
  const masked = (x: tf.SymbolicTensor) => tf.layers.multiply().apply([x, mask]) as tf.SymbolicTensor;
  const conv = (offset: number) =>
    tf.layers.conv1d({
      filters: units,
      kernelSize: KERNEL,
      padding: 'same',
      activation: 'relu',
      kernelInitializer: init(offset),
    });
  const embedded = masked(
    tf.layers.dense({ units, useBias: false, kernelInitializer: init(1) }).apply(chars) as tf.SymbolicTensor,
  );
  const first = masked(conv(2).apply(embedded) as tf.SymbolicTensor);
  const encoded = tf.layers
    .add()
    .apply([first, masked(conv(3).apply(first) as tf.SymbolicTensor)]) as tf.SymbolicTensor;
  const queries = tf.layers
    .dense({ units, useBias: false, kernelInitializer: init(4), name: 'queries' })
    .apply(positions) as tf.SymbolicTensor;
  let weights: tf.SymbolicTensor | undefined;
  let context: tf.SymbolicTensor;
  if (attention) {
    const project = (offset: number) =>
      tf.layers.dense({ units, useBias: false, kernelInitializer: init(offset) }).apply(encoded) as tf.SymbolicTensor;
    const keys = project(5);
    const values = project(6);
    const scores = tf.layers.dot({ axes: [2, 2] }).apply([queries, keys]) as tf.SymbolicTensor;
    weights = new MaskedSoftmax({ scale: 1 / Math.sqrt(units), name: 'attention' }).apply([
      scores,
      mask,
    ]) as tf.SymbolicTensor;
    context = tf.layers.dot({ axes: [2, 1] }).apply([weights, values]) as tf.SymbolicTensor;
  } else {
    context = new MaskedMean({}).apply([encoded, mask]) as tf.SymbolicTensor;
  }
  const joined = tf.layers.concatenate().apply([context, queries]) as tf.SymbolicTensor;
  const hidden = tf.layers
    .dense({ units, activation: 'relu', kernelInitializer: init(7) })
    .apply(joined) as tf.SymbolicTensor;
  const output = tf.layers
    .dense({ units: OUTPUT_VOCAB.length, activation: 'softmax', kernelInitializer: init(8) })
    .apply(hidden) as tf.SymbolicTensor;
  const model = tf.model({ inputs: [chars, positions], outputs: output });
  if (!weights) return { model };
  return { model, withWeights: tf.model({ inputs: [chars, positions], outputs: [output, weights] }) };
}

/** Ids [n, length] → one-hot [n, length, depth] (float). */
export const oneHot = (ids: Int32Array, n: number, length: number, depth: number): tf.Tensor3D =>
  tf.tidy(() => tf.oneHot(tf.tensor2d(ids, [n, length], 'int32'), depth).toFloat() as tf.Tensor3D);

/** The decoder's input: output positions 0 … 9, one-hot, the same for each of the n dates [n, 10, 10]. */
export const positionsOf = (n: number): tf.Tensor3D =>
  tf.tidy(() => tf.broadcastTo(tf.eye(OUTPUT_LENGTH).expandDims(0), [n, OUTPUT_LENGTH, OUTPUT_LENGTH]) as tf.Tensor3D);

/**
 * Translation of `n` inputs ([n, length] ids), all ten characters at once, each the most probable.
 * Returns the ids [n, OUTPUT_LENGTH] and, for a model with attention and `withWeights`, the
 * weights [n, OUTPUT_LENGTH, length].
 */
export async function translate(
  translator: Translator,
  inputs: Int32Array,
  n: number,
  length: number,
  withWeights = false,
): Promise<{ ids: Int32Array; weights?: Float32Array }> {
  const chars = oneHot(inputs, n, length, INPUT_VOCAB.length);
  const positions = positionsOf(n);
  const both = withWeights && translator.withWeights !== undefined;
  const [best, attention] = tf.tidy(() => {
    if (!both) return [(translator.model.predict([chars, positions]) as tf.Tensor3D).argMax(-1)];
    const [probs, w] = translator.withWeights!.predict([chars, positions]) as tf.Tensor[];
    return [probs!.argMax(-1), w!];
  });
  try {
    const ids = Int32Array.from(await best!.data());
    if (!attention) return { ids };
    return { ids, weights: (await attention.data()) as Float32Array };
  } finally {
    tf.dispose([chars, positions, best!, attention!].filter(Boolean) as tf.Tensor[]);
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
