/**
 * How far back a gradient reaches, in a plain RNN (4.23)–(4.25) and in an LSTM (4.27)–(4.28):
 * the "vanishing and exploding gradients" explorable, and the reference its tests check against
 * finite differences. No training and no TensorFlow.js: one random sequence and random weights,
 * then exact Jacobians in plain float64 arithmetic.
 *
 * Set-up (all drawn from one seeded PRNG, weights first and inputs last, so a longer sequence only
 * appends inputs): inputs x_t ~ N(0, 1)^D; input kernels N(0, 1/D) (the 1/√D keeps W x_t of unit
 * size); recurrent matrices = SCALE × a random orthogonal matrix (Keras's default `orthogonal`
 * recurrent initialiser, scaled), so σ_max(W_hh) = SCALE exactly and the bound (4.25) reads
 * (γ·SCALE)^{T−t}; biases 0 except the LSTM's forget-gate bias b_f (Keras: 1).
 *
 * Norms are spectral norms (largest singular value, by power iteration), the norm of (4.25).
 * Matrices are row-major Float64Arrays.
 */
import { mulberry32 } from '../random';
import {
  apply,
  block,
  gaussian,
  gaussianMatrix,
  genericVector,
  identity,
  matrix,
  multiply,
  orthogonal,
  spectralNorm,
  type Matrix,
} from './matrix';

export interface GradientFlowConfig {
  /** sequence length T */
  length: number;
  /** input size D */
  inputSize: number;
  /** hidden size H */
  hidden: number;
  /** multiplies every recurrent matrix (W_hh; U_i, U_f, U_c, U_o); its spectral norm */
  scale: number;
  /** the LSTM's forget-gate bias b_f (every unit) */
  forgetBias: number;
  seed: number;
}

export const DEFAULT_CONFIG: GradientFlowConfig = {
  length: 40,
  inputSize: 4,
  hidden: 16,
  scale: 1,
  forgetBias: 1,
  seed: 1,
};

export interface RnnParams {
  /** H×D */
  wxh: Matrix;
  /** H×H */
  whh: Matrix;
}

export interface LstmParams {
  /** input kernels, H×D each */
  wi: Matrix;
  wf: Matrix;
  wc: Matrix;
  wo: Matrix;
  /** recurrent kernels, H×H each */
  ui: Matrix;
  uf: Matrix;
  uc: Matrix;
  uo: Matrix;
  /** the forget-gate bias (the other biases are 0) */
  bf: number;
}

export interface Problem {
  config: GradientFlowConfig;
  /** x_1 … x_T, each of length D (xs[k − 1] = x_k) */
  xs: Float64Array[];
  rnn: RnnParams;
  lstm: LstmParams;
}

/** Draws the weights and the input sequence for a configuration. */
export function makeProblem(config: GradientFlowConfig): Problem {
  const { hidden: H, inputSize: D, length: T, scale } = config;
  const normal = gaussian(mulberry32(config.seed));
  const inStd = 1 / Math.sqrt(D);
  const rnn: RnnParams = { wxh: gaussianMatrix(H, D, inStd, normal), whh: orthogonal(H, scale, normal) };
  const lstm: LstmParams = {
    wi: gaussianMatrix(H, D, inStd, normal),
    wf: gaussianMatrix(H, D, inStd, normal),
    wc: gaussianMatrix(H, D, inStd, normal),
    wo: gaussianMatrix(H, D, inStd, normal),
    ui: orthogonal(H, scale, normal),
    uf: orthogonal(H, scale, normal),
    uc: orthogonal(H, scale, normal),
    uo: orthogonal(H, scale, normal),
    bf: config.forgetBias,
  };
  const xs = Array.from({ length: T }, () => new Float64Array(D).map(() => normal()));
  return { config, xs, rnn, lstm };
}

const sigmoid = (a: number) => 1 / (1 + Math.exp(-a));

/* ------------------------------------------------------------------ RNN */

/** One step of (4.6) without bias: h_k = tanh(W_xh x_k + W_hh h_{k−1}). */
export function rnnCell(p: RnnParams, x: Float64Array, hPrev: Float64Array): Float64Array {
  const a = apply(p.wxh, x);
  const r = apply(p.whh, hPrev);
  return a.map((v, i) => Math.tanh(v + r[i]!));
}

/** Runs steps from+1 … T starting from the state h_from; returns h_from, …, h_T. */
export function rnnRollout(problem: Problem, from: number, h: Float64Array): Float64Array[] {
  const states = [h];
  for (let k = from + 1; k <= problem.xs.length; k++)
    states.push(rnnCell(problem.rnn, problem.xs[k - 1]!, states.at(-1)!));
  return states;
}

