import { describe, expect, it } from 'vitest';
import { emptyCurves, MAX_POINTS, testPoints, trainPoints, WINDOW } from './race-curves';

describe('the optimizer race on the page', () => {
  it('smooths each loss over its last batches, keeps the time, and marks a racer that diverged', () => {
    let curves = emptyCurves(2);
    for (let k = 1; k <= WINDOW + 5; k++)
      curves = trainPoints(curves, Float32Array.from([k, 0.5, 10 * k, k >= 3 ? Number.NaN : 1, Number.NaN, 7]), 3);
    expect(curves.step).toBe(WINDOW + 5);
    // the mean of the last WINDOW losses 6 … 25
    expect(curves.loss[0]!.at(-1)).toEqual({ x: WINDOW + 5, y: (6 + 25) / 2 });
    expect(curves.loss[0]!.at(0)).toEqual({ x: 1, y: 1 });
    expect(curves.trainingMs).toEqual([10 * (WINDOW + 5), 7]);
    expect(curves.diverged).toEqual([false, true]);
    // the second racer has its points until it diverged, none after
    expect(curves.loss[1]!.map((p) => p.x)).toEqual([1, 2]);
  });

  it('keeps at most MAX_POINTS points per curve, always the latest', () => {
    let curves = emptyCurves(1);
    for (let k = 1; k <= 3 * MAX_POINTS; k++) curves = trainPoints(curves, Float32Array.from([1, 1, k]), 3);
    expect(curves.loss[0]!.length).toBeLessThanOrEqual(MAX_POINTS);
    expect(curves.loss[0]!.at(-1)!.x).toBe(3 * MAX_POINTS);
  });

  it('adds each test to its own racer, skipping a racer that was not tested', () => {
    const curves = testPoints(
      emptyCurves(2),
      Float32Array.from([50, 0.9, 0.3, 400, 50, Number.NaN, Number.NaN, 90]),
      4,
    );
    expect(curves.tests[0]).toEqual([
      { step: 50, testAcc: 0.8999999761581421, testLoss: 0.30000001192092896, trainingMs: 400 },
    ]);
    expect(curves.tests[1]).toEqual([]);
  });
});
