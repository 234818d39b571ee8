import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ModelConfig } from '../../models/model-config';
import { mulberry32, shuffledIndices } from '../../random';
import {
  batchOrder,
  parseOptimRaceJob,
  RACE_MODEL,
  RACER_DEFAULTS,
  RACERS,
  stepsToTarget,
  type Racer,
  type RaceEvaluation,
} from './job';
import { buildRacers, disposeRacers, raceStep, type RacerRun } from './racers';
import { countParams } from '../../models/model-config';

beforeAll(async () => {
  await tf.setBackend('cpu');
  await tf.ready();
});

const TINY: ModelConfig = {
  inputShape: [4, 4, 1],
  layers: [
    { type: 'flatten' },
    { type: 'dense', units: 6, activation: 'relu' },
    { type: 'dense', units: 3, activation: 'softmax' },
  ],
  optimizer: 'adam',
  learningRate: 0.001,
  loss: 'categoricalCrossentropy',
  batchSize: 8,
};

const racer = (kind: Racer['kind']): Racer => ({ kind, ...RACER_DEFAULTS[kind], learningRate: 0.05 });

/** 40 random 4×4 examples with 3 classes, batches by index. */
const random = mulberry32(7);
const pixels = Float32Array.from({ length: 40 * 16 }, () => random());
const labels = Int32Array.from({ length: 40 }, (_, i) => i % 3);
const batch = (indices: Int32Array) =>
  tf.tidy(() => ({
    xs: tf.tensor4d(
      Array.from(indices).flatMap((i) => Array.from(pixels.subarray(i * 16, (i + 1) * 16))),
      [indices.length, 4, 4, 1],
    ),
    ys: tf
      .oneHot(
        tf.tensor1d(
          Int32Array.from(indices, (i) => labels[i]!),
          'int32',
        ),
        3,
      )
      .toFloat() as tf.Tensor2D,
  }));

async function train(runs: RacerRun[], seed: number, steps: number): Promise<void> {
  let k = 0;
  for (const indices of batchOrder(seed, 40, 8, 10)) {
    if (k++ === steps) break;
    const { xs, ys } = batch(indices);
    for (const run of runs) await raceStep(run, xs, ys);
    tf.dispose([xs, ys]);
  }
}
const weightsOf = (run: RacerRun) => run.model.getWeights().map((w) => Array.from(w.dataSync()));

