/**
 * The character-level LSTM that writes (`lstm-text`), on the run's controller like every task:
 *
 *   start    state 'loading' (the corpus's token ids, verified); the unigram and bigram baselines
 *            on the scored validation text ('snapshot' of kind 'baselines': [unigram, bigram] in
 *            bits per character); build the model
 *   train    state 'training'; each step one batch of random windows (truncated BPTT from a zero
 *            state); a 'progress' after every step (loss in bits per character, steps per second);
 *            at the start, every `sampleEvery` steps and at the end an 'evaluation' (validation
 *            bits per character, next-character accuracy) and a 'text' of kind 'sample'; 'done'
 *   command  'sample': a 'text' of kind 'resample' from the model as it stands (paused, done, or
 *            between two steps while training), nothing trained
 *   set      the temperature of the next samples, the learning rate, the pace
 */
import * as tf from '@tensorflow/tfjs';
import { bigramCrossEntropy, decode, encode, OOV, seededRandom, unigramCrossEntropy } from '../../data/char-text';
import { classify, messageOf, NaNLoss } from '../../core/states';
import type { ArraysData, RunContext, Task, TaskRun } from '../task';
import {
  parseLstmTextCommand,
  parseLstmTextJob,
  parseLstmTextSettings,
  type LstmTextCommand,
  type LstmTextJob,
  type LstmTextSettings,
} from './job';
import { buildCharModel, nextCharLoss, readWeights } from './model';
import { CharSampler } from './sampler';

type Context = RunContext<LstmTextSettings>;
const EVAL_BATCH = 64;
const BITS = Math.LN2;

/** A split as one stream of ids; the rows of a 2-D file (poems) end with the line break's id. */
function stream(data: ArraysData, split: string, vocab: readonly string[]): Int32Array {
  const file = data.entry.files[split];
  const ids = data.arrays[split];
  if (!file || !ids) throw new Error(`the corpus has no ${split} split`);
  if (file.shape.length < 2) return Int32Array.from(ids);
  const [rows, width] = [file.shape[0]!, ids.length / file.shape[0]!];
  const newline = Math.max(0, vocab.indexOf('\n'));
  const out = new Int32Array(rows * (width + 1));
  for (let r = 0; r < rows; r++) {
    out.set(ids.subarray(r * width, (r + 1) * width), r * (width + 1));
    out[r * (width + 1) + width] = newline;
  }
  return out;
}

class LstmTextRun implements TaskRun<LstmTextCommand> {
  #step = 0;
  #temperature: number;
  readonly #random: () => number;
  readonly #optimizer: tf.AdamOptimizer;

