/**
 * The compression lab's payloads: train the article's CNN quickly (`QuantizeJob`) or take the
 * reader's saved Practice model (`QuantizeLoad`), then quantise and prune it. Type-only for the
 * page; checked in the worker.
 */
import { int, object, optional } from '../../core/check';
import { BadMessage } from '../../core/states';
import type { Hyperparameters } from '../../hyperparameters';
import type { ModelConfig } from '../../models/model-config';
import { parseImageDataset, type ImageDataset } from '../datasets';
import { parseHyper, parseModelConfig } from '../checks';

/** What the compression measures: how many images, and how long the pruned models fine-tune. */
export interface CompressSettings {
  /** the lab's model: the input shape a loaded model must take */
  model: ModelConfig;
  /** the seed (sampling) and batch size of the fine-tune */
  hyper: Hyperparameters;
  dataset: ImageDataset;
  /** test images every variant is scored on */
  testLimit: number;
  /** training images the activation scales are calibrated on */
  calibration: number;
  /** batches of fine-tuning for each pruned model (0: none) */
  fineTuneSteps: number;
  /** the sparsities to prune at, each in (0, 1) */
  sparsities: number[];
}

export interface QuantizeJob extends CompressSettings {
  /** train on the first N training examples */
  trainLimit?: number;
}

export type QuantizeLoad = CompressSettings;

export function parseCompressSettings(value: unknown): CompressSettings {
  const j = object(value, 'job');
  if (!Array.isArray(j.sparsities) || j.sparsities.length > 8) throw new BadMessage('job.sparsities: up to 8 numbers');
  const sparsities = j.sparsities.map((s, i) => {
    if (typeof s !== 'number' || !(s > 0 && s < 1)) throw new BadMessage(`job.sparsities[${i}] must be in (0, 1)`);
    return s;
  });
  return {
    model: parseModelConfig(j.model),
    hyper: parseHyper(j.hyper),
    dataset: parseImageDataset(j.dataset),
    testLimit: int(j.testLimit, 'job.testLimit', 1, 10000),
    calibration: int(j.calibration, 'job.calibration', 1, 10000),
    fineTuneSteps: int(j.fineTuneSteps, 'job.fineTuneSteps', 0, 5000),
    sparsities,
  };
}

export function parseQuantizeJob(value: unknown): QuantizeJob {
  const settings = parseCompressSettings(value);
  const trainLimit = optional(object(value, 'job').trainLimit, 'job.trainLimit', (v, p) => int(v, p, 1));
  return { ...settings, ...(trainLimit === undefined ? {} : { trainLimit }) };
}
