/**
 * The GAN task's payloads, with their checks: a GAN on points of the plane drawn from a target
 * distribution ('plane', the 2-D lab), or on a dataset's images rescaled to [−1, 1] ('images',
 * digits from noise). An iteration is `schedule.dSteps` discriminator steps then `schedule.gSteps`
 * generator steps. Type-only for the page; checked in the worker.
 */
import { int, object, oneOf, optional, positive, type Fields } from '../../core/check';
import type { LiveSettings } from '../../core/run-controller';
import { BadMessage } from '../../core/states';
import type { Gan2dConfig, TrainingSchedule } from '../../gan/gan-config';
import type { TargetSpec } from '../../gan/targets';
import { parseImageDataset, type ImageDataset } from '../datasets';

export type GanJob = {
  config: Gan2dConfig;
  schedule: TrainingSchedule;
  iterations: number;
  seed: number;
  /** how many fixed noise vectors are drawn after every change (points, or images in the grid) */
  show: number;
  /** begin paused, before the first step (step mode) */
  startPaused?: boolean;
  /**
   * Play at a watchable pace: each iteration takes at least this many milliseconds (the worker
   * waits after a fast one). Absent or 0: as fast as the backend goes.
   */
  minIterationMs?: number;
  /** milliseconds between two pictures while training (default 150 for points, 400 for images) */
  frameIntervalMs?: number;
} & (
  | { kind: 'plane'; target: TargetSpec }
  | {
      kind: 'images';
      dataset: ImageDataset;
      /** draw real images from the first N training images only */
      trainLimit?: number;
    }
);

/** What a live change to a GAN run may set (the instability controls, and the pace). */
export interface GanSettings extends LiveSettings {
  dLearningRate?: number;
  gLearningRate?: number;
  dSteps?: number;
  gSteps?: number;
  loss?: TrainingSchedule['loss'];
}

export type GanCommand =
  /** while paused: exactly one discriminator step, or one generator step */
  | { kind: 'step'; player: 'd' | 'g' }
  /**
   * The generator's outputs along a spherical path between the noise vectors of two seeds
   * (answered by a 'snapshot' of kind 'walk', [steps, …sample shape]).
   */
  | { kind: 'walk'; from: number; to: number; steps: number };

/** A saved generator, shown on `show` fixed noise vectors of `seed`. */
export interface GanLoad {
  show: number;
  seed: number;
}

const LOSSES = ['minimax', 'non-saturating'] as const;

export function parseGanJob(value: unknown): GanJob {
  const j = object(value, 'job');
  object(j.config, 'job.config');
  object(j.schedule, 'job.schedule');
  const common = {
    config: j.config as Gan2dConfig,
    schedule: j.schedule as TrainingSchedule,
    iterations: int(j.iterations, 'job.iterations', 1),
    seed: int(j.seed, 'job.seed'),
    show: int(j.show, 'job.show', 1),
  };
  const extra: Fields = {};
  if (j.startPaused !== undefined) extra.startPaused = j.startPaused === true;
  const ms = (v: unknown, path: string) => {
    if (typeof v !== 'number' || !(v >= 0)) throw new BadMessage(`${path} must be a number of milliseconds`);
    return v;
  };
  if (j.minIterationMs !== undefined) extra.minIterationMs = ms(j.minIterationMs, 'job.minIterationMs');
  if (j.frameIntervalMs !== undefined) extra.frameIntervalMs = ms(j.frameIntervalMs, 'job.frameIntervalMs');
  if (j.kind === 'plane') {
    const target = object(j.target, 'job.target') as unknown as TargetSpec;
    return { ...common, ...extra, kind: 'plane', target };
  }
  if (j.kind === 'images') {
    const dataset = parseImageDataset(j.dataset, 'job.dataset');
    const trainLimit = optional(j.trainLimit, 'job.trainLimit', (v, p) => int(v, p, 1));
    return { ...common, ...extra, kind: 'images', dataset, ...(trainLimit ? { trainLimit } : {}) };
  }
  throw new BadMessage(`job.kind must be 'plane' or 'images'`);
}

/** Live settings; a value out of range is ignored (the controls keep their own bounds). */
export function parseGanSettings(value: unknown): GanSettings {
  const s = object(value, 'settings');
  const ok = (v: unknown) => typeof v === 'number' && Number.isFinite(v) && v > 0;
  const steps = (v: unknown) => typeof v === 'number' && Number.isInteger(v) && v >= 1 && v <= 100;
  const out: GanSettings = {};
  if (ok(s.dLearningRate)) out.dLearningRate = s.dLearningRate as number;
  if (ok(s.gLearningRate)) out.gLearningRate = s.gLearningRate as number;
  if (steps(s.dSteps)) out.dSteps = s.dSteps as number;
  if (steps(s.gSteps)) out.gSteps = s.gSteps as number;
  if ((LOSSES as readonly unknown[]).includes(s.loss)) out.loss = s.loss as GanSettings['loss'];
  if (typeof s.minIterationMs === 'number') out.minIterationMs = s.minIterationMs;
  if (s.learningRate !== undefined) out.learningRate = positive(s.learningRate, 'settings.learningRate');
  return out;
}

export function parseGanCommand(value: unknown): GanCommand {
  const c = object(value, 'command');
  if (c.kind === 'step') return { kind: 'step', player: oneOf(c.player, ['d', 'g'] as const, 'command.player') };
  if (c.kind === 'walk')
    return {
      kind: 'walk',
      from: int(c.from, 'command.from'),
      to: int(c.to, 'command.to'),
      steps: int(c.steps, 'command.steps', 2, 64),
    };
  throw new BadMessage(`unknown command "${String(c.kind)}"`);
}

export function parseGanLoad(value: unknown): GanLoad {
  const j = object(value, 'job');
  return { show: int(j.show, 'job.show', 1), seed: int(j.seed, 'job.seed') };
}
