import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  accuracies,
  lstmParams,
  parseTransformerRaceJob,
  RACE_DEFAULTS,
  targetOf,
  testSet,
  trainingStream,
  transformerParams,
  VOCAB,
} from './job';
import { buildLstm, buildTransformer, countWeights, oneHot, predict, raceStep, transformerForward } from './models';

beforeAll(async () => {
  await tf.setBackend('cpu');
  await tf.ready();
});

describe('the Transformer race: data', () => {
  it('reverses or sorts a sequence', () => {
    expect(Array.from(targetOf('reverse', [3, 1, 2]))).toEqual([2, 1, 3]);
    expect(Array.from(targetOf('sort', [3, 1, 2, 1]))).toEqual([1, 1, 2, 3]);
  });

  it('holds the test sequences out of the training stream, both determined by the seed', () => {
    const length = 2; // only 100 sequences exist: the stream must avoid the 60 held out
    const test = testSet('reverse', length, 60, 3);
    const keys = new Set<string>();
    for (let i = 0; i < test.n; i++) keys.add(test.inputs.slice(i * length, (i + 1) * length).join(','));
    expect(keys.size).toBe(60);
    const next = trainingStream('reverse', length, 3, test);
    const batch = next(200);
    for (let i = 0; i < batch.n; i++) {
      const x = batch.inputs.slice(i * length, (i + 1) * length);
      expect(keys.has(x.join(','))).toBe(false);
      expect(Array.from(batch.targets.slice(i * length, (i + 1) * length))).toEqual(Array.from(x).reverse());
    }
    expect(Array.from(trainingStream('reverse', length, 3, test)(200).inputs)).toEqual(Array.from(batch.inputs));
    expect(Array.from(testSet('reverse', length, 60, 4).inputs)).not.toEqual(Array.from(test.inputs));
  });

  it('counts token and whole-sequence accuracy', () => {
    const targets = Int32Array.from([1, 2, 3, 4]);
    expect(accuracies([1, 2, 3, 0], targets, 2, 2)).toEqual({ tokenAcc: 0.75, sequenceAcc: 0.5 });
  });

  it('refuses a job out of bounds', () => {
    const job = { ...RACE_DEFAULTS };
    expect(parseTransformerRaceJob(job)).toEqual(job);
    expect(() => parseTransformerRaceJob({ ...job, length: 3 })).toThrow(/length/);
    expect(() => parseTransformerRaceJob({ ...job, budgetSeconds: 0 })).toThrow(/budgetSeconds/);
    expect(() => parseTransformerRaceJob({ ...job, learningRate: Number.NaN })).toThrow(/learningRate/);
    expect(() => parseTransformerRaceJob({ ...job, task: 'copy' })).toThrow(/task/);
  });
});

describe('the Transformer race: models', () => {
  it('builds models whose weights match the parameter formulas, of similar size, and frees them', () => {
    const before = tf.memory().numTensors;
    for (const length of [4, 16, 24]) {
      const transformer = buildTransformer(length, 1, 0.01);
      const lstm = buildLstm(length, 1, 0.01);
      expect(countWeights(transformer)).toBe(transformerParams(length));
      expect(countWeights(lstm)).toBe(lstmParams());
      expect(Math.abs(transformerParams(length) / lstmParams() - 1)).toBeLessThan(0.1);
      transformer.dispose();
      lstm.dispose();
    }
    expect(tf.memory().numTensors).toBe(before);
  });

  it('gives attention rows that sum to 1 and logits of the right shape', () => {
    const t = buildTransformer(5, 2, 0.01);
    const x = oneHot(
      Int32Array.from({ length: 15 }, (_, i) => i % VOCAB),
      3,
      5,
    );
    const { logits, attention } = tf.tidy(() => transformerForward(t.weights, x));
    expect(logits.shape).toEqual([3, 5, VOCAB]);
    expect(attention.shape).toEqual([3, 5, 5]);
    for (const sum of attention.sum(-1).dataSync()) expect(sum).toBeCloseTo(1, 5);
    tf.dispose([x, logits, attention]);
    t.dispose();
  });

  for (const build of [buildTransformer, buildLstm]) {
    it(`${build.name}: the loss falls in a few steps on one batch, every weight moves, no tensor leaks`, async () => {
      const length = 6;
      const racer = build(length, 3, 0.01);
      const test = testSet('reverse', length, 1, 3);
      const batch = trainingStream('reverse', length, 3, test)(16);
      const xs = oneHot(batch.inputs, 16, length);
      const ys = oneHot(batch.targets, 16, length);
      const before = racer.variables.map((v) => v.dataSync().slice());
      await raceStep(racer, xs, ys); // burn-in: the optimizer makes its slots
      const baseline = tf.memory().numTensors;
      const first = (await raceStep(racer, xs, ys)).loss;
      let last = first;
      for (let i = 0; i < 8; i++) last = (await raceStep(racer, xs, ys)).loss;
      expect(tf.memory().numTensors).toBe(baseline);
      expect(last).toBeLessThan(first * 0.9);
      expect(racer.steps).toBe(10);
      racer.variables.forEach((v, i) => expect(v.dataSync(), v.name).not.toEqual(before[i]));
      const ids = await predict(racer, xs);
      expect(ids.length).toBe(16 * length);
      expect(tf.memory().numTensors).toBe(baseline);
      tf.dispose([xs, ys]);
      racer.dispose();
    });
  }
});
