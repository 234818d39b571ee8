/**
 * The compression lab (Outlook, §8.2): a classifier trained on the spot (the article's CNN on a
 * slice of MNIST, its test accuracy after each epoch) or the reader's saved Practice model, then
 * quantised to int8 per tensor and per channel, with activations calibrated on training images,
 * and pruned by magnitude with and without a short fine-tune (analysis.ts).
 */
import type * as tf from '@tensorflow/tfjs';
import type { LiveSettings } from '../../core/run-controller';
import type { ModelPlace } from '../../core/messages';
import { imageSource } from '../../data/image-source';
import { checkModelFits } from '../../models/model-files';
import type { Checkpoint } from '../checkpoint';
import { evaluate } from '../image-classification/evaluate';
import { buildFor, supervisedRun } from '../supervised';
import type { RunContext, Task, TaskRun } from '../task';
import { compressModel } from './analysis';
import { parseCompressSettings, parseQuantizeJob, type QuantizeJob, type QuantizeLoad } from './job';

async function start(ctx: RunContext, job: QuantizeJob, from?: Checkpoint): Promise<TaskRun<never>> {
  const last = job.model.layers.at(-1);
  const outputs = last?.type === 'dense' ? last.units : 0;
  const loaded = await ctx.loadImages(job.dataset);
  if (outputs < loaded.train.classes) throw new Error(`the model predicts ${outputs} classes, the data has more`);
  const train = { ...loaded.train, classes: outputs };
  const test = { ...loaded.test, classes: outputs };
  const size = Math.min(job.testLimit, test.labels.length);
  const model = buildFor(job.model, job.hyper);
  return supervisedRun(
    ctx,
    model,
    job.hyper,
    imageSource(train, job.trainLimit),
    'categoricalCrossentropy',
    {
      afterEpoch: async (epoch, trainingMs) => {
        const result = await evaluate(model, test, size, undefined);
        ctx.post({ type: 'evaluation', runId: ctx.runId, epoch, ...result, tested: size, trainingMs });
        // the trained model is compressed before the run is done
        if (epoch === job.hyper.epochs - 1) await compressModel(ctx, model, train, test, job);
      },
    },
    undefined,
    from,
  );
}

async function load(
  ctx: RunContext,
  job: QuantizeLoad,
  model: tf.LayersModel,
  from: ModelPlace,
): Promise<TaskRun<never>> {
  const run: TaskRun<never> = {
    train: async () => {},
    savable: () => ({ model, temporary: false }),
    dispose: () => model.dispose(),
  };
  try {
    const { train, test } = await ctx.loadImages(job.dataset);
    checkModelFits(model, job.model.inputShape, test.classes);
    const outputs = model.outputs[0]?.shape.at(-1) ?? test.classes;
    const size = Math.min(job.testLimit, test.labels.length);
    ctx.post({ type: 'model-loaded', runId: ctx.runId, from });
    ctx.controller.setState('training');
    const result = await evaluate(model, { ...test, classes: outputs }, size, undefined);
    ctx.post({ type: 'evaluation', runId: ctx.runId, epoch: -1, ...result, tested: size });
    const done = await compressModel(ctx, model, { ...train, classes: outputs }, { ...test, classes: outputs }, job);
    ctx.controller.setState(done ? 'done' : 'idle');
    return run;
  } catch (error) {
    run.dispose();
    throw error;
  }
}

export const quantizeTask: Task<QuantizeJob, never, LiveSettings, QuantizeLoad> = {
  name: 'quantize',
  parseJob: parseQuantizeJob,
  parseLoad: parseCompressSettings,
  start,
  load,
};
