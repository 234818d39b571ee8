import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { cpuSession } from './session-harness';
import { TR_ATTENTION, TR_TEST, TR_TRAIN, type TransformerRaceJob } from '../tasks/transformer-race/job';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const JOB: TransformerRaceJob = {
  task: 'reverse',
  length: 4,
  budgetSeconds: 1,
  batchSize: 8,
  learningRate: 0.01,
  seed: 3,
  testSize: 20,
  evaluateEvery: 5,
};

describe('the transformer-race task', () => {
  it('races both models for the same training time, tests them, shows the attention and frees every tensor', async () => {
    const harness = cpuSession();
    const baseline = tf.memory().numTensors;
    await harness.session.handle({ type: 'start', runId: 1, task: 'transformer-race', job: JOB });
    expect(harness.states().at(-1)).toBe('done');
    const snapshots = (kind: string) => harness.of('snapshot').filter((m) => m.kind === kind);
    const tests = snapshots(TR_TEST).map((m) => Array.from(m.data));
    for (const model of [0, 1]) {
      const own = tests.filter((row) => row[0] === model);
      const last = own.at(-1)!;
      // its own training time reached the budget, and its last test is at its last step
      expect(last[4]).toBeGreaterThanOrEqual(1000);
      const steps = snapshots(TR_TRAIN).filter((m) => Number.isFinite(m.data[model * 3])).length;
      expect(last[1]).toBe(steps);
      for (const row of own) {
        expect(row[2]).toBeGreaterThanOrEqual(0);
        expect(row[2]).toBeLessThanOrEqual(1);
        expect(row[3]).toBeLessThanOrEqual(row[2]!);
      }
      expect(own.slice(0, -1).every((row) => row[1]! % 5 === 0)).toBe(true);
    }
    const [map] = snapshots(TR_ATTENTION);
    expect(map!.shape).toEqual([6, 4]);
    for (let q = 0; q < 4; q++) {
      const row = map!.data.slice(8 + q * 4, 12 + q * 4);
      expect(row.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 4);
    }
    await harness.session.handle({ type: 'reset' });
    expect(tf.memory().numTensors).toBe(baseline);
  }, 60_000);
});
