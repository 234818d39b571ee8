/**
 * The matrix-factorisation model as TensorFlow.js variables: μ (fixed at the train mean),
 * b_u, b_i, P (users × k), Q (items × k), initialised N(0, 0.1²) from the seed; biases at 0.
 * Loss of a batch B: (1/|B|) Σ (r − r̂)² + λ (‖p_u‖² + ‖q_i‖²).
 */
import * as tf from '@tensorflow/tfjs';
import type { Cells, RecsysJob } from './job';

export interface MfModel {
  mean: number;
  userBias: tf.Variable;
  itemBias: tf.Variable;
  p: tf.Variable;
  q: tf.Variable;
  optimizer: tf.Optimizer;
}

export function buildModel(job: RecsysJob, users: number, items: number, mean: number): MfModel {
  const k = job.factors;
  const variable = (value: tf.Tensor) => {
    const v = tf.variable(value);
    value.dispose();
    return v;
  };
  const init = (rows: number, seed: number) => variable(tf.randomNormal([rows, k], 0, 0.1, 'float32', seed));
  return {
    mean,
    userBias: variable(tf.zeros([users])),
    itemBias: variable(tf.zeros([items])),
    p: init(users, job.seed),
    q: init(items, job.seed + 1),
    optimizer: job.optimizer === 'adam' ? tf.train.adam(job.learningRate) : tf.train.sgd(job.learningRate),
  };
}

/** Weights of the model: every variable's size and the one μ. */
export const modelSize = (m: MfModel) => m.userBias.size + m.itemBias.size + m.p.size + m.q.size + 1;

function predictT(m: MfModel, users: tf.Tensor1D, items: tf.Tensor1D): tf.Tensor1D {
  const pu = tf.gather(m.p, users);
  const qi = tf.gather(m.q, items);
  return tf
    .sum(tf.mul(pu, qi), 1)
    .add(tf.gather(m.userBias, users))
    .add(tf.gather(m.itemBias, items))
    .add(m.mean) as tf.Tensor1D;
}

/** One optimiser step on the cells `idx` of train; returns the batch loss. */
export async function trainStep(m: MfModel, train: Cells, idx: Int32Array, lambda: number): Promise<number> {
  const users = tf.tensor1d(
    Int32Array.from(idx, (i) => train.users[i]!),
    'int32',
  );
  const items = tf.tensor1d(
    Int32Array.from(idx, (i) => train.items[i]!),
    'int32',
  );
  const r = tf.tensor1d(Float32Array.from(idx, (i) => train.ratings[i]!));
  try {
    const loss = m.optimizer.minimize(
      () =>
        tf.tidy(() => {
          const err = tf.mean(tf.square(tf.sub(r, predictT(m, users, items))));
          const reg = tf.mean(
            tf.add(tf.sum(tf.square(tf.gather(m.p, users)), 1), tf.sum(tf.square(tf.gather(m.q, items)), 1)),
          );
          return tf.add(err, tf.mul(reg, lambda)) as tf.Scalar;
        }),
      true,
      [m.userBias, m.itemBias, m.p, m.q],
    );
    const value = (await loss!.data())[0]!;
    loss!.dispose();
    return value;
  } finally {
    tf.dispose([users, items, r]);
  }
}

/** The model's predictions for the cells of a split. */
export async function predict(m: MfModel, cells: Cells): Promise<Float32Array> {
  const out = tf.tidy(() => predictT(m, tf.tensor1d(cells.users, 'int32'), tf.tensor1d(cells.items, 'int32')));
  const data = (await out.data()) as Float32Array;
  out.dispose();
  return data;
}

export function disposeModel(m: MfModel | undefined): void {
  if (!m) return;
  tf.dispose([m.userBias, m.itemBias, m.p, m.q]);
  m.optimizer.dispose();
}
