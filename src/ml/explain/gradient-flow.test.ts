import { describe, expect, it } from 'vitest';
import {
  DEFAULT_CONFIG,
  gradientFlow,
  lstmForward,
  lstmJacobianProducts,
  lstmRollout,
  makeProblem,
  rnnForward,
  rnnJacobianProducts,
  rnnRollout,
  type GradientFlowConfig,
} from './gradient-flow';
import { matrix, multiply, spectralNorm, type Matrix } from './matrix';

/** a small set-up, so that every Jacobian entry can be checked numerically */
const SMALL: GradientFlowConfig = { length: 7, inputSize: 3, hidden: 5, scale: 1.3, forgetBias: 0.5, seed: 7 };
const EPS = 1e-6;

/** Central differences: column j is (F(s + ε e_j) − F(s − ε e_j)) / 2ε. */
function numericJacobian(f: (s: Float64Array) => Float64Array, at: Float64Array): Matrix {
  const n = f(at).length;
  const J = matrix(n, at.length);
  for (let j = 0; j < at.length; j++) {
    const plus = at.slice();
    const minus = at.slice();
    plus[j]! += EPS;
    minus[j]! -= EPS;
    const fp = f(plus);
    const fm = f(minus);
    for (let i = 0; i < n; i++) J.data[i * at.length + j] = (fp[i]! - fm[i]!) / (2 * EPS);
  }
  return J;
}

/** every entry within 1e-4 of the analytic one, relative to the matrix's largest entry */
function expectClose(analytic: Matrix, numeric: Matrix) {
  expect([analytic.rows, analytic.cols]).toEqual([numeric.rows, numeric.cols]);
  const scale = Math.max(...analytic.data.map(Math.abs), 1e-12);
  const worst = Math.max(...analytic.data.map((a, k) => Math.abs(a - numeric.data[k]!)));
  expect(worst / scale).toBeLessThan(1e-4);
}

describe('spectralNorm', () => {
  it('is the largest singular value', () => {
    expect(spectralNorm(matrix(3, 3, [3, 0, 0, 0, -5, 0, 0, 0, 1]))).toBeCloseTo(5, 8);
    // [[1, 1], [0, 1]] has singular values φ and 1/φ
    expect(spectralNorm(matrix(2, 2, [1, 1, 0, 1]))).toBeCloseTo((1 + Math.sqrt(5)) / 2, 8);
    // a rank-one matrix u vᵀ has norm |u|·|v|
    expect(spectralNorm(matrix(2, 3, [1, 2, 2, 2, 4, 4]))).toBeCloseTo(Math.sqrt(5) * 3, 8);
    expect(spectralNorm(matrix(2, 2))).toBe(0);
  });

  it('survives very small and very large matrices', () => {
    expect(spectralNorm(matrix(2, 2, [3e-200, 0, 0, 4e-200]))).toBeCloseTo(4e-200, 208);
    expect(spectralNorm(matrix(2, 2, [3e200, 0, 0, 4e200])) / 4e200).toBeCloseTo(1, 8);
  });
});

describe('makeProblem', () => {
  it('is seeded, and a longer sequence only appends inputs', () => {
    const a = makeProblem({ ...SMALL, length: 4 });
    const b = makeProblem({ ...SMALL, length: 9 });
    expect(b.xs.slice(0, 4)).toEqual(a.xs);
    expect(b.rnn.whh.data).toEqual(a.rnn.whh.data);
    expect(makeProblem({ ...SMALL, seed: 8 }).rnn.whh.data).not.toEqual(a.rnn.whh.data);
  });

  it('scales an orthogonal recurrent matrix, so σ_max(W_hh) is the scale', () => {
    const { whh } = makeProblem({ ...SMALL, scale: 0.7 }).rnn;
    const wtw = multiply(matrix(whh.cols, whh.rows, transpose(whh)), whh);
    // WᵀW = 0.49 I
    for (let i = 0; i < whh.rows; i++)
      for (let j = 0; j < whh.cols; j++) expect(wtw.data[i * whh.cols + j]).toBeCloseTo(i === j ? 0.49 : 0, 12);
    expect(spectralNorm(whh)).toBeCloseTo(0.7, 8);
  });
});

function transpose(a: Matrix): Float64Array {
  const out = new Float64Array(a.rows * a.cols);
  for (let i = 0; i < a.rows; i++) for (let j = 0; j < a.cols; j++) out[j * a.rows + i] = a.data[i * a.cols + j]!;
  return out;
}

