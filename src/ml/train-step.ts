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
 * The loss minimised and reported includes the layers' weight decay, if the model has any (as
 * Keras reports it); the test loss (evaluate.ts) is the data term alone.
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
): Promise<StepResult> {
  const classify = lossName === 'categoricalCrossentropy';
  // tidy → await → dispose: the gradients and the prediction die inside the tidy; only the two
  // scalars we read escape it, and they are freed right after being read.
  let correct: tf.Scalar | undefined;
  const kept = () => correct as tf.Scalar | undefined;
  const loss = failureFreesKept(kept, () =>
    tf.tidy(() => {
      const lossValue = optimizer.minimize(() => {
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
      }, true);
      if (!lossValue) throw new Error('trainStep: the optimizer returned no loss');
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

/** Runs a step; if a kernel throws (a lost device), frees the tensor it kept past its tidy first. */
function failureFreesKept<T>(kept: () => tf.Tensor | undefined, step: () => T): T {
  try {
    return step();
  } catch (error) {
    kept()?.dispose();
    throw error;
  }
}
