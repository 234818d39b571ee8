/**
 * The federated lab's job (task 'federated') and the reader's fields, with their bounds: one
 * definition, so the page's validation messages and the worker's checks agree. Free of
 * TensorFlow.js, so the page may import it.
 */
import { object } from '../../core/check';
import { BadMessage } from '../../core/states';
import { BATCH_SIZE_BOUNDS, parseBounded, SEED_BOUNDS, type Bounds, type ErrorCode } from '../../hyperparameters';
import { parseImageDataset, type ImageDataset } from '../datasets';

export const FEDERATED_FIELDS = [
  'clients',
  'alpha',
  'fraction',
  'localEpochs',
  'rounds',
  'examples',
  'learningRate',
  'batchSize',
  'seed',
] as const;
export type FederatedField = (typeof FEDERATED_FIELDS)[number];

/** Accepted ranges (the split's α only when the split is by label). */
export const FEDERATED_LIMITS: Record<FederatedField, Bounds> = {
  clients: { min: 10, max: 20, integer: true, example: 10 },
  alpha: { min: 0.01, max: 1000, integer: false, example: 0.1 },
  fraction: { min: 0.05, max: 1, integer: false, example: 0.5 },
  localEpochs: { min: 1, max: 5, integer: true, example: 1 },
  rounds: { min: 1, max: 200, integer: true, example: 20 },
  examples: { min: 200, max: 60_000, integer: true, example: 6000 },
  learningRate: { min: 1e-4, max: 1, integer: false, example: 0.1 },
  batchSize: { ...BATCH_SIZE_BOUNDS, max: 256 },
  seed: SEED_BOUNDS,
};

export type FederatedSplit = 'iid' | 'dirichlet';

export interface FederatedSettings {
  clients: number;
  /** the Dirichlet concentration of a label-skewed split; undefined: IID */
  alpha?: number;
  /** the fraction C of clients that train in each round */
  fraction: number;
  localEpochs: number;
  rounds: number;
  /** training examples dealt to the clients (the first N of the training set) */
  examples: number;
  learningRate: number;
  batchSize: number;
  seed: number;
}

export interface FederatedJob extends FederatedSettings {
  dataset: ImageDataset;
  /** test images evaluated after each round */
  testLimit: number;
  /** units of the model's hidden layer (flatten → dense(hidden, relu) → dense(classes, softmax)) */
  hidden: number;
}

export interface FederatedFieldError {
  field: FederatedField;
  code: ErrorCode;
  limit?: number;
}

export type RawFederated = Record<FederatedField, string> & { split: FederatedSplit };

/** The reader's fields, checked: the settings, or every refused field with why. */
export function parseFederatedFields(
  raw: RawFederated,
): { ok: true; value: FederatedSettings } | { ok: false; errors: FederatedFieldError[] } {
  const errors: FederatedFieldError[] = [];
  const value: Record<string, number> = {};
  for (const field of FEDERATED_FIELDS) {
    if (field === 'alpha' && raw.split === 'iid') continue;
    const result = parseBounded(raw[field], FEDERATED_LIMITS[field]);
    if (typeof result === 'number') value[field] = result;
    else errors.push({ field, ...result });
  }
  if (errors.length > 0) return { ok: false, errors };
  return { ok: true, value: value as unknown as FederatedSettings };
}

const HIDDEN: Bounds = { min: 1, max: 1024, integer: true };
const TEST: Bounds = { min: 1, max: 10_000, integer: true };

function bounded(value: unknown, bounds: Bounds, path: string): number {
  const result = typeof value === 'number' ? parseBounded(value, bounds) : { code: 'not-a-number' as const };
  if (typeof result !== 'number') throw new BadMessage(`${path} must be a number from ${bounds.min} to ${bounds.max}`);
  return result;
}

export function parseFederatedJob(raw: unknown): FederatedJob {
  const j = object(raw, 'job');
  const job: Record<string, unknown> = { dataset: parseImageDataset(j.dataset) };
  for (const field of FEDERATED_FIELDS) {
    if (field === 'alpha' && j.alpha === undefined) continue;
    job[field] = bounded(j[field], FEDERATED_LIMITS[field], `job.${field}`);
  }
  job.testLimit = bounded(j.testLimit, TEST, 'job.testLimit');
  job.hidden = bounded(j.hidden, HIDDEN, 'job.hidden');
  return job as unknown as FederatedJob;
}
