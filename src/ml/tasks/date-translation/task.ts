/**
 * Date translation (the attention lab): an encoder–decoder learns to turn human dates into ISO
 * dates, with attention or without (model.ts); it writes all ten characters at once. The examples come from the seeded generator
 * (data/dates.ts) in the worker: no download.
 *
 *   start     build the model; state 'training'; every batch a 'progress' (loss, per-character
 *             accuracy)
 *   epoch     the validation dates translated: an 'evaluation' whose testAcc is the share of
 *             exact matches (every character of YYYY-MM-DD right)
 *   end       the held-out test dates decoded: a 'snapshot' of kind 'test', [overall, then one
 *             exact-match rate per format of FORMATS]; state 'done'
 *   command   'translate': the reader's text decoded, a 'snapshot' of kind 'translation',
 *             shape [OUTPUT_LENGTH, 1 + INPUT_LENGTH]: each row the output character's id, then
 *             its attention weights over the input positions (NaN without attention)
 * No checkpoint: after a backend failure the run starts again on the next backend.
 */
import * as tf from '@tensorflow/tfjs';
import { classify, messageOf, NaNLoss } from '../../core/states';
import {
  encodeInput,
  evaluationSet,
  FORMATS,
  INPUT_LENGTH,
  INPUT_VOCAB,
  OUTPUT_LENGTH,
  OUTPUT_VOCAB,
  dateStream,
  sliceBatch,
  splitDays,
  trimPadding,
  type DateBatch,
} from '../../data/dates';
import { makeOptimizer } from '../supervised';
import type { RunContext, Task, TaskRun } from '../task';
import {
  parseDateTranslationCommand,
  parseDateTranslationJob,
  type DateTranslationCommand,
  type DateTranslationJob,
} from './job';
import { buildTranslator, exactMatches, oneHot, positionsOf, translate, type Translator } from './model';

/** translated at once while evaluating */
const DECODE_BATCH = 250;

/** Exact matches of `set` decoded by `translator`, one flag per example. */
async function matches(translator: Translator, set: DateBatch): Promise<Uint8Array> {
  const n = set.texts.length;
  const right = new Uint8Array(n);
  for (let from = 0; from < n; from += DECODE_BATCH) {
    const count = Math.min(DECODE_BATCH, n - from);
    const { inputs, length } = sliceBatch(set, from, count);
    const { ids } = await translate(translator, inputs, count, length);
    for (let i = 0; i < count; i++) {
      const row = (a: Int32Array, k: number) => a.subarray(k * OUTPUT_LENGTH, (k + 1) * OUTPUT_LENGTH);
      right[from + i] = exactMatches(row(ids, i), row(set.targets, from + i), 1);
    }
  }
  return right;
}

class DateTranslationRun implements TaskRun<DateTranslationCommand> {
  readonly #optimizer: tf.Optimizer;
  readonly #next: (n: number) => DateBatch;
  readonly #days = splitDays();

