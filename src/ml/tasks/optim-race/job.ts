/**
 * The optimizer race's payload and the arithmetic the page and the worker share (no TensorFlow.js
 * here, so the page may import it): which optimizers race with which settings, the one model they
 * all train (an MLP on MNIST, see `RACE_MODEL`), the seeded batch order they all follow, and the
 * steps to a target accuracy read off the evaluations.
 */
import { int, object, oneOf, optional } from '../../core/check';
import { BadMessage } from '../../core/states';
import type { ModelConfig } from '../../models/model-config';
import { mulberry32, shuffledIndices } from '../../random';
import { parseModelConfig } from '../checks';
import { parseImageDataset, type ImageDataset } from '../datasets';

/** The optimizers of §4 (4.43)–(4.50) that can race, in the order the lab lists them. */
export const RACERS = ['sgd', 'momentum', 'rmsprop', 'adam', 'adamw'] as const;
export type RacerKind = (typeof RACERS)[number];

/** The settings an optimizer takes besides its learning rate. */
export const RACER_SETTINGS = {
  sgd: [],
  momentum: ['momentum'],
  rmsprop: ['rho'],
  adam: ['beta1', 'beta2'],
  adamw: ['beta1', 'beta2', 'weightDecay'],
} as const satisfies Record<RacerKind, readonly string[]>;
export type RacerSetting = 'learningRate' | (typeof RACER_SETTINGS)[RacerKind][number];

/** One optimizer in the race, with its settings (each optimizer's own; absent ones it does not use). */
export interface Racer {
  kind: RacerKind;
  learningRate: number;
  momentum?: number;
  rho?: number;
  beta1?: number;
  beta2?: number;
  weightDecay?: number;
}

/** Keras's defaults (TensorFlow.js has no default learning rate; AdamW is Keras's). */
export const RACER_DEFAULTS: Record<RacerKind, Required<Pick<Racer, 'learningRate'>> & Partial<Racer>> = {
  sgd: { learningRate: 0.01 },
  momentum: { learningRate: 0.01, momentum: 0.9 },
  rmsprop: { learningRate: 0.001, rho: 0.9 },
  adam: { learningRate: 0.001, beta1: 0.9, beta2: 0.999 },
  adamw: { learningRate: 0.001, beta1: 0.9, beta2: 0.999, weightDecay: 0.004 },
};

/** The accepted range of each setting: [min, max], both included except a 0 minimum of the rate. */
export const SETTING_BOUNDS: Record<RacerSetting, { min: number; max: number }> = {
  learningRate: { min: 1e-6, max: 1 },
  momentum: { min: 0, max: 0.999 },
  rho: { min: 0, max: 0.999 },
  beta1: { min: 0, max: 0.999 },
  beta2: { min: 0, max: 0.99999 },
  weightDecay: { min: 0, max: 1 },
};

/**
 * The one model every optimizer trains: a multilayer perceptron, 784 → 128 (ReLU) → 10 (softmax),
 * 101,770 weights. Dense layers are the cheapest per weight on every backend, so five copies train
 * at once even on a phone's CPU, and 97 % on MNIST is reachable but not trivial for it: the
 * optimizers' differences show in the steps they need.
 */
export const RACE_MODEL: ModelConfig = {
  inputShape: [28, 28, 1],
  layers: [
    { type: 'flatten' },
    { type: 'dense', units: 128, activation: 'relu' },
    { type: 'dense', units: 10, activation: 'softmax' },
  ],
  optimizer: 'adam',
  learningRate: 0.001,
  loss: 'categoricalCrossentropy',
  batchSize: 64,
};

/** The lab's starting settings (the benchmark uses the same). */
export const RACE_SETTINGS = {
  batchSize: 64,
  epochs: 3,
  seed: 42,
  /** training examples: all of MNIST's */
  train: 60_000,
  /** test images evaluated each time */
  testSize: 1000,
  evaluateEvery: 50,
  /** the accuracy to reach, as a fraction */
  target: 0.97,
  /** chosen at first */
  chosen: ['sgd', 'momentum', 'adam'] as RacerKind[],
} as const;

