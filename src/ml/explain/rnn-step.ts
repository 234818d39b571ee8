/**
 * The Elman recurrence (4.6), one time step at a time and one term at a time: what the "recurrence,
 * stepped" explorable writes out, and a reference the unit tests check by hand.
 *
 *   h_t = tanh(W_xh x_t + W_hh h_{t−1} + b_h),   h_0 = 0
 *
 * The explorable uses a scalar input (D = 1) and two hidden units (H = 2), so W_xh is a column of
 * H numbers and every product in the sum can be shown on its own; the code works for any H. No
 * TensorFlow.js here: the explorable runs on the page.
 */

export interface RnnWeights {
  /** W_xh, one weight per hidden unit (D = 1): length H */
  wxh: number[];
  /** W_hh, H×H, row i = the weights into unit i */
  whh: number[][];
  /** b_h, length H */
  b: number[];
}

/** Everything inside the tanh at one step, term by term, and the result. */
export interface RnnStep {
  /** time step, 1 … T */
  t: number;
  /** the input x_t */
  x: number;
  /** h_{t−1}, length H */
  hPrev: number[];
  /** W_xh[i] · x_t, length H */
  input: number[];
  /** W_hh[i][j] · h_{t−1}[j], H×H */
  recurrent: number[][];
  /** b_h[i], length H */
  bias: number[];
  /** the pre-activation a_t[i]: the sum of the terms above, length H */
  pre: number[];
  /** h_t = tanh(a_t), length H */
  h: number[];
}

/** One step of (4.6) from the previous state, with each product term kept separately. */
export function rnnStep(weights: RnnWeights, hPrev: number[], x: number, t: number): RnnStep {
  const H = weights.b.length;
  const input = weights.wxh.map((w) => w * x);
  const recurrent = weights.whh.map((row) => row.map((w, j) => w * hPrev[j]!));
  const bias = [...weights.b];
  const pre = Array.from(
    { length: H },
    (_, i) => input[i]! + recurrent[i]!.reduce((sum, term) => sum + term, 0) + bias[i]!,
  );
  return { t, x, hPrev: [...hPrev], input, recurrent, bias, pre, h: pre.map(Math.tanh) };
}

/** The whole sequence x_1 … x_T from h_0 = 0: one entry per step. */
export function rnnSteps(weights: RnnWeights, xs: readonly number[]): RnnStep[] {
  const steps: RnnStep[] = [];
  let h = weights.b.map(() => 0);
  xs.forEach((x, k) => {
    const step = rnnStep(weights, h, x, k + 1);
    steps.push(step);
    h = step.h;
  });
  return steps;
}

/** Largest |x_t| the explorable accepts: beyond it tanh is flat and nothing can be seen. */
export const MAX_INPUT = 10;

export type InputParse = { ok: true; value: number } | { ok: false; code: 'empty' | 'not-a-number' | 'too-large' };

/** Reads one typed sequence value ("0.5", "−1", "1e-1"); the Unicode minus sign is accepted. */
export function parseInput(text: string): InputParse {
  const trimmed = text.trim().replace(/\u2212/g, '-');
  if (trimmed === '') return { ok: false, code: 'empty' };
  const value = Number(trimmed);
  if (!Number.isFinite(value)) return { ok: false, code: 'not-a-number' };
  if (Math.abs(value) > MAX_INPUT) return { ok: false, code: 'too-large' };
  return { ok: true, value };
}