  constructor(
    private readonly ctx: Context,
    private readonly job: LstmTextJob,
    private readonly model: tf.LayersModel,
    private readonly vocab: readonly string[],
    private readonly trainIds: Int32Array,
    /** the scored validation text: `windows` windows of seqLength + 1 characters, one after another */
    private readonly valid: Int32Array,
  ) {
    this.#temperature = job.temperature;
    this.#random = seededRandom(job.seed ^ 0x9e3779b9);
    this.#optimizer = tf.train.adam(job.learningRate);
    ctx.controller.onSettings((s) => {
      if (s.temperature !== undefined) this.#temperature = s.temperature;
      if (s.learningRate !== undefined)
        (this.#optimizer as unknown as { learningRate: number }).learningRate = s.learningRate;
    });
  }

  /** One step on a batch of random windows; the loss in nats per character. */
  async #trainStep(): Promise<number> {
    const { batchSize: b, seqLength: t } = this.job;
    const xs = new Int32Array(b * t);
    const ys = new Int32Array(b * t);
    for (let i = 0; i < b; i++) {
      const at = Math.floor(this.#random() * (this.trainIds.length - t - 1));
      xs.set(this.trainIds.subarray(at, at + t), i * t);
      ys.set(this.trainIds.subarray(at + 1, at + t + 1), i * t);
    }
    const loss = tf.tidy(() =>
      this.#optimizer.minimize(() => {
        const logits = this.model.apply(tf.tensor2d(xs, [b, t], 'int32'), { training: true }) as tf.Tensor;
        return nextCharLoss(logits, tf.tensor2d(ys, [b, t], 'int32'));
      }, true)!,
    );
    const value = (await loss.data())[0]!;
    loss.dispose();
    return value;
  }

  /** Validation loss (bits per character) and next-character accuracy on the scored text. */
  async #evaluate(trainingMs: number): Promise<number> {
    const t = this.job.seqLength;
    const windows = Math.floor((this.valid.length - 1) / t);
    let nats = 0;
    let right = 0;
    for (let from = 0; from < windows; from += EVAL_BATCH) {
      const n = Math.min(EVAL_BATCH, windows - from);
      const xs = new Int32Array(n * t);
      const ys = new Int32Array(n * t);
      for (let i = 0; i < n; i++) {
        const at = (from + i) * t;
        xs.set(this.valid.subarray(at, at + t), i * t);
        ys.set(this.valid.subarray(at + 1, at + t + 1), i * t);
      }
      const [loss, hits] = tf.tidy(() => {
        const logits = this.model.predict(tf.tensor2d(xs, [n, t], 'int32')) as tf.Tensor;
        const targets = tf.tensor2d(ys, [n, t], 'int32');
        return [nextCharLoss(logits, targets), tf.sum(tf.equal(tf.argMax(logits, -1), targets))];
      });
      nats += (await loss.data())[0]! * n * t;
      right += (await hits.data())[0]!;
      loss.dispose();
      hits.dispose();
    }
    const chars = windows * t;
    const bits = nats / chars / BITS;
    this.ctx.post({
      type: 'evaluation',
      runId: this.ctx.runId,
      epoch: 0,
      batch: this.#step,
      testLoss: bits,
      testAcc: right / chars,
      tested: chars,
      trainingMs,
    });
    return bits;
  }

  /** `length` characters after `seedText` (the corpus's separator when it is empty or unknown), at `temperature`. */
  async #write(seedText: string, length: number, temperature: number, random: () => number): Promise<string> {
    const weights = await readWeights(this.model, this.job.model, this.vocab.length);
    const known = Array.from(encode(seedText, this.vocab)).filter((id) => id !== OOV);
    const start = this.vocab.indexOf(this.job.corpus === 'quatrains' ? '\n' : ' ');
    const seed = known.length > 0 ? known : [Math.max(0, start)];
    return decode(new CharSampler(weights).write(seed, length, temperature, random), this.vocab);
  }

  async #sample(): Promise<void> {
    const text = await this.#write(this.job.seedText, this.job.sampleLength, this.#temperature, this.#random);
    this.ctx.post({ type: 'text', runId: this.ctx.runId, kind: 'sample', step: this.#step, text });
  }

  async train(): Promise<void> {
    const { ctx, job } = this;
    const control = ctx.controller;
    let trainingMs = 0;
    let windowStart = ctx.now();
    let windowSteps = 0;
    let rate = 0;
    control.setState('training');
    try {
      await control.guard(this.#evaluate(0));
      await control.guard(this.#sample());
      while (this.#step < job.steps) {
        const action = await control.next();
        if (!action) {
          if (!control.cancelled) control.setState('idle');
          return;
        }
        const started = ctx.now();
        const loss = await control.guard(this.#trainStep());
        if (!Number.isFinite(loss)) throw new NaNLoss(`the loss became NaN at step ${this.#step + 1}`);
        this.#step += 1;
        windowSteps += 1;
        trainingMs += ctx.now() - started;
        await control.keepPace(started, ctx.now());
        const now = ctx.now();
        if (now - windowStart >= 500) {
          rate = (windowSteps * 1000) / (now - windowStart);
          windowStart = now;
          windowSteps = 0;
        }
        ctx.post({
          type: 'progress',
          runId: ctx.runId,
          epoch: 0,
          batch: this.#step,
          totalBatches: job.steps,
          loss: loss / BITS,
          acc: Number.NaN,
          samplesPerSec: rate,
          trainingMs,
          tensors: tf.memory().numTensors,
        });
        if (this.#step % job.sampleEvery === 0 || this.#step === job.steps) {
          await control.guard(this.#evaluate(trainingMs));
          await control.guard(this.#sample());
          // scoring and writing are not training: the rate counts only the steps
          windowStart += ctx.now() - now;
        }
      }
      control.setState('done');
    } catch (error) {
      if (control.cancelled) return;
      ctx.post({ type: 'error', runId: ctx.runId, kind: classify(error), message: messageOf(error) });
      control.setState('error');
    }
  }

  async command(command: LstmTextCommand): Promise<void> {
    const { temperature, seedText, length, seed } = command;
    const text = await this.#write(seedText, length, temperature, seededRandom(seed));
    this.ctx.post({ type: 'text', runId: this.ctx.runId, kind: 'resample', step: this.#step, text });
  }

  savable() {
    return { model: this.model, temporary: false };
  }

  dispose(): void {
    this.#optimizer.dispose();
    this.model.dispose();
  }
}

async function start(ctx: Context, job: LstmTextJob): Promise<LstmTextRun> {
  const data = await ctx.loadArrays(job.dataset);
  const vocab = data.entry.classes;
  if (!vocab || vocab.length < 2) throw new Error(`${job.dataset.name} has no vocabulary`);
  const train = stream(data, 'train', vocab);
  const validation = stream(data, 'validation', vocab);
  const t = job.seqLength;
  const windows = Math.floor((Math.min(job.evalChars, validation.length) - 1) / t);
  if (windows < 1 || train.length < t + 2) throw new Error(`the corpus is too short for windows of ${t} characters`);
  const valid = validation.slice(0, windows * t + 1);
  const baselines = Float32Array.of(
    unigramCrossEntropy(train, valid, vocab.length) / BITS,
    bigramCrossEntropy(train, valid, vocab.length) / BITS,
  );
  ctx.post({ type: 'snapshot', runId: ctx.runId, kind: 'baselines', shape: [2], data: baselines });
  const model = buildCharModel(job.model, vocab.length, job.seed);
  return new LstmTextRun(ctx, job, model, vocab, train, valid);
}

export const lstmText: Task<LstmTextJob, LstmTextCommand, LstmTextSettings> = {
  name: 'lstm-text',
  parseJob: parseLstmTextJob,
  parseCommand: parseLstmTextCommand,
  parseSettings: parseLstmTextSettings,
  start,
};