  constructor(
    private readonly ctx: RunContext,
    private readonly job: DateTranslationJob,
    private readonly translator: Translator,
  ) {
    this.#optimizer = makeOptimizer(job.hyper);
    translator.model.compile({ optimizer: this.#optimizer, loss: 'categoricalCrossentropy', metrics: ['accuracy'] });
    this.#next = dateStream(this.#days.train, job.dataSeed);
    ctx.controller.onSettings(({ learningRate }) => {
      if (learningRate !== undefined)
        (this.#optimizer as unknown as { learningRate: number }).learningRate = learningRate;
    });
  }

  /** One training step on a fresh batch: [loss, per-character accuracy]. */
  async #step(): Promise<[number, number]> {
    const n = this.job.hyper.batchSize;
    const batch = this.#next(n);
    const chars = oneHot(batch.inputs, n, batch.length, INPUT_VOCAB.length);
    const positions = positionsOf(n);
    const target = oneHot(batch.targets, n, OUTPUT_LENGTH, OUTPUT_VOCAB.length);
    try {
      const out = (await this.ctx.controller.guard(
        this.translator.model.trainOnBatch([chars, positions], target),
      )) as number[];
      return [out[0]!, out[1]!];
    } finally {
      tf.dispose([chars, positions, target]);
    }
  }

  async train(): Promise<void> {
    const { ctx, job } = this;
    const control = ctx.controller;
    const { stepsPerEpoch } = job;
    const { batchSize, epochs } = job.hyper;
    const validation = evaluationSet(this.#days.validation, job.validationSize);
    let trainingMs = 0;
    let windowStart = ctx.now();
    let windowSteps = 0;
    let rate = 0;
    control.setState('training');
    try {
      for (let epoch = 0; epoch < epochs; epoch++) {
        for (let batch = 1; batch <= stepsPerEpoch; batch++) {
          if (!(await control.next())) {
            if (!control.cancelled) control.setState('idle');
            return;
          }
          const started = ctx.now();
          const [loss, acc] = await this.#step();
          if (!Number.isFinite(loss)) throw new NaNLoss(`the loss became NaN at epoch ${epoch + 1}, batch ${batch}`);
          trainingMs += ctx.now() - started;
          await control.keepPace(started, ctx.now());
          windowSteps += 1;
          const now = ctx.now();
          if (now - windowStart >= 500) {
            rate = (windowSteps * batchSize * 1000) / (now - windowStart);
            windowStart = now;
            windowSteps = 0;
          }
          ctx.post({
            type: 'progress',
            runId: ctx.runId,
            epoch,
            batch,
            totalBatches: stepsPerEpoch,
            loss,
            acc,
            samplesPerSec: rate,
            trainingMs,
            tensors: tf.memory().numTensors,
          });
        }
        const right = await control.guard(matches(this.translator, validation));
        ctx.post({
          type: 'evaluation',
          runId: ctx.runId,
          epoch,
          testLoss: Number.NaN,
          testAcc: right.reduce((a, b) => a + b, 0) / right.length,
          tested: right.length,
          trainingMs,
        });
        windowStart = ctx.now();
        windowSteps = 0;
      }
      await this.#test();
      control.setState('done');
    } catch (error) {
      if (control.cancelled || control.handOver(error)) return;
      ctx.post({ type: 'error', runId: ctx.runId, kind: classify(error), message: messageOf(error) });
      control.setState('error');
    }
  }

  /** The held-out test dates: the exact-match rate overall and per format. */
  async #test(): Promise<void> {
    const test = evaluationSet(this.#days.test, this.job.testSize);
    const right = await this.ctx.controller.guard(matches(this.translator, test));
    const data = new Float32Array(1 + FORMATS.length);
    const seen = new Float32Array(FORMATS.length);
    right.forEach((r, i) => {
      data[0]! += r;
      data[1 + test.formats[i]!]! += r;
      seen[test.formats[i]!]! += 1;
    });
    data[0]! /= right.length;
    seen.forEach((count, f) => (data[1 + f] = count > 0 ? data[1 + f]! / count : Number.NaN));
    this.ctx.post({ type: 'snapshot', runId: this.ctx.runId, kind: 'test', shape: [data.length], data });
  }

  async command(command: DateTranslationCommand): Promise<void> {
    const { inputs, length } = trimPadding(encodeInput(command.text), 1, INPUT_LENGTH);
    const { ids, weights } = await translate(this.translator, inputs, 1, length, true);
    const width = 1 + INPUT_LENGTH;
    const data = new Float32Array(OUTPUT_LENGTH * width).fill(Number.NaN);
    for (let t = 0; t < OUTPUT_LENGTH; t++) {
      data[t * width] = ids[t]!;
      // the weights of the input's characters, at the end of the row (where the padded input has them)
      if (weights) data.set(weights.subarray(t * length, (t + 1) * length), (t + 1) * width - length);
    }
    this.ctx.post({
      type: 'snapshot',
      runId: this.ctx.runId,
      kind: 'translation',
      shape: [OUTPUT_LENGTH, width],
      data,
    });
  }

  dispose(): void {
    this.translator.model.dispose();
    this.#optimizer.dispose();
  }
}

async function start(ctx: RunContext, job: DateTranslationJob): Promise<DateTranslationRun> {
  const translator = buildTranslator({ attention: job.attention, units: job.units }, job.hyper.seed);
  return Promise.resolve(new DateTranslationRun(ctx, job, translator));
}

export const dateTranslation: Task<DateTranslationJob, DateTranslationCommand> = {
  name: 'date-translation',
  parseJob: parseDateTranslationJob,
  parseCommand: parseDateTranslationCommand,
  start,
};
