/**
 * Checks of the payload parts the supervised tasks share: a model config and hyperparameters.
 * Free of TensorFlow.js, like every job module, so the page may import the job types and helpers.
 */
import { int, object, oneOf, positive } from '../core/check';
import { BadMessage } from '../core/states';
import { OPTIMIZERS, SCHEDULES, type Hyperparameters } from '../hyperparameters';
import type { ModelConfig } from '../models/model-config';

/** A model config's outline (the builder checks each layer). */
export function parseModelConfig(value: unknown, path = 'model'): ModelConfig {
  const m = object(value, path);
  if (!Array.isArray(m.inputShape) || m.inputShape.length !== 3)
    throw new BadMessage(`${path}.inputShape must be [h, w, c]`);
  m.inputShape.forEach((v, i) => int(v, `${path}.inputShape[${i}]`, 1));
  if (!Array.isArray(m.layers)) throw new BadMessage(`${path}.layers must be an array`);
  m.layers.forEach((layer, i) => {
    if (typeof object(layer, `${path}.layers[${i}]`).type !== 'string')
      throw new BadMessage(`${path}.layers[${i}].type must be a string`);
  });
  return m as unknown as ModelConfig;
}

/** A weight decay λ: finite, at least 0 (w shrinks by η·λ·w a step, so λ·η ≥ 1 would flip it). */
function decay(value: unknown, path: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0)
    throw new BadMessage(`${path} must be a number of at least 0`);
  return value;
}

export function parseHyper(value: unknown, path = 'hyper'): Hyperparameters {
  const h = object(value, path);
  return {
    learningRate: positive(h.learningRate, `${path}.learningRate`),
    batchSize: int(h.batchSize, `${path}.batchSize`, 1),
    epochs: int(h.epochs, `${path}.epochs`, 1),
    optimizer: oneOf(h.optimizer, OPTIMIZERS, `${path}.optimizer`),
    seed: int(h.seed, `${path}.seed`),
    ...(h.schedule === undefined ? {} : { schedule: oneOf(h.schedule, SCHEDULES, `${path}.schedule`) }),
    ...(h.weightDecay === undefined ? {} : { weightDecay: decay(h.weightDecay, `${path}.weightDecay`) }),
  };
}
