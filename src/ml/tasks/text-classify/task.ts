/**
 * Text classification, three ways (the language lab): a bag of embeddings, a 1-D convolution and
 * an LSTM, plus a bag-of-words logistic regression, trained side by side on the same batches of
 * the same split; the majority class is the fifth row. The session's lifecycle as every task:
 *
 *   start    state 'loading' (the dataset's verified download); four models built; state 'training'
 *   train    per batch one step of each model and a 'progress' (loss and accuracy: the mean of the
 *            three networks); after each epoch a 'snapshot' of kind 'text-scores' [5, 2] (validation
 *            and test accuracy of each row of TEXT_ROWS; test NaN until the end); 'done'
 *   command  'predict': each model on the reader's tokens, and occlusion (each token left out);
 *            'embeddings': the bag model's table in 2-D (PCA) and scaled to length 1
 * No checkpoint: after a backend failure the run starts again on the next backend (a short run).
 */
import * as tf from '@tensorflow/tfjs';
import { classify, messageOf, NaNLoss } from '../../core/states';
import { encode, indexOf, OOV } from '../../data/text-tokens';
import { multiHot, textModel } from '../../models/text-models';
import { TEXT_DEFAULTS, type TextModelSize } from '../../models/text-params';
import { mulberry32, shuffledIndices } from '../../random';
import { trainStep } from '../../train-step';
import type { RunContext, Task, TaskRun } from '../task';
import { EVALUATION_BATCH, makeOptimizer } from '../supervised';
import { pca2, unitRows } from './embeddings';
import { parseTextClassifyCommand, parseTextClassifyJob, type TextClassifyCommand, type TextClassifyJob } from './job';

/** the trained rows of TEXT_ROWS, in order */
const TRAINED = ['bow', 'bag', 'conv', 'lstm'] as const;
type Trained = (typeof TRAINED)[number];

interface Split {
  ids: Int32Array;
  labels: Uint8Array;
  size: number;
}

class TextRun implements TaskRun<TextClassifyCommand> {
  readonly #models: Record<Trained, tf.LayersModel>;
  readonly #optimizers: Record<Trained, tf.Optimizer>;
  readonly #index: Map<string, number>;
  readonly #length: number;
  readonly #majority: number;