/** h_0 = 0, h_1, …, h_T */
export function rnnForward(problem: Problem): Float64Array[] {
  return rnnRollout(problem, 0, new Float64Array(problem.config.hidden));
}

/** (4.23): ∂h_k/∂h_{k−1} = diag(1 − h_k ⊙ h_k) W_hh. */
export function rnnJacobian(p: RnnParams, hk: Float64Array): Matrix {
  const H = hk.length;
  const J = matrix(H, H);
  for (let i = 0; i < H; i++) {
    const d = 1 - hk[i]! * hk[i]!;
    for (let j = 0; j < H; j++) J.data[i * H + j] = d * p.whh.data[i * H + j]!;
  }
  return J;
}

/**
 * (4.24): ∂h_T/∂h_t for every t = 0 … T, as products J_T ⋯ J_{t+1} built from the right end
 * (products[T] is the identity).
 */
export function rnnJacobianProducts(problem: Problem, states = rnnForward(problem)): Matrix[] {
  const T = problem.xs.length;
  const products: Matrix[] = new Array<Matrix>(T + 1);
  products[T] = identity(problem.config.hidden);
  for (let t = T - 1; t >= 0; t--) products[t] = multiply(products[t + 1]!, rnnJacobian(problem.rnn, states[t + 1]!));
  return products;
}

/* ----------------------------------------------------------------- LSTM */

/** What one LSTM step computes, kept for its Jacobian. All vectors have length H. */
export interface LstmStep {
  i: Float64Array;
  f: Float64Array;
  /** the candidate c̃ */
  g: Float64Array;
  o: Float64Array;
  cPrev: Float64Array;
  c: Float64Array;
  h: Float64Array;
}

/** One step of (4.8)–(4.11); biases 0 except b_f. */
export function lstmCell(p: LstmParams, x: Float64Array, hPrev: Float64Array, cPrev: Float64Array): LstmStep {
  const pre = (w: Matrix, u: Matrix, b: number) => {
    const a = apply(w, x);
    const r = apply(u, hPrev);
    return a.map((v, k) => v + r[k]! + b);
  };
  const i = pre(p.wi, p.ui, 0).map(sigmoid);
  const f = pre(p.wf, p.uf, p.bf).map(sigmoid);
  const g = pre(p.wc, p.uc, 0).map(Math.tanh);
  const o = pre(p.wo, p.uo, 0).map(sigmoid);
  const c = f.map((fk, k) => fk * cPrev[k]! + i[k]! * g[k]!);
  const h = o.map((ok, k) => ok * Math.tanh(c[k]!));
  return { i, f, g, o, cPrev, c, h };
}

/** Runs steps from+1 … T from (h_from, c_from); returns the steps in order (may be empty). */
export function lstmRollout(problem: Problem, from: number, h: Float64Array, c: Float64Array): LstmStep[] {
  const steps: LstmStep[] = [];
  for (let k = from + 1; k <= problem.xs.length; k++) {
    const step = lstmCell(problem.lstm, problem.xs[k - 1]!, h, c);
    steps.push(step);
    h = step.h;
    c = step.c;
  }
  return steps;
}

/** Steps 1 … T from h_0 = c_0 = 0. */
export function lstmForward(problem: Problem): LstmStep[] {
  const H = problem.config.hidden;
  return lstmRollout(problem, 0, new Float64Array(H), new Float64Array(H));
}

/**
 * The full 2H×2H Jacobian of the state (h_k, c_k) with respect to (h_{k−1}, c_{k−1}), rows and
 * columns ordered h then c:
 *   ∂c_k/∂c_{k−1} = diag(f_k)                                   (the direct path, 4.27)
 *   ∂c_k/∂h_{k−1} = diag(c_{k−1}⊙f(1−f)) U_f + diag(c̃⊙i(1−i)) U_i + diag(i⊙(1−c̃²)) U_c
 *   ∂h_k/∂c_{k−1} = diag(o⊙(1−tanh²c_k)) diag(f_k)
 *   ∂h_k/∂h_{k−1} = diag(tanh(c_k)⊙o(1−o)) U_o + diag(o⊙(1−tanh²c_k)) ∂c_k/∂h_{k−1}
 */
