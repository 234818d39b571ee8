/**
 * One optimisation step of a classifier, written out instead of `model.fit`: the worker's training
 * loop calls it batch by batch so that it can pause, resume, stop and report between any two steps,
 * and so that every tensor it makes is accounted for (`model.fit` in tfjs-layers 4.22 leaves two
 * tensors behind per call).
 */
import * as tf from '@tensorflow/tfjs';

export interface StepResult {
  /** mean categorical cross-entropy of the batch, before the update */
  loss: number;
  /** fraction of the batch whose arg-max prediction equals the label */
  accuracy: number;
}

/**
 * Runs forward, backward and one update of `optimizer` on a batch.
 * @param xs images, shape [batch, height, width, channels]; owned by the caller
 * @param ys one-hot labels, shape [batch, classes]; owned by the caller
 * @returns plain numbers; every intermediate tensor is disposed before it resolves
 */
export async function trainStep(
  model: tf.LayersModel,
  optimizer: tf.Optimizer,
  xs: tf.Tensor4D,
  ys: tf.Tensor2D,
): Promise<StepResult> {
  // tidy → await → dispose: the gradients and the prediction die inside the tidy; only the two
  // scalars we read escape it, and they are freed right after being read.
  let correct: tf.Scalar | undefined;
  const loss = tf.tidy(() => {
    const lossValue = optimizer.minimize(() => {
      const probs = model.apply(xs, { training: true }) as tf.Tensor;
      // kept past minimize's own tidy; disposed below once read
      correct = tf.keep(probs.argMax(-1).equal(ys.argMax(-1)).cast('float32').mean() as tf.Scalar);
      return tf.metrics.categoricalCrossentropy(ys, probs).mean() as tf.Scalar;
    }, true);
    if (!lossValue) throw new Error('trainStep: the optimizer returned no loss');
    return lossValue;
  });
  if (!correct) throw new Error('trainStep: no accuracy was computed');
  try {
    const [lossData, hitData] = await Promise.all([loss.data(), correct.data()]);
    return { loss: lossData[0]!, accuracy: hitData[0]! };
  } finally {
    tf.dispose([loss, correct]);
  }
}
