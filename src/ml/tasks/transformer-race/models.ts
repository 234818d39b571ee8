/**
 * The Transformer race's two models (TensorFlow.js: worker and Node tests only), both mapping
 * one-hot digits [n, L, V] to logits [n, L, V], one softmax per position.
 *
 *   Transformer  x = one-hot · E + P (learned positions); one encoder block with post-norm
 *                residuals as in the chapter: h = LN(x + Attn(x)), y = LN(h + FFN(h));
 *                Attn = softmax(Q Kᵀ / √d) V · W_O with one head; FFN = ReLU(h W₁ + b₁) W₂ + b₂;
 *                logits = y W_out + b_out. Written with tf ops on tf.variable weights, the layer
 *                norm by hand, so the attention weights can be read back.
 *   LSTM         a bidirectional LSTM (logistic gates, both directions concatenated) and a dense
 *                softmax layer per position, as TensorFlow.js layers.
 * The embedding is a product with one-hot inputs, not a gather: the gather's gradient has no
 * WebAssembly kernel in TensorFlow.js 4.22. Both train with Adam on the mean cross-entropy.
 */
import * as tf from '@tensorflow/tfjs';
import { TRANSFORMER, LSTM, VOCAB, type RaceModel } from './job';

export interface Racer {
  kind: RaceModel;
  /** the trainable weights (the Transformer's own; the LSTM model's) */
  variables: tf.Variable[];
  /** logits [n, L, V] of one-hot inputs [n, L, V] (a new tensor: the caller disposes it, or tidy) */
  logits(x: tf.Tensor3D): tf.Tensor3D;
  optimizer: tf.Optimizer;
  /** milliseconds spent in this model's own steps */
  trainingMs: number;
  steps: number;
  dispose(): void;
}

export interface TransformerWeights {
  embed: tf.Variable;
  positions: tf.Variable;
  wq: tf.Variable;
  bq: tf.Variable;
  wk: tf.Variable;
  bk: tf.Variable;
  wv: tf.Variable;
  bv: tf.Variable;
  wo: tf.Variable;
  bo: tf.Variable;
  gamma1: tf.Variable;
  beta1: tf.Variable;
  w1: tf.Variable;
  b1: tf.Variable;
  w2: tf.Variable;
  b2: tf.Variable;
  gamma2: tf.Variable;
  beta2: tf.Variable;
  wOut: tf.Variable;
  bOut: tf.Variable;
}

/** Layer normalisation over the last axis, γ ⊙ (x − μ)/√(σ² + ε) + β. */
function layerNorm(x: tf.Tensor3D, gamma: tf.Tensor, beta: tf.Tensor): tf.Tensor3D {
  const { mean, variance } = tf.moments(x, -1, true);
  return x.sub(mean).div(variance.add(1e-5).sqrt()).mul(gamma).add(beta);
}

/** x [n, L, a] · w [a, b] + bias [b] → [n, L, b]. */
function dense(x: tf.Tensor3D, w: tf.Tensor2D, bias: tf.Tensor1D): tf.Tensor3D {
  const [n, length, a] = x.shape;
  return x
    .reshape([n * length, a])
    .matMul(w)
    .add(bias)
    .reshape([n, length, w.shape[1]]);
}

/** The forward pass: logits [n, L, V] and the attention weights [n, L (queries), L (keys)]. */
export function transformerForward(
  w: TransformerWeights,
  x: tf.Tensor3D,
): { logits: tf.Tensor3D; attention: tf.Tensor3D } {
  const d = w.wq.shape[0]!;
  const length = x.shape[1];
  const h0 = dense(x, w.embed as tf.Tensor2D, tf.zeros([d])).add(w.positions.slice([0, 0], [length, d])) as tf.Tensor3D;
  const q = dense(h0, w.wq as tf.Tensor2D, w.bq as tf.Tensor1D);
  const k = dense(h0, w.wk as tf.Tensor2D, w.bk as tf.Tensor1D);
  const v = dense(h0, w.wv as tf.Tensor2D, w.bv as tf.Tensor1D);
  const attention = tf.softmax(tf.matMul(q, k, false, true).div(Math.sqrt(d))) as tf.Tensor3D;
  const mixed = dense(tf.matMul(attention, v), w.wo as tf.Tensor2D, w.bo as tf.Tensor1D);
  const h1 = layerNorm(h0.add(mixed), w.gamma1, w.beta1);
  const hidden = dense(h1, w.w1 as tf.Tensor2D, w.b1 as tf.Tensor1D).relu() as tf.Tensor3D;
  const h2 = layerNorm(h1.add(dense(hidden, w.w2 as tf.Tensor2D, w.b2 as tf.Tensor1D)), w.gamma2, w.beta2);
  return { logits: dense(h2, w.wOut as tf.Tensor2D, w.bOut as tf.Tensor1D), attention };
}

