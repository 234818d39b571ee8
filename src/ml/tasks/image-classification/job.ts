/**
 * The image-classification task's payloads, with their checks: a classifier (the article's CNN,
 * CIFAR, MNIST rows and spoken digits through recurrent models, the memory race) trained on images
 * with labels. Type-only for the page; the worker checks every payload with the parse functions.
 */
import { float32, int, object, oneOf, optional } from '../../core/check';
import { BadMessage } from '../../core/states';
import type { Hyperparameters } from '../../hyperparameters';
import type { ModelConfig } from '../../models/model-config';
import { parseImageDataset, type ImageDataset } from '../datasets';
import { parseHyper, parseModelConfig } from '../checks';

export interface ImageClassificationJob {
  model: ModelConfig;
  hyper: Hyperparameters;
  dataset: ImageDataset;
  /** use only the first N training examples (tests, quick demos) */
  trainLimit?: number;
  /** test images evaluated after each epoch (default 500; the benchmark uses all) */
  testLimit?: number;
  /**
   * A deliberate mistake, for the "Why 2.3026?" lab: 'detached-labels' shuffles the training
   * labels separately from the images (the test set stays correct).
   */
  mistake?: 'detached-labels';
  /**
   * Standardise every feature (column of a [T, F, 1] sequence) with the mean and standard
   * deviation of the training examples, as speech recognisers normalise filter-bank channels.
   */
  standardise?: boolean;
  /**
   * Label noise: this fraction of the training examples the run uses (the first `trainLimit`, and
   * early stopping's held-out ones after them) carry a wrong label, chosen with the run's seed; the
   * test set keeps its true labels
   */
  labelNoise?: number;
  /** data augmentation: each training image moved by up to `shift` pixels along each axis, anew every epoch */
  augment?: { shift: number };
  /**
   * Early stopping: after each epoch, the loss on `validation` held-out training examples (those
   * after the first `trainLimit`); the run ends (done) once it has not improved for `patience` epochs
   */
  earlyStopping?: { patience: number; validation: number };
  /** after each epoch, also the loss and accuracy on the training examples, as the test set's are measured */
  evaluateTrain?: boolean;
  /** also evaluate every N batches, on at most `quickTestLimit` images (the benchmark's time to 97 %) */
  evaluateEvery?: number;
  quickTestLimit?: number;
}

/** A saved classifier, evaluated on the dataset's test images. */
export interface ImageClassificationLoad {
  /** the lab's model, for the input shape a loaded model must take */
  model: ModelConfig;
  dataset: ImageDataset;
  testLimit?: number;
}

/** A test image by index, or the pixels of a drawn input in [0, 1]. */
export type InspectSource = { testIndex: number } | { pixels: Float32Array };

/**
 * Show what the current model sees for one input; answered at once and, while training, again as
 * the weights change.
 */
export interface InspectCommand {
  kind: 'inspect';
  source: InspectSource;
}

const count = (v: unknown, path: string) => int(v, path, 1);

export function parseImageClassificationJob(value: unknown): ImageClassificationJob {
  const j = object(value, 'job');
  if (j.standardise !== undefined && typeof j.standardise !== 'boolean')
    throw new BadMessage('job.standardise must be true or false');
  const job: ImageClassificationJob = {
    model: parseModelConfig(j.model),
    hyper: parseHyper(j.hyper),
    dataset: parseImageDataset(j.dataset),
  };
  const limits = {
    trainLimit: optional(j.trainLimit, 'job.trainLimit', count),
    testLimit: optional(j.testLimit, 'job.testLimit', count),
    mistake: optional(j.mistake, 'job.mistake', (v, p) => oneOf(v, ['detached-labels'] as const, p)),
    standardise: j.standardise as boolean | undefined,
    evaluateEvery: optional(j.evaluateEvery, 'job.evaluateEvery', count),
    quickTestLimit: optional(j.quickTestLimit, 'job.quickTestLimit', count),
    labelNoise: optional(j.labelNoise, 'job.labelNoise', (v, p) => {
      if (typeof v !== 'number' || !(v >= 0 && v <= 1)) throw new BadMessage(`${p} must be a number from 0 to 1`);
      return v;
    }),
    augment: optional(j.augment, 'job.augment', (v, p) => ({ shift: int(object(v, p).shift, `${p}.shift`, 1) })),
    earlyStopping: optional(j.earlyStopping, 'job.earlyStopping', (v, p) => {
      const e = object(v, p);
      return { patience: count(e.patience, `${p}.patience`), validation: count(e.validation, `${p}.validation`) };
    }),
    evaluateTrain: optional(j.evaluateTrain, 'job.evaluateTrain', (v, p) => {
      if (typeof v !== 'boolean') throw new BadMessage(`${p} must be true or false`);
      return v;
    }),
  };
  for (const [key, v] of Object.entries(limits)) if (v !== undefined) Object.assign(job, { [key]: v });
  return job;
}

export function parseImageClassificationLoad(value: unknown): ImageClassificationLoad {
  const j = object(value, 'job');
  return {
    model: parseModelConfig(j.model),
    dataset: parseImageDataset(j.dataset),
    ...(j.testLimit === undefined ? {} : { testLimit: count(j.testLimit, 'job.testLimit') }),
  };
}

export function parseInspectCommand(value: unknown): InspectCommand {
  const c = object(value, 'command');
  if (c.kind !== 'inspect') throw new BadMessage(`unknown command "${String(c.kind)}"`);
  const s = object(c.source, 'command.source');
  if (s.testIndex !== undefined)
    return { kind: 'inspect', source: { testIndex: int(s.testIndex, 'command.source.testIndex', 0) } };
  return { kind: 'inspect', source: { pixels: float32(s.pixels, 'command.source.pixels') } };
}
