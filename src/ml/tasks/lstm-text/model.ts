/**
 * The character model as a TensorFlow.js layers model: embedding → LSTM (× layers, every step's
 * output kept) → dense logits over the vocabulary at every position. Its loss is the mean
 * cross-entropy of each next character.
 */
import * as tf from '@tensorflow/tfjs';
import { seededRandom } from '../../data/char-text';
import type { CharModelConfig } from './job';
import type { CharWeights } from './sampler';

export function buildCharModel(config: CharModelConfig, vocab: number, seed: number): tf.LayersModel {
  const model = tf.sequential();
  model.add(
    tf.layers.embedding({
      inputDim: vocab,
      outputDim: config.embedding,
      inputShape: [null],
      embeddingsInitializer: tf.initializers.randomUniform({ minval: -0.05, maxval: 0.05, seed }),
    }),
  );
  for (let l = 0; l < config.layers; l++)
    model.add(
      tf.layers.lstm({
        units: config.units,
        returnSequences: true,
        recurrentActivation: 'sigmoid',
        kernelInitializer: tf.initializers.glorotUniform({ seed: seed + 1 + l }),
        // orthogonal, but made below: TensorFlow.js's own QR takes about a minute for 128 units
        recurrentInitializer: 'zeros',
      }),
    );
  model.add(tf.layers.dense({ units: vocab, kernelInitializer: tf.initializers.glorotUniform({ seed: seed + 9 }) }));
  for (let l = 0; l < config.layers; l++) {
    const layer = model.layers[1 + l]!;
    const [kernel, , bias] = layer.getWeights();
    const rows = orthogonalRows(config.units, 4 * config.units, seed + 17 + l);
    const flat = new Float32Array(config.units * 4 * config.units);
    rows.forEach((row, i) => flat.set(row, i * 4 * config.units));
    const recurrent = tf.tensor2d(flat, [config.units, 4 * config.units]);
    layer.setWeights([kernel!, recurrent, bias!]);
    recurrent.dispose();
  }
  return model;
}

/** `rows` orthonormal rows of length `columns` ≥ rows (Gram–Schmidt on seeded Gaussian rows), as Keras's orthogonal initialiser gives. */
export function orthogonalRows(rows: number, columns: number, seed: number): Float32Array[] {
  const random = seededRandom(seed);
  const gauss = () => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
  const out: Float64Array[] = [];
  for (let r = 0; r < rows; r++) {
    const v = Float64Array.from({ length: columns }, gauss);
    for (const u of out) {
      let dot = 0;
      for (let j = 0; j < columns; j++) dot += v[j]! * u[j]!;
      for (let j = 0; j < columns; j++) v[j]! -= dot * u[j]!;
    }
    const norm = Math.hypot(...v);
    out.push(v.map((x) => x / norm));
  }
  return out.map((v) => Float32Array.from(v));
}

/** Mean cross-entropy (nats) of `targets` [B, T] under `logits` [B, T, V] (log-softmax under a one-hot mask). */
export function nextCharLoss(logits: tf.Tensor, targets: tf.Tensor2D): tf.Scalar {
  return tf.tidy(() => {
    const vocab = logits.shape.at(-1)!;
    const n = targets.size;
    const logp = tf.logSoftmax(logits.reshape([n, vocab]));
    const mask = tf.oneHot(targets.reshape([n]).toInt(), vocab);
    return tf.div(tf.neg(tf.sum(tf.mul(mask, logp))), n) as tf.Scalar;
  });
}

/** A copy of the weights for the sampler (read back from the backend). */
export async function readWeights(model: tf.LayersModel, config: CharModelConfig, vocab: number): Promise<CharWeights> {
  const arrays = await Promise.all(model.getWeights().map((w) => w.data() as Promise<Float32Array>));
  return { config, vocab, arrays };
}
