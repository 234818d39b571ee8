/**
 * The fairness task's payload: a small classifier of the synthetic applicants
 * (`data/fairness-population.ts`), which the worker draws itself from the population's seed.
 * Type-only for the page; checked in the worker.
 */
import { object } from '../../core/check';
import type { Hyperparameters } from '../../hyperparameters';
import type { ModelConfig } from '../../models/model-config';
import { FEATURES } from '../../data/fairness-population';
import { parseHyper, parseModelConfig } from '../checks';
import { BadMessage } from '../../core/states';

export interface FairnessJob {
  model: ModelConfig;
  hyper: Hyperparameters;
}

export function parseFairnessJob(value: unknown): FairnessJob {
  const j = object(value, 'job');
  const model = parseModelConfig(j.model);
  if (model.inputShape.join() !== [FEATURES, 1, 1].join())
    throw new BadMessage(`model.inputShape must be [${FEATURES}, 1, 1]`);
  return { model, hyper: parseHyper(j.hyper) };
}

/**
 * The lab's classifier: one hidden layer of 8 ReLU units and a softmax over "would not repay" and
 * "would repay" (the features stored as a [2, 1, 1] column, as every model here reads). It reads the two features only, never the group.
 */
export function fairnessModel(learningRate = 0.01, batchSize = 50): ModelConfig {
  return {
    inputShape: [FEATURES, 1, 1],
    layers: [
      { type: 'flatten' },
      { type: 'dense', units: 8, activation: 'relu' },
      { type: 'dense', units: 2, activation: 'softmax' },
    ],
    optimizer: 'adam',
    learningRate,
    loss: 'categoricalCrossentropy',
    batchSize,
  };
}

/** The lab's training settings (the reader can change them; the tests use these). */
export function fairnessLabHyper() {
  return { learningRate: 0.01, batchSize: 50, epochs: 5, optimizer: 'adam', seed: 7 } as const;
}
