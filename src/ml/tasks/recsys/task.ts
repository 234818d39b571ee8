/**
 * The recommender lab (applications chapter, §6.4): matrix factorisation on the FiveThirtyEight
 * food questionnaire (job.ts, model.ts), trained for a fixed number of epochs on minibatches of
 * training cells, against the global mean and the item means.
 *
 *   start     the ratings are loaded; the baselines are fitted on train; state 'training'
 *   step      one optimiser step per batch: a 'progress' (batch loss; acc is NaN: none here)
 *   epoch     a 'snapshot' 'recsys-epoch' [1, 6]: epoch, train, validation and test RMSE of the
 *             model, and the test RMSE of the global mean and of the item means
 *   end       a 'snapshot' 'recsys-items' [items + 1, k + 3]: per item b_i, its 2-D PCA
 *             coordinates and q_i, then [μ, 0, …]; then 'done'
 * No checkpoint: after a backend failure the run starts again on the next backend.
 */
import * as tf from '@tensorflow/tfjs';
import { classify, messageOf } from '../../core/states';
import { mulberry32, shuffledIndices } from '../../random';
import type { RunContext, Task, TaskRun } from '../task';
import {
  baselineRmse,
  baselines,
  parseRecsysJob,
  pca2,
  RECSYS_EPOCH,
  RECSYS_EPOCH_COLUMNS,
  RECSYS_ITEMS,
  rmse,
  type Cells,
  type RecsysJob,
} from './job';
import { buildModel, disposeModel, predict, trainStep, type MfModel } from './model';

/** The cells of one split from the decoded files (`${split}Users`, `…Items`, `…Ratings`). */
export function cellsOf(arrays: Record<string, ArrayLike<number>>, split: string): Cells {
  const users = arrays[`${split}Users`];
  const items = arrays[`${split}Items`];
  const ratings = arrays[`${split}Ratings`];
  if (!users || !items || !ratings) throw new Error(`the ratings have no ${split} split`);
  return { users: Int32Array.from(users), items: Int32Array.from(items), ratings: Float32Array.from(ratings) };
}

const maxOf = (a: Int32Array) => a.reduce((m, v) => Math.max(m, v), 0);

async function start(ctx: RunContext, job: RecsysJob): Promise<TaskRun<never>> {
  const { entry, arrays } = await ctx.loadArrays(job.dataset);
  const [train, validation, test] = ['train', 'validation', 'test'].map((s) => cellsOf(arrays, s)) as [
    Cells,
    Cells,
    Cells,
  ];
  const items = entry.classes?.length ?? Math.max(maxOf(train.items), maxOf(test.items)) + 1;
  const users = Math.max(maxOf(train.users), maxOf(validation.users), maxOf(test.users)) + 1;
  const { mean, itemMeans } = baselines(train, items);
  const base = baselineRmse(test, mean, itemMeans);
  const model: MfModel = buildModel(job, users, items, mean);
  const control = ctx.controller;

  async function epochRow(epoch: number): Promise<void> {
    const [a, b, c] = [await predict(model, train), await predict(model, validation), await predict(model, test)];
    const row = [epoch, rmse(a, train.ratings), rmse(b, validation.ratings), rmse(c, test.ratings)];
    if (!row.every(Number.isFinite)) throw new Error('the RMSE is no longer a number (NaN): lower the learning rate');
    const data = Float32Array.from([...row, base.globalMean, base.itemMean]);
    ctx.post({ type: 'snapshot', runId: ctx.runId, kind: RECSYS_EPOCH, shape: [1, RECSYS_EPOCH_COLUMNS], data });
  }

  async function postItems(): Promise<void> {
    const k = job.factors;
    const q = (await model.q.data()) as Float32Array;
    const bias = (await model.itemBias.data()) as Float32Array;
    const xy = pca2(q, k);
    const cols = k + 3;
    const data = new Float32Array((items + 1) * cols);
    for (let i = 0; i < items; i++) {
      data.set([bias[i]!, xy[i * 2]!, xy[i * 2 + 1]!], i * cols);
      data.set(q.subarray(i * k, i * k + k), i * cols + 3);
    }
    data[items * cols] = mean;
    ctx.post({ type: 'snapshot', runId: ctx.runId, kind: RECSYS_ITEMS, shape: [items + 1, cols], data });
  }

  async function loop(): Promise<'done' | 'stopped'> {
    const random = mulberry32(job.seed);
    const n = train.ratings.length;
    const totalBatches = Math.ceil(n / job.batchSize);
    let windowStart = ctx.now();
    let samples = 0;
    let rate = 0;
    let trainingMs = 0;
    for (let epoch = 0; epoch < job.epochs; epoch++) {
      const order = shuffledIndices(n, random);
      for (let b = 0; b < totalBatches; b++) {
        if (!(await control.next())) return 'stopped';
        const started = ctx.now();
        const idx = order.subarray(b * job.batchSize, Math.min(n, (b + 1) * job.batchSize));
        const loss = await control.guard(trainStep(model, train, idx, job.lambda));
        if (!Number.isFinite(loss)) throw new Error('the loss is no longer a number (NaN): lower the learning rate');
        trainingMs += ctx.now() - started;
        await control.keepPace(started, ctx.now());
        samples += idx.length;
        const now = ctx.now();
        if (now - windowStart >= 500) {
          rate = (samples * 1000) / (now - windowStart);
          [windowStart, samples] = [now, 0];
        }
        ctx.post({
          type: 'progress',
          runId: ctx.runId,
          epoch,
          batch: b + 1,
          totalBatches,
          loss,
          acc: Number.NaN,
          samplesPerSec: rate,
          trainingMs,
          tensors: tf.memory().numTensors,
        });
      }
      await epochRow(epoch + 1);
    }
    await postItems();
    return 'done';
  }

  return {
    train: async () => {
      control.setState('training');
      try {
        const outcome = await loop();
        if (outcome === 'done') control.setState('done');
        else if (!control.cancelled) control.setState('idle');
      } catch (error) {
        if (control.cancelled || control.handOver(error)) return;
        ctx.post({ type: 'error', runId: ctx.runId, kind: classify(error), message: messageOf(error) });
        control.setState('error');
      }
    },
    dispose: () => disposeModel(model),
  };
}

export const recsysTask: Task<RecsysJob, never> = {
  name: 'recsys-mf',
  parseJob: parseRecsysJob,
  start,
};