export function lstmJacobian(p: LstmParams, s: LstmStep): Matrix {
  const H = s.h.length;
  const N = 2 * H;
  const J = matrix(N, N);
  const d = J.data;
  for (let r = 0; r < H; r++) {
    const f = s.f[r]!;
    const i = s.i[r]!;
    const g = s.g[r]!;
    const o = s.o[r]!;
    const tc = Math.tanh(s.c[r]!);
    const dF = s.cPrev[r]! * f * (1 - f);
    const dI = g * i * (1 - i);
    const dG = i * (1 - g * g);
    const dO = tc * o * (1 - o);
    const through = o * (1 - tc * tc); // ∂h_k/∂c_k
    for (let col = 0; col < H; col++) {
      const at = r * H + col;
      const dcdh = dF * p.uf.data[at]! + dI * p.ui.data[at]! + dG * p.uc.data[at]!;
      d[(H + r) * N + col] = dcdh; // ∂c/∂h
      d[r * N + col] = dO * p.uo.data[at]! + through * dcdh; // ∂h/∂h
    }
    d[(H + r) * N + H + r] = f; // ∂c/∂c
    d[r * N + H + r] = through * f; // ∂h/∂c
  }
  return J;
}

/** ∂(h_T, c_T)/∂(h_t, c_t) for every t = 0 … T (products[T] is the identity). */
export function lstmJacobianProducts(problem: Problem, steps = lstmForward(problem)): Matrix[] {
  const T = problem.xs.length;
  const products: Matrix[] = new Array<Matrix>(T + 1);
  products[T] = identity(2 * problem.config.hidden);
  for (let t = T - 1; t >= 0; t--)
    products[t] = multiplyStateJacobian(products[t + 1]!, lstmJacobian(problem.lstm, steps[t]!));
  return products;
}

/**
 * P · J for an LSTM state Jacobian J (2H×2H), using its shape: the columns for c_{k−1} have one
 * non-zero in each half (∂h/∂c and ∂c/∂c are diagonal), so only the columns for h_{k−1} need a
 * full product. Equal to multiply(P, J), in half the time.
 */
function multiplyStateJacobian(p: Matrix, j: Matrix): Matrix {
  const N = j.rows;
  const H = N / 2;
  const out = matrix(p.rows, N);
  const P = p.data;
  const J = j.data;
  const C = out.data;
  for (let r = 0; r < p.rows; r++) {
    const row = r * N;
    for (let k = 0; k < N; k++) {
      const pk = P[row + k]!;
      if (pk === 0) continue;
      const jRow = k * N;
      for (let c = 0; c < H; c++) C[row + c]! += pk * J[jRow + c]!;
    }
    for (let c = 0; c < H; c++)
      C[row + H + c] = P[row + c]! * J[c * N + H + c]! + P[row + H + c]! * J[(H + c) * N + H + c]!;
  }
  return out;
}

/* --------------------------------------------------------------- summary */

export interface GradientFlowResult {
  /** for index d = 0 … T: the distance T − t */
  distance: number[];
  /** ‖∂h_T/∂h_t‖ of the RNN, by distance */
  rnn: number[];
  /** ‖∂h_T/∂h_t‖ of the LSTM (through the cell and the gates), by distance */
  lstmH: number[];
  /** ‖∂c_T/∂c_t‖ of the LSTM, by distance */
  lstmC: number[];
  /** the bound (4.25), (γ·σ_max(W_hh))^d, with γ the largest tanh derivative met in the RNN */
  bound: number[];
  /** γ = max_k max_i (1 − h_{k,i}²) over the RNN's steps */
  gamma: number;
}

/** Everything the explorable plots, for one configuration. */
export function gradientFlow(config: GradientFlowConfig): GradientFlowResult {
  const problem = makeProblem(config);
  const T = config.length;
  const H = config.hidden;
  const states = rnnForward(problem);
  let gamma = 0;
  for (const h of states.slice(1)) for (const v of h) gamma = Math.max(gamma, 1 - v * v);
  const rnnProducts = rnnJacobianProducts(problem, states);
  const lstmProducts = lstmJacobianProducts(problem);
  const distance = Array.from({ length: T + 1 }, (_, d) => d);
  // one warm start per curve, carried from distance d to d + 1
  const norms = (pick: (d: number) => Matrix) => {
    const warm = genericVector(H);
    return distance.map((d) => spectralNorm(pick(d), warm));
  };
  return {
    distance,
    rnn: norms((d) => rnnProducts[T - d]!),
    lstmH: norms((d) => block(lstmProducts[T - d]!, 0, 0, H, H)),
    lstmC: norms((d) => block(lstmProducts[T - d]!, H, H, H, H)),
    bound: distance.map((d) => (gamma * config.scale) ** d),
    gamma,
  };
}