describe('RNN Jacobians (4.23)–(4.24)', () => {
  const problem = makeProblem(SMALL);
  const states = rnnForward(problem);
  const products = rnnJacobianProducts(problem, states);

  it('∂h_T/∂h_t matches central differences for every t', () => {
    for (let t = 0; t < SMALL.length; t++) {
      const numeric = numericJacobian((h) => rnnRollout(problem, t, h).at(-1)!, states[t]!);
      expectClose(products[t]!, numeric);
    }
  });

  it('is the identity at t = T', () => {
    expect(spectralNorm(products[SMALL.length]!)).toBeCloseTo(1, 10);
  });

  it('falls at least geometrically when the recurrent scale is small', () => {
    const scale = 0.25;
    const result = gradientFlow({ ...DEFAULT_CONFIG, scale });
    // (4.25) with σ_max(W_hh) = 0.25 and γ ≤ 1: each step back multiplies the norm by at most 0.25
    for (let d = 1; d < result.rnn.length; d++) {
      expect(result.rnn[d]!).toBeLessThanOrEqual(result.rnn[d - 1]! * scale * (1 + 1e-6));
      expect(result.rnn[d]!).toBeLessThanOrEqual(result.bound[d]! * (1 + 1e-6));
    }
    expect(result.rnn[40]!).toBeLessThan(1e-20);
    expect(result.rnn[40]!).toBeGreaterThan(0);
  });
});

describe('LSTM state Jacobians', () => {
  const problem = makeProblem(SMALL);
  const steps = lstmForward(problem);
  const products = lstmJacobianProducts(problem, steps);
  const H = SMALL.hidden;
  const stateAt = (t: number) => {
    const s = new Float64Array(2 * H);
    if (t > 0) {
      s.set(steps[t - 1]!.h, 0);
      s.set(steps[t - 1]!.c, H);
    }
    return s;
  };
  const rollout = (t: number) => (s: Float64Array) => {
    const last = lstmRollout(problem, t, s.slice(0, H), s.slice(H)).at(-1)!;
    const out = new Float64Array(2 * H);
    out.set(last.h, 0);
    out.set(last.c, H);
    return out;
  };

  it('one step: every block of ∂(h_k, c_k)/∂(h_{k−1}, c_{k−1}) matches central differences', () => {
    // t = T − 1 is a single step, so this checks the four block formulas on their own
    const t = SMALL.length - 1;
    expectClose(products[t]!, numericJacobian(rollout(t), stateAt(t)));
  });

  it('the product over many steps matches central differences for every t', () => {
    for (let t = 0; t < SMALL.length - 1; t++) expectClose(products[t]!, numericJacobian(rollout(t), stateAt(t)));
  });

  it('keeps ∂c_T/∂c_t near 1 when the forget gates are open', () => {
    // b_f = 4: f ≈ σ(4) ≈ 0.98, and with a small recurrent scale the paths through h_{k−1} are weak
    const open = gradientFlow({ ...DEFAULT_CONFIG, scale: 0.25, forgetBias: 4 });
    for (const value of open.lstmC) {
      expect(value).toBeGreaterThan(0.9);
      expect(value).toBeLessThan(1.3);
    }
    // closed forget gates (b_f = −2, f ≈ 0.12) forget the gradient as fast as the RNN does
    const closed = gradientFlow({ ...DEFAULT_CONFIG, scale: 0.25, forgetBias: -2 });
    expect(closed.lstmC[40]!).toBeLessThan(1e-20);
  });

  it('carries ∂h_T/∂h_t much further than the RNN with the default scale and an open forget gate', () => {
    const result = gradientFlow({ ...DEFAULT_CONFIG, forgetBias: 4 });
    expect(result.lstmH[40]! / result.rnn[40]!).toBeGreaterThan(1e3);
  });
});

describe('gradientFlow', () => {
  it('gives T + 1 distances, starting from the identity', () => {
    const result = gradientFlow({ ...DEFAULT_CONFIG, length: 12 });
    expect(result.distance).toEqual(Array.from({ length: 13 }, (_, d) => d));
    for (const series of [result.rnn, result.lstmH, result.lstmC, result.bound]) {
      expect(series).toHaveLength(13);
      expect(series[0]).toBeCloseTo(1, 10);
    }
    expect(result.gamma).toBeGreaterThan(0);
    expect(result.gamma).toBeLessThanOrEqual(1);
  });

  it('takes well under 100 ms for T = 100, H = 16', () => {
    gradientFlow({ ...DEFAULT_CONFIG, length: 100 }); // warm up the JIT
    const started = performance.now();
    gradientFlow({ ...DEFAULT_CONFIG, length: 100, scale: 2.5 });
    // generous for a loaded CI machine; about 20 ms on one core of a 2-core laptop-class VM
    expect(performance.now() - started).toBeLessThan(250);
  });
});
