/**
 * The backend race's payload: which backends to measure, how large a batch, how many untimed
 * warm-up steps and how long a timed window each. Type-only for the page; checked in the worker.
 */
import { int, object } from '../../core/check';
import { BadMessage } from '../../core/states';
import { RACE_VARIANTS, type RaceVariant } from '../../core/backends';

export interface BackendRaceJob {
  /** measured in this order; each at most once */
  variants: RaceVariant[];
  /** examples per training step */
  batch: number;
  /** untimed steps first (shader compilation, memory growth) */
  warmupSteps: number;
  /** timed steps go on until their time adds up to this (at least one timed step) */
  windowMs: number;
  /** the weights' and the random images' seed */
  seed: number;
}

export function parseBackendRaceJob(value: unknown): BackendRaceJob {
  const j = object(value, 'job');
  if (!Array.isArray(j.variants) || j.variants.length === 0) throw new BadMessage('job.variants must be a list');
  const variants = j.variants.map((v: unknown, i) => {
    if (!(RACE_VARIANTS as readonly unknown[]).includes(v))
      throw new BadMessage(`job.variants[${i}] must be one of ${RACE_VARIANTS.join(', ')}`);
    return v as RaceVariant;
  });
  if (new Set(variants).size !== variants.length) throw new BadMessage('job.variants must not repeat');
  return {
    variants,
    batch: int(j.batch, 'job.batch', 1, 256),
    warmupSteps: int(j.warmupSteps, 'job.warmupSteps', 0, 10),
    windowMs: int(j.windowMs, 'job.windowMs', 50, 30_000),
    seed: int(j.seed ?? 1, 'job.seed', 0, 2 ** 31 - 1),
  };
}
