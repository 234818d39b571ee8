/** A classifier's loss and accuracy on test images, in batches, with the confusion matrix on request. */
import * as tf from '@tensorflow/tfjs';
import type { FromWorker } from '../../core/messages';
import { imageSource, type FeatureStats, type ImageArrays } from '../../data/image-source';
import { ConfusionTracker } from '../../metrics';
import { EVALUATION_BATCH } from '../supervised';

export type Evaluation = Pick<
  Extract<FromWorker, { type: 'evaluation' }>,
  'testLoss' | 'testAcc' | 'confusion' | 'worst' | 'worstPixels'
>;

/**
 * Loss and accuracy on the first `size` test images, in batches (never a 10,000-image tensor). With
 * `detail`, also the confusion matrix and the most confidently wrong images, with their pixels.
 */
export async function evaluate(
  model: tf.LayersModel,
  test: ImageArrays,
  size: number,
  stats: FeatureStats | undefined,
  detail = false,
): Promise<Evaluation> {
  const source = imageSource(test, size, stats);
  const tracker = detail ? new ConfusionTracker(test.classes) : undefined;
  let lossSum = 0;
  let hits = 0;
  for (let from = 0; from < size; from += EVALUATION_BATCH) {
    const indices = Int32Array.from({ length: Math.min(EVALUATION_BATCH, size - from) }, (_, i) => from + i);
    const [loss, hit, probs] = tf.tidy(() => {
      const { xs, ys } = source.batch(indices);
      const p = model.predict(xs) as tf.Tensor;
      return [
        tf.metrics.categoricalCrossentropy(ys, p).sum(),
        p.argMax(-1).equal(ys.argMax(-1)).cast('float32').sum(),
        tracker ? p : tf.scalar(0),
      ];
    });
    const [l, h, pr] = await Promise.all([loss.data(), hit.data(), probs.data()]);
    tf.dispose([loss, hit, probs]);
    lossSum += l[0]!;
    hits += h[0]!;
    tracker?.add(pr, test.labels.subarray(from, from + indices.length), indices);
  }
  const result: Evaluation = { testLoss: lossSum / size, testAcc: hits / size };
  if (tracker) {
    const [h, w, c] = test.imageShape;
    const per = h * w * c;
    const worstPixels = new Uint8Array(tracker.worst.length * per);
    tracker.worst.forEach((example, k) =>
      worstPixels.set(test.images.subarray(example.index * per, (example.index + 1) * per), k * per),
    );
    Object.assign(result, { confusion: Array.from(tracker.counts), worst: [...tracker.worst], worstPixels });
  }
  return result;
}