describe('the optimizer race', () => {
  it('starts every optimizer from the same initial weights, drawn from the seed', () => {
    const runs = buildRacers(TINY, 42, RACERS.map(racer));
    const first = weightsOf(runs[0]!);
    for (const run of runs.slice(1)) expect(weightsOf(run)).toEqual(first);
    const other = buildRacers(TINY, 43, [racer('sgd')]);
    expect(weightsOf(other[0]!)).not.toEqual(first);
    disposeRacers([...runs, ...other]);
  });

  it('follows one seeded batch order: each epoch a shuffle of the examples, cut into batches', () => {
    const order = [...batchOrder(5, 20, 8, 2)].map((b) => Array.from(b));
    expect(order.map((b) => b.length)).toEqual([8, 8, 4, 8, 8, 4]);
    const r = mulberry32(5);
    const epochs = [Array.from(shuffledIndices(20, r)), Array.from(shuffledIndices(20, r))];
    expect(order.slice(0, 3).flat()).toEqual(epochs[0]);
    expect(order.slice(3).flat()).toEqual(epochs[1]);
    expect([...batchOrder(5, 20, 8, 2)].map((b) => Array.from(b))).toEqual(order);
    expect([...batchOrder(6, 20, 8, 1)].map((b) => Array.from(b))).not.toEqual(order.slice(0, 3));
  });

  it('each optimizer in the race trains exactly as it would alone (same weights, same batches)', async () => {
    const before = tf.memory().numTensors;
    const race = buildRacers(TINY, 42, [racer('sgd'), racer('adam'), racer('adamw')]);
    await train(race, 3, 6);
    for (const [k, kind] of (['sgd', 'adam', 'adamw'] as const).entries()) {
      const alone = buildRacers(TINY, 42, [racer(kind)]);
      await train(alone, 3, 6);
      expect(weightsOf(alone[0]!)).toEqual(weightsOf(race[k]!));
      disposeRacers(alone);
    }
    // and the rules differ: no two racers end at the same weights
    expect(weightsOf(race[0]!)).not.toEqual(weightsOf(race[1]!));
    expect(weightsOf(race[1]!)).not.toEqual(weightsOf(race[2]!));
    expect(race.every((r) => r.steps === 6 && r.trainingMs > 0)).toBe(true);
    disposeRacers(race);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('frees every tensor of every optimizer, momentum included', async () => {
    const before = tf.memory().numTensors;
    const race = buildRacers(TINY, 42, RACERS.map(racer));
    await train(race, 3, 2);
    disposeRacers(race);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('AdamW is Adam with every weight shrunk by ηλ before the update (4.50)', async () => {
    const decayed: Racer = { kind: 'adamw', learningRate: 0.05, beta1: 0.9, beta2: 0.999, weightDecay: 0.5 };
    const [adamw] = buildRacers(TINY, 1, [decayed]);
    const [adam] = buildRacers(TINY, 1, [{ ...decayed, kind: 'adam' }]);
    const { xs, ys } = batch(Int32Array.from([0, 1, 2, 3, 4, 5, 6, 7]));
    const start = weightsOf(adam!);
    await raceStep(adam!, xs, ys);
    await raceStep(adamw!, xs, ys);
    // the same gradient (taken at θ₀), so θ_AdamW = θ_Adam − ηλ θ₀
    const expected = weightsOf(adam!).map((w, i) => w.map((v, j) => v - 0.05 * 0.5 * start[i]![j]!));
    weightsOf(adamw!).forEach((w, i) => w.forEach((v, j) => expect(v).toBeCloseTo(expected[i]![j]!, 5)));
    tf.dispose([xs, ys]);
    disposeRacers([adam!, adamw!]);
  });

  it('counts the steps to the target at the first evaluation that reaches it, with its time', () => {
    const evals: RaceEvaluation[] = [
      { step: 50, testAcc: 0.9, testLoss: 0.3, trainingMs: 400 },
      { step: 100, testAcc: 0.97, testLoss: 0.1, trainingMs: 810 },
      { step: 150, testAcc: 0.96, testLoss: 0.12, trainingMs: 1200 },
      { step: 200, testAcc: 0.98, testLoss: 0.08, trainingMs: 1600 },
    ];
    expect(stepsToTarget(evals, 0.97)).toEqual({ step: 100, trainingMs: 810 });
    expect(stepsToTarget(evals, 0.975)).toEqual({ step: 200, trainingMs: 1600 });
    expect(stepsToTarget(evals, 0.99)).toBeUndefined();
    expect(stepsToTarget([], 0.5)).toBeUndefined();
  });

  it('checks the job at the worker boundary, and the lab model has the stated size', () => {
    const job = {
      model: RACE_MODEL,
      dataset: { kind: 'manifest', name: 'mnist', manifestUrl: 'http://x/data/manifest.json' },
      racers: [racer('momentum'), racer('adamw')],
      batchSize: 64,
      epochs: 1,
      seed: 1,
      testSize: 100,
      evaluateEvery: 10,
      target: 0.97,
    };
    expect(parseOptimRaceJob(job).racers).toEqual(job.racers);
    expect(() => parseOptimRaceJob({ ...job, racers: [] })).toThrow(/racers/);
    expect(() => parseOptimRaceJob({ ...job, racers: [{ kind: 'momentum', learningRate: 0.1 }] })).toThrow(/momentum/);
    expect(() => parseOptimRaceJob({ ...job, racers: [{ ...racer('sgd'), learningRate: 2 }] })).toThrow(/learningRate/);
    expect(() => parseOptimRaceJob({ ...job, target: 1.5 })).toThrow(/target/);
    expect(countParams(RACE_MODEL)).toBe(784 * 128 + 128 + 128 * 10 + 10);
  });
});
