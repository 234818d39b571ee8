/**
 * The sequence-regression task's payload (the forecaster): a model trained with mean squared error
 * on windows of a series prepared on the page. Type-only for the page; checked in the worker.
 */
import { object } from '../../core/check';
import type { Hyperparameters } from '../../hyperparameters';
import type { ModelConfig } from '../../models/model-config';
import { parseWindowsData, type WindowsData } from '../datasets';
import { parseHyper, parseModelConfig } from '../checks';

export interface SequenceRegressionJob {
  model: ModelConfig;
  hyper: Hyperparameters;
  dataset: WindowsData;
}

export function parseSequenceRegressionJob(value: unknown): SequenceRegressionJob {
  const j = object(value, 'job');
  return { model: parseModelConfig(j.model), hyper: parseHyper(j.hyper), dataset: parseWindowsData(j.dataset) };
}

/** Training, validation and prediction windows of one series, as the forecaster's page prepares them. */
export function windowsDataset(
  split: Record<'train' | 'validation', { xs: Float32Array; ys: Float32Array }>,
  steps: number,
  predict?: Float32Array,
): WindowsData {
  const windows = ({ xs, ys }: { xs: Float32Array; ys: Float32Array }) => ({ xs, ys, steps, outputs: 1 });
  return {
    kind: 'windows',
    train: windows(split.train),
    test: windows(split.validation),
    ...(predict ? { predict } : {}),
  };
}
