/**
 * The batch-size sweep's payload and the arithmetic the page and the worker share (no TensorFlow.js
 * here, so the page may import it). One model (the optimizer race's MLP, `RACE_MODEL`), trained
 * from the same initial weights once per batch size with SGD and momentum, its learning rate either
 * fixed or scaled linearly with the batch size (Goyal et al. 2017, the FAQ's (9.2)), each run
 * stopped at a target test accuracy or at its budget of epochs.
 */
import { int, object, oneOf, optional } from '../../core/check';
import { BadMessage } from '../../core/states';
import type { ModelConfig } from '../../models/model-config';
import { parseModelConfig } from '../checks';
import { parseImageDataset, type ImageDataset } from '../datasets';

/** The batch sizes the reader may pick from, smallest first. */
export const BATCH_CHOICES = [8, 16, 32, 64, 128, 256, 512] as const;
export const LR_MODES = ['linear', 'fixed'] as const;
export type LrMode = (typeof LR_MODES)[number];

/** The accepted ranges of the numeric settings (both ends included). */
export const BATCH_BOUNDS = {
  learningRate: { min: 1e-5, max: 2 },
  momentum: { min: 0, max: 0.99 },
  epochs: { min: 1, max: 20, integer: true },
  seed: { min: 0, max: 2 ** 31 - 1, integer: true },
  target: { min: 10, max: 99.9 },
} as const;

/** The lab's starting settings (the benchmark uses the same). */
export const BATCH_SETTINGS = {
  batchSizes: [16, 32, 64, 128, 256] as number[],
  lrMode: 'linear' as LrMode,
  /** the learning rate at `baseBatch` */
  learningRate: 0.02,
  baseBatch: 32,
  momentum: 0.9,
  /** the budget: epochs at most per batch size */
  epochs: 4,
  seed: 42,
  train: 60_000,
  testSize: 1000,
  /** test every this many training examples (the same resolution in examples for every batch size) */
  evaluateEvery: 3200,
  target: 0.97,
};

export interface BatchLabJob {
  model: ModelConfig;
  dataset: ImageDataset;
  /** one to seven distinct batch sizes, trained in this order */
  batchSizes: number[];
  lrMode: LrMode;
  /** the learning rate at `baseBatch` (and at every batch size when `lrMode` is 'fixed') */
  learningRate: number;
  baseBatch: number;
  momentum: number;
  /** the budget of each batch size, in epochs */
  epochs: number;
  /** the initial weights' and the batch order's seed (the same for every batch size) */
  seed: number;
  /** use the first N training examples (all when absent) */
  trainLimit?: number;
  /** test images evaluated each time */
  testSize: number;
  /** test after every this many training examples (rounded to whole steps) and at the budget's end */
  evaluateEvery: number;
  /** the test accuracy to reach (0 … 1) */
  target: number;
}

/** The learning rate used at batch size `batch`: η₀·B/B₀ when scaled linearly (9.2), else η₀. */
export function learningRateFor(job: Pick<BatchLabJob, 'lrMode' | 'learningRate' | 'baseBatch'>, batch: number) {
  return job.lrMode === 'linear' ? (job.learningRate * batch) / job.baseBatch : job.learningRate;
}

/** Steps between two tests at batch size `batch`: about `every` examples, at least one step. */
export function testInterval(every: number, batch: number): number {
  return Math.max(1, Math.round(every / batch));
}

function bounded(value: unknown, path: string, bounds: { min: number; max: number }): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < bounds.min || value > bounds.max)
    throw new BadMessage(`${path} must be a number in [${bounds.min}, ${bounds.max}]`);
  return value;
}

export function parseBatchLabJob(value: unknown): BatchLabJob {
  const j = object(value, 'job');
  const sizes = j.batchSizes;
  if (!Array.isArray(sizes) || sizes.length < 1 || sizes.length > BATCH_CHOICES.length)
    throw new BadMessage(`job.batchSizes must list 1 to ${BATCH_CHOICES.length} batch sizes`);
  const batchSizes = sizes.map((b, i) => int(b, `job.batchSizes[${i}]`, 1, 4096));
  if (new Set(batchSizes).size !== batchSizes.length) throw new BadMessage('job.batchSizes must be distinct');
  const target = j.target;
  if (typeof target !== 'number' || !(target > 0 && target <= 1)) throw new BadMessage('job.target must be in (0, 1]');
  const job: BatchLabJob = {
    model: parseModelConfig(j.model),
    dataset: parseImageDataset(j.dataset),
    batchSizes,
    lrMode: oneOf(j.lrMode, LR_MODES, 'job.lrMode'),
    learningRate: bounded(j.learningRate, 'job.learningRate', BATCH_BOUNDS.learningRate),
    baseBatch: int(j.baseBatch, 'job.baseBatch', 1, 4096),
    momentum: bounded(j.momentum, 'job.momentum', BATCH_BOUNDS.momentum),
    epochs: int(j.epochs, 'job.epochs', 1, BATCH_BOUNDS.epochs.max),
    seed: int(j.seed, 'job.seed', 0),
    testSize: int(j.testSize, 'job.testSize', 1),
    evaluateEvery: int(j.evaluateEvery, 'job.evaluateEvery', 1),
    target,
  };
  const limit = optional(j.trainLimit, 'job.trainLimit', (v, p) => int(v, p, 1));
  if (limit !== undefined) job.trainLimit = limit;
  return job;
}

/** Snapshot kinds the sweep posts, one row each ([1, columns]). */
export const SWEEP_TEST = 'batch-test';
/** batch-size index, step, examples seen, test accuracy, test loss, training ms so far */
export const SWEEP_TEST_COLUMNS = 6;
export const SWEEP_RESULT = 'batch-result';
/**
 * batch-size index, batch size, learning rate, samples/s (all its steps), steps to target,
 * training ms to target, examples to target (NaN when not reached), outcome (see `OUTCOMES`),
 * steps trained, last test accuracy
 */
export const SWEEP_RESULT_COLUMNS = 10;
/** How a batch size's run ended, by its code in a result row. */
export const OUTCOMES = ['reached', 'budget', 'diverged'] as const;
export type Outcome = (typeof OUTCOMES)[number];

/** One batch size's result, as the page reads it from a result row. */
export interface SweepResult {
  index: number;
  batchSize: number;
  learningRate: number;
  samplesPerSec: number;
  /** undefined unless the target was reached */
  toTarget?: { steps: number; seconds: number; examples: number };
  outcome: Outcome;
  steps: number;
  lastAcc: number;
}

export function resultRow(r: SweepResult): Float32Array {
  const t = r.toTarget;
  return Float32Array.from([
    r.index,
    r.batchSize,
    r.learningRate,
    r.samplesPerSec,
    t ? t.steps : Number.NaN,
    t ? t.seconds * 1000 : Number.NaN,
    t ? t.examples : Number.NaN,
    OUTCOMES.indexOf(r.outcome),
    r.steps,
    r.lastAcc,
  ]);
}

export function readResult(row: Float32Array): SweepResult {
  const at = (i: number) => row[i]!;
  const result: SweepResult = {
    index: at(0),
    batchSize: at(1),
    learningRate: at(2),
    samplesPerSec: at(3),
    outcome: OUTCOMES[at(7)] ?? 'budget',
    steps: at(8),
    lastAcc: at(9),
  };
  if (Number.isFinite(at(4))) result.toTarget = { steps: at(4), seconds: at(5) / 1000, examples: at(6) };
  return result;
}
