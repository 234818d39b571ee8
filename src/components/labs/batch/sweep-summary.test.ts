import { describe, expect, it } from 'vitest';
import type { SweepResult } from '../../../ml/tasks/batch-lab/job';
import { sweepExtra, sweepSummary } from './sweep-summary';

const result = (batchSize: number, steps?: number, seconds?: number): SweepResult => ({
  index: 0,
  batchSize,
  learningRate: 0.01,
  samplesPerSec: 1000,
  ...(steps === undefined ? {} : { toTarget: { steps, seconds: seconds!, examples: steps * batchSize } }),
  outcome: steps === undefined ? 'budget' : 'reached',
  steps: steps ?? 100,
  lastAcc: 0.9,
});

describe('the sweep summary', () => {
  it('names the batch size with the least time to target, not the fewest steps', () => {
    const s = sweepSummary([result(16, 800, 9), result(64, 250, 4), result(256, 120, 6)]);
    expect(s.best?.batchSize).toBe(64);
  });

  it('calls steps that fall nearly as 1/B linear, and steps that flatten past the critical batch size', () => {
    const linear = sweepSummary([result(64, 200, 2), result(16, 800, 8)]).scaling!;
    expect(linear).toMatchObject({ small: 16, large: 64, batchRatio: 4, stepRatio: 4, linear: true });
    const flat = sweepSummary([result(16, 800, 8), result(256, 400, 6)]).scaling!;
    expect(flat).toMatchObject({ batchRatio: 16, stepRatio: 2, linear: false });
  });

  it('has no best and no scaling when nothing reached the target, and no scaling from one batch size', () => {
    expect(sweepSummary([result(16), result(32)])).toEqual({});
    const one = sweepSummary([result(16, 800, 8), result(32)]);
    expect(one.best?.batchSize).toBe(16);
    expect(one.scaling).toBeUndefined();
  });

  it("gives the last run's numbers: the best batch size, and seconds and steps for each that reached the target", () => {
    expect(sweepExtra([result(16, 800, 9), result(64, 250, 4), result(256)])).toEqual({
      bestBatch: 64,
      bestSeconds: 4,
      seconds16: 9,
      steps16: 800,
      seconds64: 4,
      steps64: 250,
    });
    expect(sweepExtra([result(16), result(32)])).toEqual({});
  });
});