  constructor(
    private readonly ctx: RunContext,
    private readonly job: TextClassifyJob,
    private readonly splits: Record<'train' | 'validation' | 'test', Split>,
    private readonly vocabulary: string[],
    private readonly size: TextModelSize,
  ) {
    this.#length = size.length;
    this.#index = indexOf(vocabulary);
    const { hyper } = job;
    this.#models = Object.fromEntries(TRAINED.map((k) => [k, textModel(k, size, hyper.seed)])) as Record<
      Trained,
      tf.LayersModel
    >;
    this.#optimizers = Object.fromEntries(TRAINED.map((k) => [k, makeOptimizer(hyper)])) as Record<
      Trained,
      tf.Optimizer
    >;
    let ones = 0;
    splits.train.labels.forEach((l) => (ones += l));
    this.#majority = ones * 2 > splits.train.size ? 1 : 0;
    ctx.controller.onSettings(({ learningRate }) => {
      if (learningRate === undefined) return;
      for (const o of Object.values(this.#optimizers))
        (o as unknown as { learningRate: number }).learningRate = learningRate;
    });
  }

  /** Inputs of each model for rows `rows` of ids [n, length]: token ids, or the bag of words. */
  #inputs(ids: Int32Array, n: number): { ids: tf.Tensor2D; bow: tf.Tensor2D } {
    return {
      ids: tf.tensor2d(ids, [n, this.#length], 'int32'),
      bow: tf.tensor2d(multiHot(ids, this.#length, this.size.vocabulary), [n, this.size.vocabulary]),
    };
  }

  /** Probability of class 1 from each trained model, for every row of `ids`. */
  async #probabilities(ids: Int32Array): Promise<Record<Trained, Float32Array>> {
    const n = ids.length / this.#length;
    const out = Object.fromEntries(TRAINED.map((k) => [k, new Float32Array(n)])) as Record<Trained, Float32Array>;
    for (let from = 0; from < n; from += EVALUATION_BATCH) {
      const count = Math.min(EVALUATION_BATCH, n - from);
      const inputs = this.#inputs(ids.subarray(from * this.#length, (from + count) * this.#length), count);
      try {
        for (const k of TRAINED) {
          const p = tf.tidy(() => {
            const y = this.#models[k].predict(k === 'bow' ? inputs.bow : inputs.ids) as tf.Tensor2D;
            return y.slice([0, 1], [count, 1]).reshape([count]);
          });
          out[k].set(await this.ctx.controller.guard(p.data() as Promise<Float32Array>), from);
          p.dispose();
        }
      } finally {
        tf.dispose([inputs.ids, inputs.bow]);
      }
    }
    return out;
  }

  /** Accuracy of the majority class and of each model on a split: the rows of TEXT_ROWS. */
  async #accuracies(split: Split): Promise<number[]> {
    const probs = await this.#probabilities(split.ids);
    const hits = (predicted: (i: number) => number) => {
      let h = 0;
      for (let i = 0; i < split.size; i++) if (predicted(i) === split.labels[i]) h++;
      return h / Math.max(1, split.size);
    };
    return [hits(() => this.#majority), ...TRAINED.map((k) => hits((i) => (probs[k][i]! > 0.5 ? 1 : 0)))];
  }

  #postScores(validation: number[], test?: number[]): void {
    const data = new Float32Array(validation.length * 2);
    validation.forEach((v, i) => {
      data[i * 2] = v;
      data[i * 2 + 1] = test?.[i] ?? Number.NaN;
    });
    this.ctx.post({
      type: 'snapshot',
      runId: this.ctx.runId,
      kind: 'text-scores',
      shape: [validation.length, 2],
      data,
    });
  }

  async train(): Promise<void> {
    const { ctx, job } = this;
    const control = ctx.controller;
    const { hyper } = job;
    const train = this.splits.train;
    const L = this.#length;
    const random = mulberry32(hyper.seed);
    const totalBatches = Math.ceil(train.size / hyper.batchSize);
    let trainingMs = 0;
    control.setState('training');
    try {
      for (let epoch = 0; epoch < hyper.epochs; epoch++) {
        const order = shuffledIndices(train.size, random);
        let lossSum = 0;
        let accSum = 0;
        let seen = 0;
        let windowStart = ctx.now();
        for (let batch = 0; batch < totalBatches; batch++) {
          if (!(await control.next())) {
            control.setState('idle');
            return;
          }
          const started = ctx.now();
          const rows = order.subarray(batch * hyper.batchSize, Math.min(train.size, (batch + 1) * hyper.batchSize));
          const ids = new Int32Array(rows.length * L);
          rows.forEach((r, i) => ids.set(train.ids.subarray(r * L, (r + 1) * L), i * L));
          const labels = Int32Array.from(rows, (r) => train.labels[r]!);
          const inputs = this.#inputs(ids, rows.length);
          const ys = tf.tidy(() => tf.oneHot(tf.tensor1d(labels, 'int32'), 2).toFloat() as tf.Tensor2D);
          try {
            for (const k of TRAINED) {
              const r = await trainStep(
                this.#models[k],
                this.#optimizers[k],
                k === 'bow' ? inputs.bow : inputs.ids,
                ys,
                'categoricalCrossentropy',
                (read) => control.guard(read),
              );
              if (!Number.isFinite(r.loss))
                throw new NaNLoss(`the ${k} model's loss became ${r.loss} at epoch ${epoch + 1}, batch ${batch + 1}`);
              // the panel's curve: the three networks' mean (the baseline is in the table)
              if (k !== 'bow') {
                lossSum += (r.loss * rows.length) / 3;
                accSum += (r.accuracy * rows.length) / 3;
              }
            }
          } finally {
            tf.dispose([inputs.ids, inputs.bow, ys]);
          }
          seen += rows.length;
          trainingMs += ctx.now() - started;
          const elapsed = Math.max(1e-3, ctx.now() - windowStart);
          windowStart = ctx.now();
          ctx.post({
            type: 'progress',
            runId: ctx.runId,
            epoch,
            batch: batch + 1,
            totalBatches,
            loss: lossSum / seen,
            acc: accSum / seen,
            samplesPerSec: (rows.length * 1000) / elapsed,
            trainingMs,
            tensors: tf.memory().numTensors,
          });
        }
        ctx.post({ type: 'epoch-end', runId: ctx.runId, epoch, loss: lossSum / seen, acc: accSum / seen });
        const validation = await this.#accuracies(this.splits.validation);
        const last = epoch === hyper.epochs - 1;
        this.#postScores(validation, last ? await this.#accuracies(this.splits.test) : undefined);
      }
      control.setState('done');
    } catch (error) {
      if (control.cancelled || control.handOver(error)) return;
      ctx.post({ type: 'error', runId: ctx.runId, kind: classify(error), message: messageOf(error) });
      control.setState('error');
    }
  }

  async command(command: TextClassifyCommand): Promise<void> {
    if (command.kind === 'predict') await this.#predict(command.tokens);
    else await this.#embeddings(command.count);
  }

  /** The reader's text: each model's P(class 1), then for each token the drop when it is left out. */
  async #predict(tokens: string[]): Promise<void> {
    const L = this.#length;
    const ids = Array.from(encode(tokens, this.#index, Math.min(tokens.length, L)));
    const n = ids.length;
    const inputs = new Int32Array((n + 1) * L);
    inputs.set(encode([], this.#index, L).map((_, i) => ids[i] ?? 0));
    for (let i = 0; i < n; i++) {
      const without = ids.filter((_, j) => j !== i);
      without.forEach((id, j) => (inputs[(i + 1) * L + j] = id));
    }
    const probs = await this.#probabilities(inputs);
    const data = new Float32Array(TRAINED.length * (n + 1));
    TRAINED.forEach((k, m) => {
      const p = probs[k];
      data[m * (n + 1)] = p[0]!;
      for (let i = 1; i <= n; i++) data[m * (n + 1) + i] = p[0]! - p[i]!;
    });
    const known = ids.map((id) => (id === OOV ? '' : this.vocabulary[id]!));
    this.ctx.post({
      type: 'snapshot',
      runId: this.ctx.runId,
      kind: 'text-predict',
      shape: [TRAINED.length, n + 1],
      data,
      labels: known,
    });
  }

  /** The bag model's embedding of the most frequent tokens: PCA to 2-D and unit vectors. */
  async #embeddings(count: number): Promise<void> {
    const table = this.#models.bag.layers[0]!.getWeights()[0]!;
    const all = (await this.ctx.controller.guard(table.data())) as Float32Array;
    const d = this.size.embedding;
    const first = 2; // after <pad> and <unk>
    const n = Math.min(count, this.size.vocabulary - first);
    const rows = all.slice(first * d, (first + n) * d);
    const xy = pca2(rows, n, d);
    const unit = unitRows(rows, n, d);
    const data = new Float32Array(n * (2 + d));
    for (let i = 0; i < n; i++) {
      data.set(xy.subarray(i * 2, i * 2 + 2), i * (2 + d));
      data.set(unit.subarray(i * d, (i + 1) * d), i * (2 + d) + 2);
    }
    const labels = this.vocabulary.slice(first, first + n);
    this.ctx.post({
      type: 'snapshot',
      runId: this.ctx.runId,
      kind: 'text-embeddings',
      shape: [n, 2 + d],
      data,
      labels,
    });
  }

  dispose(): void {
    for (const k of TRAINED) {
      this.#models[k].dispose();
      this.#optimizers[k].dispose();
    }
  }
}

async function start(ctx: RunContext, job: TextClassifyJob): Promise<TaskRun<TextClassifyCommand>> {
  const { entry, arrays } = await ctx.loadArrays(job.dataset);
  const vocabulary = entry.classes;
  const tokens = entry.files.trainTokens;
  if (!vocabulary || !tokens || tokens.shape.length !== 2)
    throw new Error(`${job.dataset.name} is not a token-id dataset with a vocabulary`);
  const length = tokens.shape[1]!;
  const split = (name: string, limit?: number): Split => {
    const ids = arrays[`${name}Tokens`] as Int32Array | undefined;
    const labels = arrays[`${name}Labels`] as Uint8Array | undefined;
    if (!ids || !labels) throw new Error(`${job.dataset.name} has no ${name} split`);
    const size = Math.min(labels.length, limit ?? labels.length);
    return { ids: ids.subarray(0, size * length), labels: labels.subarray(0, size), size };
  };
  const size: TextModelSize = {
    vocabulary: vocabulary.length,
    length,
    embedding: job.embedding,
    filters: job.filters,
    kernel: TEXT_DEFAULTS.kernel,
    units: job.units,
  };
  const splits = { train: split('train', job.trainLimit), validation: split('validation'), test: split('test') };
  return new TextRun(ctx, job, splits, vocabulary, size);
}

export const textClassify: Task<TextClassifyJob, TextClassifyCommand> = {
  name: 'text-classify',
  parseJob: parseTextClassifyJob,
  parseCommand: parseTextClassifyCommand,
  start,
};