export interface OptimRaceJob {
  model: ModelConfig;
  dataset: ImageDataset;
  /** one to five optimizers; each trains its own copy of the model from the same initial weights */
  racers: Racer[];
  batchSize: number;
  epochs: number;
  /** the initial weights' and the batch order's seed */
  seed: number;
  /** use the first N training examples (all when absent) */
  trainLimit?: number;
  /** test images evaluated every `evaluateEvery` steps and after the last */
  testSize: number;
  evaluateEvery: number;
  /** the test accuracy each optimizer races to (0 … 1); the run ends early once all reach it */
  target: number;
}

function setting(value: unknown, path: string, name: RacerSetting): number {
  const { min, max } = SETTING_BOUNDS[name];
  if (typeof value !== 'number' || !Number.isFinite(value) || value < min || value > max)
    throw new BadMessage(`${path} must be a number in [${min}, ${max}]`);
  return value;
}

export function parseRacer(value: unknown, path: string): Racer {
  const r = object(value, path);
  const kind = oneOf(r.kind, RACERS, `${path}.kind`);
  const racer: Racer = { kind, learningRate: setting(r.learningRate, `${path}.learningRate`, 'learningRate') };
  for (const name of RACER_SETTINGS[kind]) racer[name] = setting(r[name], `${path}.${name}`, name);
  return racer;
}

export function parseOptimRaceJob(value: unknown): OptimRaceJob {
  const j = object(value, 'job');
  if (!Array.isArray(j.racers) || j.racers.length < 1 || j.racers.length > RACERS.length)
    throw new BadMessage(`job.racers must list 1 to ${RACERS.length} optimizers`);
  const target = j.target;
  if (typeof target !== 'number' || !(target > 0 && target <= 1)) throw new BadMessage('job.target must be in (0, 1]');
  const job: OptimRaceJob = {
    model: parseModelConfig(j.model),
    dataset: parseImageDataset(j.dataset),
    racers: j.racers.map((r, i) => parseRacer(r, `job.racers[${i}]`)),
    batchSize: int(j.batchSize, 'job.batchSize', 1, 1024),
    epochs: int(j.epochs, 'job.epochs', 1, 100),
    seed: int(j.seed, 'job.seed', 0),
    testSize: int(j.testSize, 'job.testSize', 1),
    evaluateEvery: int(j.evaluateEvery, 'job.evaluateEvery', 1),
    target,
  };
  const limit = optional(j.trainLimit, 'job.trainLimit', (v, p) => int(v, p, 1));
  if (limit !== undefined) job.trainLimit = limit;
  return job;
}

/**
 * The example indices of every step, the same for every optimizer: epoch by epoch a shuffle of
 * 0 … size − 1 drawn from `seed`, cut into batches (the last one of an epoch may be smaller).
 */
export function* batchOrder(seed: number, size: number, batchSize: number, epochs: number): Generator<Int32Array> {
  const random = mulberry32(seed);
  for (let epoch = 0; epoch < epochs; epoch++) {
    const order = shuffledIndices(size, random);
    for (let from = 0; from < size; from += batchSize) yield order.subarray(from, Math.min(size, from + batchSize));
  }
}

/** One evaluation of one optimizer: after `step` steps, having spent `trainingMs` in its own steps. */
export interface RaceEvaluation {
  step: number;
  testAcc: number;
  testLoss: number;
  trainingMs: number;
}

/**
 * The first evaluation at which the test accuracy reached `target`: its step and the optimizer's
 * training time up to it; undefined when none did. The resolution is the evaluation interval.
 */
export function stepsToTarget(
  evaluations: readonly RaceEvaluation[],
  target: number,
): { step: number; trainingMs: number } | undefined {
  const hit = evaluations.find((e) => e.testAcc >= target);
  return hit && { step: hit.step, trainingMs: hit.trainingMs };
}

/** Snapshot kinds the race posts (shape [racers, …] in the job's order of racers). */
export const RACE_TRAIN = 'race-train';
/** per racer: batch loss, batch accuracy, training ms so far (NaN loss: that optimizer diverged) */
export const RACE_TRAIN_COLUMNS = 3;
export const RACE_TEST = 'race-test';
/** per racer: step, test accuracy, test loss, training ms so far */
export const RACE_TEST_COLUMNS = 4;