/** The Transformer's weights for sequences of `length`, Glorot-uniform from `seed`, biases 0, γ 1. */
export function transformerWeights(length: number, seed: number, { dModel: d, ffn: f } = TRANSFORMER) {
  let k = 0;
  // a variable keeps its own reference to the initial values: the tensor itself is freed
  const own = (initial: tf.Tensor) => {
    const v = tf.variable(initial);
    initial.dispose();
    return v;
  };
  const glorot = (shape: [number, number]) => own(tf.initializers.glorotUniform({ seed: seed + ++k }).apply(shape));
  const zeros = (n: number) => own(tf.zeros([n]));
  const ones = (n: number) => own(tf.ones([n]));
  const weights: TransformerWeights = {
    embed: glorot([VOCAB, d]),
    positions: glorot([length, d]),
    wq: glorot([d, d]),
    bq: zeros(d),
    wk: glorot([d, d]),
    bk: zeros(d),
    wv: glorot([d, d]),
    bv: zeros(d),
    wo: glorot([d, d]),
    bo: zeros(d),
    gamma1: ones(d),
    beta1: zeros(d),
    w1: glorot([d, f]),
    b1: zeros(f),
    w2: glorot([f, d]),
    b2: zeros(d),
    gamma2: ones(d),
    beta2: zeros(d),
    wOut: glorot([d, VOCAB]),
    bOut: zeros(VOCAB),
  };
  return weights;
}

export function buildTransformer(
  length: number,
  seed: number,
  learningRate: number,
): Racer & { weights: TransformerWeights } {
  const weights = transformerWeights(length, seed);
  const variables = Object.values(weights);
  const optimizer = tf.train.adam(learningRate);
  return {
    kind: 'transformer',
    weights,
    variables,
    logits: (x) => transformerForward(weights, x).logits,
    optimizer,
    trainingMs: 0,
    steps: 0,
    dispose: () => {
      tf.dispose(variables);
      optimizer.dispose();
    },
  };
}

/** The bidirectional LSTM as a layers model: [n, L, V] one-hot → [n, L, V] logits. */
export function lstmModel(length: number, seed: number, { units } = LSTM): tf.LayersModel {
  const init = (offset: number) => tf.initializers.glorotUniform({ seed: seed + offset });
  const input = tf.input({ shape: [length, VOCAB] });
  const both = tf.layers
    .bidirectional({
      layer: tf.layers.lstm({
        units,
        returnSequences: true,
        // logistic gates as in (4.8) and in Keras (TensorFlow.js defaults to 'hardSigmoid')
        recurrentActivation: 'sigmoid',
        kernelInitializer: init(1),
        recurrentInitializer: init(2),
      }) as tf.RNN,
      mergeMode: 'concat',
    })
    .apply(input) as tf.SymbolicTensor;
  const logits = tf.layers
    .timeDistributed({ layer: tf.layers.dense({ units: VOCAB, kernelInitializer: init(3) }) })
    .apply(both) as tf.SymbolicTensor;
  return tf.model({ inputs: input, outputs: logits });
}

export function buildLstm(length: number, seed: number, learningRate: number): Racer {
  const model = lstmModel(length, seed);
  const optimizer = tf.train.adam(learningRate);
  return {
    kind: 'lstm',
    variables: model.trainableWeights.map((w) => w.read() as tf.Variable),
    logits: (x) => model.apply(x, { training: true }) as tf.Tensor3D,
    optimizer,
    trainingMs: 0,
    steps: 0,
    dispose: () => {
      model.dispose();
      optimizer.dispose();
    },
  };
}

/** The number of weights a racer trains. */
export const countWeights = (racer: Racer): number => racer.variables.reduce((sum, v) => sum + v.size, 0);

/** Digits [n, L] → one-hot [n, L, V] (the caller disposes it). */
export const oneHot = (ids: Int32Array, n: number, length: number): tf.Tensor3D =>
  tf.tidy(() => tf.oneHot(tf.tensor2d(ids, [n, length], 'int32'), VOCAB).toFloat() as tf.Tensor3D);

/**
 * One Adam step of `racer` on a batch (one-hot inputs and targets, owned by the caller): the mean
 * cross-entropy over every position, before the update, and the batch's per-token accuracy.
 * Its time (forward, backward, update, reading the loss back) is added to `racer.trainingMs`.
 */
export async function raceStep(
  racer: Racer,
  xs: tf.Tensor3D,
  ys: tf.Tensor3D,
  now: () => number = () => performance.now(),
): Promise<{ loss: number; accuracy: number }> {
  const started = now();
  let correct: tf.Scalar | undefined;
  const loss = tf.tidy(() => {
    const { value, grads } = tf.variableGrads(() => {
      const logits = racer.logits(xs);
      correct = tf.keep(logits.argMax(-1).equal(ys.argMax(-1)).cast('float32').mean() as tf.Scalar);
      return tf.losses.softmaxCrossEntropy(ys, logits) as tf.Scalar;
    }, racer.variables);
    racer.optimizer.applyGradients(grads);
    return value;
  });
  try {
    const [l, c] = await Promise.all([loss.data(), correct!.data()]);
    racer.trainingMs += now() - started;
    racer.steps += 1;
    return { loss: l[0]!, accuracy: c[0]! };
  } finally {
    tf.dispose([loss, correct!]);
  }
}

/** The predicted digits [n, L] for one-hot inputs (owned by the caller). */
export async function predict(racer: Racer, xs: tf.Tensor3D): Promise<Int32Array> {
  const best = tf.tidy(() => racer.logits(xs).argMax(-1));
  try {
    return (await best.data()) as Int32Array;
  } finally {
    best.dispose();
  }
}
