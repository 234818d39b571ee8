/**
 * The optimizer race's models and steps (TensorFlow.js: worker and Node tests only). Every racer
 * is one copy of the same model with the same initial weights (copied from the first, not merely
 * built from the same seed) and its own optimizer, stepped on the same batch tensors, so the only
 * difference between two racers is the update rule. A racer's time is that of its own steps
 * (forward, backward, update and the read-back of its loss), so five racers in one worker are
 * timed as fairly as one.
 */
import * as tf from '@tensorflow/tfjs';
import { buildModel, disposeModel } from '../../models/build-model';
import type { ModelConfig } from '../../models/model-config';
import type { Racer } from './job';

/** The TensorFlow.js optimizer of a racer (AdamW is Adam plus the decoupled decay in `raceStep`). */
export function raceOptimizer(racer: Racer): tf.Optimizer {
  switch (racer.kind) {
    case 'sgd':
      return tf.train.sgd(racer.learningRate);
    case 'momentum':
      return tf.train.momentum(racer.learningRate, racer.momentum ?? 0.9);
    case 'rmsprop':
      return tf.train.rmsprop(racer.learningRate, racer.rho ?? 0.9);
    case 'adam':
    case 'adamw':
      return tf.train.adam(racer.learningRate, racer.beta1 ?? 0.9, racer.beta2 ?? 0.999);
    default: {
      const unreachable: never = racer.kind;
      throw new Error(`unknown optimizer ${String(unreachable)}`);
    }
  }
}

export interface RacerRun {
  racer: Racer;
  model: tf.LayersModel;
  optimizer: tf.Optimizer;
  /** the fraction of each weight AdamW removes per step, η·λ (4.50); 0 for the others */
  decay: number;
  /** milliseconds spent in this racer's steps */
  trainingMs: number;
  steps: number;
  /** its loss became NaN or infinite: it stops, the others go on */
  diverged: boolean;
}

/** One copy of `config` per racer, all with the first copy's initial weights (drawn from `seed`). */
export function buildRacers(config: ModelConfig, seed: number, racers: readonly Racer[]): RacerRun[] {
  const runs: RacerRun[] = [];
  try {
    for (const racer of racers) {
      const model = buildModel(config, seed);
      if (runs.length > 0) model.setWeights(runs[0]!.model.getWeights());
      const decay = racer.kind === 'adamw' ? racer.learningRate * (racer.weightDecay ?? 0) : 0;
      runs.push({ racer, model, optimizer: raceOptimizer(racer), decay, trainingMs: 0, steps: 0, diverged: false });
    }
  } catch (error) {
    disposeRacers(runs);
    throw error;
  }
  return runs;
}

export function disposeRacers(runs: readonly RacerRun[]): void {
  for (const run of runs) {
    run.optimizer.dispose();
    // tfjs 4.22's MomentumOptimizer.dispose frees its momentum and accumulators but not the
    // learning-rate scalar it inherits from SGD (`c`): one tensor per momentum racer stayed behind
    if (run.optimizer instanceof tf.MomentumOptimizer) {
      const rate = (run.optimizer as unknown as { c?: tf.Tensor }).c;
      if (rate && !rate.isDisposed) rate.dispose();
    }
    disposeModel(run.model);
  }
}

/**
 * One step of one racer on a batch (owned by the caller): gradients of the mean cross-entropy
 * at θ_{t−1}; for AdamW the weights then shrink by the factor 1 − ηλ, and Adam's update follows,
 * which together is (4.50): θ_t = θ_{t−1} − η (m̂/(√v̂ + ε) + λ θ_{t−1}). Every weight decays, as
 * Keras's AdamW does by default. Returns the batch's loss (before the update) and accuracy.
 */
export async function raceStep(
  run: RacerRun,
  xs: tf.Tensor,
  ys: tf.Tensor2D,
  now: () => number = () => performance.now(),
): Promise<{ loss: number; accuracy: number }> {
  const started = now();
  const variables = run.model.trainableWeights.map((w) => w.read() as tf.Variable);
  let correct: tf.Scalar | undefined;
  const loss = tf.tidy(() => {
    const { value, grads } = tf.variableGrads(() => {
      const output = run.model.apply(xs, { training: true }) as tf.Tensor;
      correct = tf.keep(output.argMax(-1).equal(ys.argMax(-1)).cast('float32').mean() as tf.Scalar);
      return tf.metrics.categoricalCrossentropy(ys, output).mean() as tf.Scalar;
    }, variables);
    if (run.decay > 0) for (const v of variables) v.assign(v.mul(1 - run.decay));
    run.optimizer.applyGradients(grads);
    return value;
  });
  try {
    const [l, c] = await Promise.all([loss.data(), correct!.data()]);
    run.trainingMs += now() - started;
    run.steps += 1;
    return { loss: l[0]!, accuracy: c[0]! };
  } finally {
    tf.dispose([loss, correct!]);
  }
}
