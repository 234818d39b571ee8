/**
 * The embedding explorer's numbers, computed in the worker without TensorFlow.js: the two principal
 * components of a set of vectors (power iteration on their covariance, deflated once), and each
 * vector scaled to length 1 so that the page's cosine similarity is a dot product.
 */

/** Rows [n, d] → their coordinates on the first two principal axes, [n, 2]. */
export function pca2(rows: Float32Array, n: number, d: number): Float32Array {
  const mean = new Float64Array(d);
  for (let i = 0; i < n; i++) for (let k = 0; k < d; k++) mean[k]! += rows[i * d + k]! / n;
  const cov = new Float64Array(d * d);
  for (let i = 0; i < n; i++)
    for (let a = 0; a < d; a++) {
      const xa = rows[i * d + a]! - mean[a]!;
      for (let b = 0; b < d; b++) cov[a * d + b]! += (xa * (rows[i * d + b]! - mean[b]!)) / n;
    }
  const axes: Float64Array[] = [];
  for (let c = 0; c < 2; c++) {
    let v = new Float64Array(d).map((_, k) => 1 + k / d);
    for (let iter = 0; iter < 200; iter++) {
      const w = new Float64Array(d);
      for (let a = 0; a < d; a++) for (let b = 0; b < d; b++) w[a]! += cov[a * d + b]! * v[b]!;
      // deflate: stay orthogonal to the axes already found
      for (const u of axes) {
        const dot = w.reduce((s, x, k) => s + x * u[k]!, 0);
        for (let k = 0; k < d; k++) w[k]! -= dot * u[k]!;
      }
      const norm = Math.hypot(...w) || 1;
      v = w.map((x) => x / norm);
    }
    axes.push(v);
  }
  const out = new Float32Array(n * 2);
  for (let i = 0; i < n; i++)
    for (let c = 0; c < 2; c++) {
      let s = 0;
      for (let k = 0; k < d; k++) s += (rows[i * d + k]! - mean[k]!) * axes[c]![k]!;
      out[i * 2 + c] = s;
    }
  return out;
}

/** Each row scaled to length 1 (a zero row stays zero). */
export function unitRows(rows: Float32Array, n: number, d: number): Float32Array {
  const out = new Float32Array(n * d);
  for (let i = 0; i < n; i++) {
    let norm = 0;
    for (let k = 0; k < d; k++) norm += rows[i * d + k]! ** 2;
    norm = Math.sqrt(norm) || 1;
    for (let k = 0; k < d; k++) out[i * d + k] = rows[i * d + k]! / norm;
  }
  return out;
}

/** The `k` rows most similar to row `of` by cosine similarity (rows already of length 1), best first. */
export function nearest(
  unit: Float32Array,
  n: number,
  d: number,
  of: number,
  k: number,
): { index: number; cos: number }[] {
  const scores: { index: number; cos: number }[] = [];
  for (let i = 0; i < n; i++) {
    if (i === of) continue;
    let s = 0;
    for (let j = 0; j < d; j++) s += unit[i * d + j]! * unit[of * d + j]!;
    scores.push({ index: i, cos: s });
  }
  return scores.sort((a, b) => b.cos - a.cos).slice(0, k);
}
