/**
 * The linear algebra of the gradient-flow explorable, in plain float64: row-major matrices, their
 * products and blocks, the spectral norm (the norm of (4.25)), and the seeded random matrices the
 * explorable draws (Gaussian, and orthogonal as Keras's recurrent initialiser). No TensorFlow.js.
 */
import { mulberry32 } from '../random';

/** A row-major matrix. */
export interface Matrix {
  rows: number;
  cols: number;
  data: Float64Array;
}

export function matrix(rows: number, cols: number, data?: ArrayLike<number>): Matrix {
  const m = { rows, cols, data: new Float64Array(rows * cols) };
  if (data) m.data.set(data);
  return m;
}

export function identity(n: number): Matrix {
  const m = matrix(n, n);
  for (let i = 0; i < n; i++) m.data[i * n + i] = 1;
  return m;
}

/** a · b */
export function multiply(a: Matrix, b: Matrix): Matrix {
  if (a.cols !== b.rows) throw new Error(`cannot multiply ${a.rows}×${a.cols} by ${b.rows}×${b.cols}`);
  const out = matrix(a.rows, b.cols);
  const { data: A } = a;
  const { data: B } = b;
  const C = out.data;
  for (let i = 0; i < a.rows; i++) {
    for (let k = 0; k < a.cols; k++) {
      const aik = A[i * a.cols + k]!;
      if (aik === 0) continue;
      const bRow = k * b.cols;
      const cRow = i * b.cols;
      for (let j = 0; j < b.cols; j++) C[cRow + j]! += aik * B[bRow + j]!;
    }
  }
  return out;
}

/** A · v */
export function apply(a: Matrix, v: Float64Array): Float64Array {
  const out = new Float64Array(a.rows);
  for (let i = 0; i < a.rows; i++) {
    let s = 0;
    for (let j = 0; j < a.cols; j++) s += a.data[i * a.cols + j]! * v[j]!;
    out[i] = s;
  }
  return out;
}

export function norm2(v: Float64Array): number {
  let s = 0;
  for (const x of v) s += x * x;
  return Math.sqrt(s);
}

/** The rows r0 … r0+n−1, columns c0 … c0+m−1 of a. */
export function block(a: Matrix, r0: number, c0: number, n: number, m: number): Matrix {
  const out = matrix(n, m);
  for (let i = 0; i < n; i++) out.data.set(a.data.subarray((r0 + i) * a.cols + c0, (r0 + i) * a.cols + c0 + m), i * m);
  return out;
}

/**
 * Spectral norm ‖A‖₂ (largest singular value): the square root of the largest eigenvalue of AAᵀ,
 * by power iteration with the Rayleigh quotient. The matrix is divided by its largest entry first,
 * so that products of many small or large Jacobians neither underflow nor overflow. `warm` is a
 * start vector of length `a.rows` (the left singular vector found for a neighbouring matrix: along
 * a product of Jacobians it barely moves, so a few iterations suffice); it is overwritten with the
 * new one. It stops when the quotient changes by less than 1e-12 relative, and can only
 * underestimate.
 */
export function spectralNorm(a: Matrix, warm?: Float64Array, maxIterations = 500): number {
  const { rows: n, cols: m, data: A } = a;
  let big = 0;
  for (const x of A) big = Math.max(big, Math.abs(x));
  if (big === 0 || !Number.isFinite(big)) return big;
  // G = (A/big)(A/big)ᵀ, n×n: its largest eigenvalue is (‖A‖/big)²
  const S = A.map((x) => x / big);
  const G = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = i; j < n; j++) {
      let s = 0;
      for (let k = 0; k < m; k++) s += S[i * m + k]! * S[j * m + k]!;
      G[i * n + j] = G[j * n + i] = s;
    }
  }
  const u = warm && norm2(warm) > 0 ? warm.slice() : genericVector(n);
  const next = new Float64Array(n);
  let lambda = 0;
  for (let it = 0; it < maxIterations; it++) {
    const len = norm2(u);
    if (len === 0) return 0;
    for (let i = 0; i < n; i++) u[i]! /= len;
    // Rayleigh quotient uᵀGu, and the next iterate Gu
    let rq = 0;
    for (let i = 0; i < n; i++) {
      let s = 0;
      for (let j = 0; j < n; j++) s += G[i * n + j]! * u[j]!;
      next[i] = s;
      rq += u[i]! * s;
    }
    u.set(next);
    const done = Math.abs(rq - lambda) <= 1e-12 * rq;
    lambda = rq;
    if (done) break;
  }
  if (warm) {
    const len = norm2(u) || 1;
    for (let i = 0; i < n; i++) warm[i] = u[i]! / len;
  }
  return Math.sqrt(Math.max(lambda, 0)) * big;
}

/** a fixed, generic start vector (never orthogonal to the top singular vector in practice) */
export function genericVector(n: number): Float64Array {
  const random = mulberry32(12345);
  return new Float64Array(n).map(() => random() + 0.5);
}

/** Standard normal numbers from a uniform generator (Box–Muller). */
export function gaussian(random: () => number): () => number {
  let spare: number | undefined;
  return () => {
    if (spare !== undefined) {
      const s = spare;
      spare = undefined;
      return s;
    }
    const u = Math.max(random(), 1e-300);
    const v = random();
    const r = Math.sqrt(-2 * Math.log(u));
    spare = r * Math.sin(2 * Math.PI * v);
    return r * Math.cos(2 * Math.PI * v);
  };
}

export function gaussianMatrix(rows: number, cols: number, std: number, normal: () => number): Matrix {
  return matrix(
    rows,
    cols,
    Array.from({ length: rows * cols }, () => normal() * std),
  );
}

/** A random n×n orthogonal matrix times `scale` (Gram–Schmidt on the rows of a Gaussian matrix). */
export function orthogonal(n: number, scale: number, normal: () => number): Matrix {
  const q = gaussianMatrix(n, n, 1, normal);
  const Q = q.data;
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < i; j++) {
      let dot = 0;
      for (let k = 0; k < n; k++) dot += Q[i * n + k]! * Q[j * n + k]!;
      for (let k = 0; k < n; k++) Q[i * n + k]! -= dot * Q[j * n + k]!;
    }
    let len = 0;
    for (let k = 0; k < n; k++) len += Q[i * n + k]! ** 2;
    len = Math.sqrt(len);
    for (let k = 0; k < n; k++) Q[i * n + k]! /= len;
  }
  for (let k = 0; k < Q.length; k++) Q[k]! *= scale;
  return q;
}
