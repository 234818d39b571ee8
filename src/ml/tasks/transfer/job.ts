/**
 * The transfer-learning lab's payloads: a source model (the article's CNN trained here on MNIST,
 * `TransferJob`, or the reader's saved Practice model, `TransferLoad`) reused for a target data set
 * (Fashion-MNIST) three ways, each with a few numbers of labelled examples. Type-only for the
 * page; checked in the worker.
 */
import { int, object } from '../../core/check';
import { BadMessage } from '../../core/states';
import type { Hyperparameters } from '../../hyperparameters';
import type { ModelConfig } from '../../models/model-config';
import { parseImageDataset, type ImageDataset } from '../datasets';
import { parseHyper, parseModelConfig } from '../checks';

/** How the source model is reused, in the order of the lab's tables and chart. */
export const STRATEGIES = ['frozen', 'finetune', 'scratch'] as const;
export type Strategy = (typeof STRATEGIES)[number];

/** One row per finished cell: strategy index, labelled examples, test accuracy, training ms */
export const TRANSFER_CELLS = 'transfer-cells';
export const CELL_COLUMNS = 4;
/** [kh, kw, 1, filters]: a model's first-layer kernels (label: 'source', or 'scratch' for the target's own) */
export const TRANSFER_FILTERS = 'transfer-filters';

export interface TransferSettings {
  /** the architecture: the new models' config, and the input shape a loaded model must take */
  model: ModelConfig;
  /** seed, batch size and learning rate of every model trained; epochs: passes over a cell's examples */
  hyper: Hyperparameters;
  /** the source model's data (its test images score the source model) */
  source: ImageDataset;
  /** the data the models are transferred to */
  target: ImageDataset;
  /** target test images every cell is scored on */
  testLimit: number;
  /** numbers of labelled target examples (the first N of the training set), ascending */
  counts: number[];
  /** every cell trains at least this many batches (a hundred examples are only three batches) */
  minSteps: number;
}

export interface TransferJob extends TransferSettings {
  /** the source model is trained here for one epoch on the first N source training examples */
  sourceLimit: number;
}

export type TransferLoad = TransferSettings;

/** Batches one cell trains: `epochs` passes over its `count` examples, and at least `minSteps`. */
export function cellSteps(count: number, hyper: Pick<Hyperparameters, 'batchSize' | 'epochs'>, minSteps: number) {
  return Math.max(minSteps, Math.ceil(count / Math.min(hyper.batchSize, count)) * hyper.epochs);
}

export function parseTransferSettings(value: unknown): TransferSettings {
  const j = object(value, 'job');
  if (!Array.isArray(j.counts) || j.counts.length < 1 || j.counts.length > 6)
    throw new BadMessage('job.counts: 1 to 6 numbers');
  const counts = j.counts.map((c, i) => int(c, `job.counts[${i}]`, 1, 1_000_000));
  if (counts.some((c, i) => i > 0 && c <= counts[i - 1]!)) throw new BadMessage('job.counts must ascend');
  return {
    model: parseModelConfig(j.model),
    hyper: parseHyper(j.hyper),
    source: parseImageDataset(j.source, 'job.source'),
    target: parseImageDataset(j.target, 'job.target'),
    testLimit: int(j.testLimit, 'job.testLimit', 1, 10000),
    counts,
    minSteps: int(j.minSteps, 'job.minSteps', 1, 10000),
  };
}

export function parseTransferJob(value: unknown): TransferJob {
  const settings = parseTransferSettings(value);
  return { ...settings, sourceLimit: int(object(value, 'job').sourceLimit, 'job.sourceLimit', 0, 1_000_000) };
}
