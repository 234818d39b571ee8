import { describe, expect, it } from 'vitest';
import { parseInput, rnnStep, rnnSteps, type RnnWeights } from './rnn-step';

describe('rnnStep', () => {
  it('is tanh(w x + b) per unit when W_hh = 0', () => {
    const weights: RnnWeights = {
      wxh: [0.3, -2],
      whh: [
        [0, 0],
        [0, 0],
      ],
      b: [-0.1, 0.4],
    };
    const step = rnnStep(weights, [0.7, -0.9], 2, 5);
    expect(step.t).toBe(5);
    expect(step.input).toEqual([0.6, -4]);
    expect(step.recurrent).toEqual([
      [0, -0],
      [0, -0],
    ]);
    expect(step.pre[0]).toBeCloseTo(0.5, 12);
    expect(step.h[0]).toBeCloseTo(Math.tanh(0.3 * 2 - 0.1), 12);
    expect(step.h[1]).toBeCloseTo(Math.tanh(-2 * 2 + 0.4), 12);
  });

  it('keeps every product term of W_hh h_{t−1} separately', () => {
    const step = rnnStep(
      {
        wxh: [1, 1],
        whh: [
          [2, 3],
          [-1, 0.5],
        ],
        b: [0, 0],
      },
      [0.1, 0.2],
      0,
      1,
    );
    // row 0: 2·0.1 and 3·0.2; row 1: −1·0.1 and 0.5·0.2
    expect(step.recurrent[0]![0]).toBeCloseTo(0.2, 12);
    expect(step.recurrent[0]![1]).toBeCloseTo(0.6, 12);
    expect(step.recurrent[1]![0]).toBeCloseTo(-0.1, 12);
    expect(step.recurrent[1]![1]).toBeCloseTo(0.1, 12);
    expect(step.pre[0]).toBeCloseTo(0.8, 12);
    expect(step.pre[1]).toBeCloseTo(0, 12);
  });
});

describe('rnnSteps', () => {
  it('matches a two-step example worked by hand', () => {
    // W_xh = (1, 2), W_hh = [[0.5, −1], [0, 1]], b = (0, 0.5), x = (0.5, 1), h_0 = 0.
    // Step 1: a_1 = (1·0.5, 2·0.5 + 0.5) = (0.5, 1.5); h_1 = (tanh 0.5, tanh 1.5) = (0.462117, 0.905148).
    // Step 2: a_2[0] = 1·1 + 0.5·0.462117 + (−1)·0.905148 + 0 = 0.325910 → h_2[0] = tanh 0.325910 = 0.314841
    //         a_2[1] = 2·1 + 0·0.462117 + 1·0.905148 + 0.5 = 3.405148 → h_2[1] = tanh 3.405148 = 0.997798
    const steps = rnnSteps(
      {
        wxh: [1, 2],
        whh: [
          [0.5, -1],
          [0, 1],
        ],
        b: [0, 0.5],
      },
      [0.5, 1],
    );
    expect(steps).toHaveLength(2);
    const [first, second] = steps as [(typeof steps)[0], (typeof steps)[0]];
    expect(first.hPrev).toEqual([0, 0]);
    expect(first.pre).toEqual([0.5, 1.5]);
    expect(first.h[0]).toBeCloseTo(0.462117, 6);
    expect(first.h[1]).toBeCloseTo(0.905148, 6);
    expect(second.t).toBe(2);
    expect(second.hPrev).toEqual(first.h);
    expect(second.input).toEqual([1, 2]);
    expect(second.recurrent[0]![0]).toBeCloseTo(0.231059, 6);
    expect(second.recurrent[0]![1]).toBeCloseTo(-0.905148, 6);
    expect(second.pre[0]).toBeCloseTo(0.32591, 5);
    expect(second.pre[1]).toBeCloseTo(3.405148, 6);
    expect(second.h[0]).toBeCloseTo(0.314841, 6);
    expect(second.h[1]).toBeCloseTo(0.997798, 6);
  });

  it('gives an empty list for an empty sequence', () => {
    expect(
      rnnSteps(
        {
          wxh: [1, 1],
          whh: [
            [0, 0],
            [0, 0],
          ],
          b: [0, 0],
        },
        [],
      ),
    ).toEqual([]);
  });
});

describe('parseInput', () => {
  it('accepts numbers, including a typographic minus', () => {
    expect(parseInput(' 0.5 ')).toEqual({ ok: true, value: 0.5 });
    expect(parseInput('\u22121')).toEqual({ ok: true, value: -1 });
    expect(parseInput('1e-1')).toEqual({ ok: true, value: 0.1 });
  });

  it('refuses empty, non-numbers and huge values', () => {
    expect(parseInput('  ')).toEqual({ ok: false, code: 'empty' });
    expect(parseInput('abc')).toEqual({ ok: false, code: 'not-a-number' });
    expect(parseInput('NaN')).toEqual({ ok: false, code: 'not-a-number' });
    expect(parseInput('Infinity')).toEqual({ ok: false, code: 'not-a-number' });
    expect(parseInput('1e9')).toEqual({ ok: false, code: 'too-large' });
    expect(parseInput('-11')).toEqual({ ok: false, code: 'too-large' });
  });
});
