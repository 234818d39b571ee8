import { describe, expect, it } from 'vitest';
import { addGanStats } from './gan-points';

const rows = (...r: number[][]) => Float32Array.from(r.flat());

describe('the GAN curves', () => {
  it('average the steps of one iteration, one point per iteration', () => {
    // a 1:2 schedule: a D step, then two G steps, for iterations 0 and 1
    const points = addGanStats(
      [],
      rows([0, 1.4, NaN, 0.6, 0.4], [0, NaN, 0.8, NaN, 0.3], [0, NaN, 0.6, NaN, 0.5], [1, 1.2, NaN, 0.55, 0.45]),
    );
    expect(points).toEqual([
      {
        iteration: 0,
        dLoss: expect.closeTo(1.4, 5),
        gLoss: expect.closeTo(0.7, 5),
        dReal: expect.closeTo(0.6, 5),
        dFake: expect.closeTo(0.4, 5),
      },
      {
        iteration: 1,
        dLoss: expect.closeTo(1.2, 5),
        gLoss: NaN,
        dReal: expect.closeTo(0.55, 5),
        dFake: expect.closeTo(0.45, 5),
      },
    ]);
  });

  it('merge a lone step into the point of its iteration (step mode)', () => {
    const afterD = addGanStats([], rows([3, 1.3, NaN, 0.5, 0.5]));
    const afterG = addGanStats(afterD, rows([3, NaN, 0.7, NaN, 0.45]));
    expect(afterG).toHaveLength(1);
    expect(afterG[0]).toMatchObject({ iteration: 3, dLoss: expect.closeTo(1.3, 5), gLoss: expect.closeTo(0.7, 5) });
    expect(afterG[0]!.dFake).toBeCloseTo(0.45, 5);
    expect(afterD[0]!.gLoss).toBeNaN(); // the earlier array is not changed
  });

  it('thin a long curve, keeping the last point', () => {
    const many = rows(...Array.from({ length: 9 }, (_, i) => [i, 1, 1, 0.5, 0.5]));
    const points = addGanStats([], many, 8);
    expect(points.map((p) => p.iteration)).toEqual([0, 2, 4, 6, 8]);
  });
});
