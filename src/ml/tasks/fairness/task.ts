/**
 * The fairness audit's training: a small classifier of the synthetic applicants, trained with
 * cross-entropy; after each epoch its accuracy on the test people (at the usual 0.5) and every test
 * person's score P(Y = 1) as a 'snapshot' of kind 'scores', which the page thresholds per group.
 */
import * as tf from '@tensorflow/tfjs';
import type { BatchSource } from '../../core/batch-source';
import { FEATURES, population, type People } from '../../data/fairness-population';
import type { Checkpoint } from '../checkpoint';
import type { RunContext, Task, TaskRun } from '../task';
import { buildFor, EVALUATION_BATCH, supervisedRun } from '../supervised';
import { parseFairnessJob, type FairnessJob } from './job';

function peopleSource(people: People): BatchSource {
  return {
    size: people.labels.length,
    batch(indices) {
      const x = new Float32Array(indices.length * FEATURES);
      const y = new Float32Array(indices.length * 2);
      indices.forEach((person, k) => {
        x.set(people.features.subarray(person * FEATURES, (person + 1) * FEATURES), k * FEATURES);
        y[k * 2 + people.labels[person]!] = 1;
      });
      return tf.tidy(() => ({
        xs: tf.tensor4d(x, [indices.length, FEATURES, 1, 1]),
        ys: tf.tensor2d(y, [indices.length, 2]),
      }));
    },
  };
}

/** Every person's P(Y = 1), a batch at a time. */
export async function scoresOf(model: tf.LayersModel, people: People): Promise<Float32Array> {
  const n = people.labels.length;
  const out = new Float32Array(n);
  for (let from = 0; from < n; from += EVALUATION_BATCH) {
    const count = Math.min(EVALUATION_BATCH, n - from);
    const slice = people.features.subarray(from * FEATURES, (from + count) * FEATURES);
    const p = tf.tidy(() => {
      const probs = model.predict(tf.tensor4d(slice, [count, FEATURES, 1, 1])) as tf.Tensor2D;
      return probs.slice([0, 1], [count, 1]).reshape([count]);
    });
    out.set(await p.data(), from);
    p.dispose();
  }
  return out;
}

async function start(ctx: RunContext, job: FairnessJob, from?: Checkpoint): Promise<TaskRun<never>> {
  const { train, test } = population();
  const model = buildFor(job.model, job.hyper);
  return supervisedRun(
    ctx,
    model,
    job.hyper,
    peopleSource(train),
    'categoricalCrossentropy',
    {
      afterEpoch: async (epoch, trainingMs) => {
        const scores = await scoresOf(model, test);
        let correct = 0;
        let loss = 0;
        scores.forEach((p, i) => {
          const y = test.labels[i]!;
          if ((p >= 0.5 ? 1 : 0) === y) correct++;
          loss -= Math.log(Math.max(1e-7, y ? p : 1 - p));
        });
        ctx.post({
          type: 'evaluation',
          runId: ctx.runId,
          epoch,
          testLoss: loss / scores.length,
          testAcc: correct / scores.length,
          tested: scores.length,
          trainingMs,
        });
        ctx.post({ type: 'snapshot', runId: ctx.runId, kind: 'scores', shape: [scores.length], data: scores });
      },
    },
    undefined,
    from,
  );
}

export const fairnessTask: Task<FairnessJob, never> = {
  name: 'fairness',
  parseJob: parseFairnessJob,
  start,
};
