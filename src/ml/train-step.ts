/**
 * One optimisation step of a classifier or a regression, written out instead of `model.fit`: the worker's training
 * loop calls it batch by batch so that it can pause, resume, stop and report between any two steps,
 * and so that every tensor it makes is accounted for (`model.fit` in tfjs-layers 4.22 leaves two
 * tensors behind per call).
 */
import * as tf from '@tensorflow/tfjs';

export type LossName = 'categoricalCrossentropy' | 'meanSquaredError';

export interface StepResult {
  /** mean loss of the batch (cross-entropy or squared error), before the update */
  loss: number;
  /** fraction of the batch whose arg-max prediction equals the label (NaN for a regression) */
  accuracy: number;
}

/**
 * Runs forward, backward and one update of `optimizer` on a batch.
 * @param xs inputs, e.g. images [batch, height, width, channels]; owned by the caller
 * @param ys one-hot labels [batch, classes], or targets [batch, outputs] for a regression; owned by the caller
 * @param lossName categorical cross-entropy (a classifier, with accuracy) or mean squared error
 * The loss minimised and reported includes the layers' L2 penalty, if the model has any (as
 * Keras reports it); the test loss (evaluate.ts) is the data term alone.
 * @param decay decoupled weight decay for this step, η·λ (the step's learning rate times λ): with
 * the optimizer's update every weight matrix (rank ≥ 2: kernels, not biases or batch
 * normalisation's scales and offsets) also loses η·λ·w, AdamW's rule (Loshchilov & Hutter), outside
 * the loss and so outside Adam's per-weight scaling. 0 (the default): no decay.
 * @returns plain numbers; every intermediate tensor is disposed before it resolves
 */
export async function trainStep(
  model: tf.LayersModel,
  optimizer: tf.Optimizer,
  xs: tf.Tensor,
  ys: tf.Tensor2D,
  lossName: LossName = 'categoricalCrossentropy',
  /** wraps the read-back (RunController.guard: fails at once if the device is lost; the two scalars are still freed) */
  guard: <T>(read: Promise<T>) => Promise<T> = (read) => read,
  decay = 0,
): Promise<StepResult> {
  if (!(decay >= 0 && decay < 1)) throw new Error(`trainStep: the decay per step must be in [0, 1), got ${decay}`);
  const classify = lossName === 'categoricalCrossentropy';
  // tidy → await → dispose: the gradients and the prediction die inside the tidy; only the two
  // scalars we read escape it, and they are freed right after being read.
  let correct: tf.Scalar | undefined;
  const kept = () => correct as tf.Scalar | undefined;
  const loss = failureFreesKept(kept, () =>
    tf.tidy(() => {
      // minimize's two halves, so that the decay can take the weights the gradients were taken at
      const { value: lossValue, grads } = optimizer.computeGradients(() => {
        const output = model.apply(xs, { training: true }) as tf.Tensor;
        let data: tf.Scalar;
        if (!classify) {
          correct = tf.keep(tf.scalar(Number.NaN));
          data = tf.losses.meanSquaredError(ys, output) as tf.Scalar;
        } else {
          // kept past minimize's own tidy; disposed below once read
          correct = tf.keep(output.argMax(-1).equal(ys.argMax(-1)).cast('float32').mean() as tf.Scalar);
          data = tf.metrics.categoricalCrossentropy(ys, output).mean() as tf.Scalar;
        }
        // the layers' weight decay (a model with `l2`), as Keras adds it: none for every other model
        const penalties = model.calculateLosses();
        return penalties.length === 0 ? data : (tf.addN([data, ...penalties]) as tf.Scalar);
      });
      // AdamW: w_t = w_{t−1} − η·(update + λ·w_{t−1}); the update does not read w, so shrinking
      // first and applying the update after is exactly that
      if (decay > 0) decayWeights(model, decay);
      optimizer.applyGradients(grads);
      return lossValue;
    }),
  );
  if (!correct) throw new Error('trainStep: no accuracy was computed');
  try {
    const [lossData, hitData] = await guard(Promise.all([loss.data(), correct.data()]));
    return { loss: lossData[0]!, accuracy: hitData[0]! };
  } finally {
    tf.dispose([loss, correct]);
  }
}

/** w ← (1 − decay)·w for every trainable weight matrix of `model` (call inside a tidy). */
export function decayWeights(model: tf.LayersModel, decay: number): void {
  for (const weight of model.trainableWeights) {
    if (weight.shape.length < 2) continue;
    weight.write(weight.read().mul(1 - decay));
  }
}

/** Runs a step; if a kernel throws (a lost device), frees the tensor it kept past its tidy first. */
function failureFreesKept<T>(kept: () => tf.Tensor | undefined, step: () => T): T {
  try {
    return step();
  } catch (error) {
    kept()?.dispose();
    throw error;
  }
}
