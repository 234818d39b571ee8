/**
 * Sequence regression (the forecaster): mean squared error on the validation windows after each
 * epoch, then the model's prediction for every window the page asked about ('snapshot' of kind
 * 'predictions', while the page is visible).
 */
import * as tf from '@tensorflow/tfjs';
import { checkWindows, windowSource } from '../../data/window-source';
import type { Checkpoint } from '../checkpoint';
import type { RunContext, Task, TaskRun } from '../task';
import { buildFor, EVALUATION_BATCH, supervisedRun } from '../supervised';
import { parseSequenceRegressionJob, type SequenceRegressionJob } from './job';

/** The model's outputs for every window of `xs` ([n, steps] row-major) → [n, outputs]. */
async function predictAll(model: tf.LayersModel, xs: Float32Array, steps: number, outputs: number) {
  const n = xs.length / steps;
  const out = new Float32Array(n * outputs);
  for (let from = 0; from < n; from += EVALUATION_BATCH) {
    const count = Math.min(EVALUATION_BATCH, n - from);
    const slice = xs.subarray(from * steps, (from + count) * steps);
    const y = tf.tidy(() => model.predict(tf.tensor4d(slice, [count, steps, 1, 1])) as tf.Tensor);
    out.set(await y.data(), from * outputs);
    y.dispose();
  }
  return out;
}

async function start(ctx: RunContext, job: SequenceRegressionJob, from?: Checkpoint): Promise<TaskRun<never>> {
  const { hyper, dataset: windows } = job;
  checkWindows(windows.test, 'validation windows');
  const { steps, outputs } = windows.train;
  const source = windowSource(windows.train);
  const model = buildFor(job.model, hyper);
  return supervisedRun(
    ctx,
    model,
    hyper,
    source,
    'meanSquaredError',
    {
      afterEpoch: async (epoch, trainingMs) => {
        const predicted = await predictAll(model, windows.test.xs, steps, outputs);
        let squared = 0;
        predicted.forEach((p, i) => (squared += (p - windows.test.ys[i]!) ** 2));
        ctx.post({
          type: 'evaluation',
          runId: ctx.runId,
          epoch,
          testLoss: squared / predicted.length,
          testAcc: Number.NaN,
          tested: predicted.length / outputs,
          trainingMs,
        });
        if (windows.predict && ctx.visible()) {
          const data = await predictAll(model, windows.predict, steps, outputs);
          ctx.post({
            type: 'snapshot',
            runId: ctx.runId,
            kind: 'predictions',
            shape: [data.length / outputs, outputs],
            data,
          });
        }
      },
    },
    undefined,
    from,
  );
}

export const sequenceRegression: Task<SequenceRegressionJob, never> = {
  name: 'sequence-regression',
  parseJob: parseSequenceRegressionJob,
  start,
};
