/**
 * Scaled dot-product attention for the attention explorer and the mathematics chapter's §4.4, in
 * plain float64 (no TensorFlow.js): the scores QKᵀ scaled by √d_k (4.68), the causal mask (4.72),
 * the row-wise softmax and the weighted sum of the values (4.69); the sinusoidal
 * positional encoding (4.74); and the parameter count of one Transformer block (4.79).
 */

/** A matrix as rows of numbers: row i is token i. */
export type Grid = number[][];

/**
 * The explorer's starting example, four tokens with d_k = d_v = 4 ("the cat sat down"): small
 * whole numbers whose scores differ enough to follow: "cat" matches "sat" and "down" best, "sat" itself.
 */
export const EXAMPLE: Readonly<Record<'q' | 'k' | 'v', Grid>> = {
  q: [
    [1, 0, 1, 0],
    [0, 2, 0, 1],
    [1, 1, 0, 0],
    [0, 0, 2, 1],
  ],
  k: [
    [1, 0, 0, 1],
    [0, 1, 1, 0],
    [1, 2, 0, 0],
    [0, 1, 0, 2],
  ],
  v: [
    [2, 0, 1, 0],
    [0, 1, 0, 3],
    [1, 1, 1, 1],
    [0, 2, 0, -1],
  ],
};

/** a · bᵀ: entry (i, j) is the dot product of row i of a with row j of b. */
export function timesTransposed(a: Grid, b: Grid): Grid {
  return a.map((ra) =>
    b.map((rb) => {
      if (rb.length !== ra.length) throw new Error(`rows of length ${ra.length} and ${rb.length}`);
      return ra.reduce((s, x, k) => s + x * rb[k]!, 0);
    }),
  );
}

/** a · b */
export function times(a: Grid, b: Grid): Grid {
  const cols = b[0]?.length ?? 0;
  return a.map((ra) => {
    if (ra.length !== b.length) throw new Error(`cannot multiply a row of ${ra.length} by ${b.length} rows`);
    return Array.from({ length: cols }, (_, j) => ra.reduce((s, x, k) => s + x * b[k]![j]!, 0));
  });
}

/**
 * Softmax of each row, skipping the entries `allowed` rules out (their weight is exactly 0, as if
 * their score were −∞). The row's largest allowed score is subtracted first, so that no exponential
 * overflows; this changes nothing, since softmax(z − c) = softmax(z).
 */
export function softmaxRows(scores: Grid, allowed: (i: number, j: number) => boolean = () => true): Grid {
  return scores.map((row, i) => {
    let max = -Infinity;
    row.forEach((s, j) => {
      if (allowed(i, j)) max = Math.max(max, s);
    });
    const e = row.map((s, j) => (allowed(i, j) ? Math.exp(s - max) : 0));
    const sum = e.reduce((a, b) => a + b, 0);
    return e.map((x) => x / sum);
  });
}

/** The causal mask: query i may look at keys j ≤ i only. */
export const causal = (i: number, j: number): boolean => j <= i;

export interface AttentionOptions {
  /** hide later tokens (4.72) */
  causal?: boolean;
  /** divide the scores by √d_k (4.68); off shows what the scaling prevents */
  scale?: boolean;
}

export interface AttentionStep {
  /** QKᵀ */
  scores: Grid;
  /** QKᵀ/√d_k, with −∞ where the mask hides a key */
  scaled: Grid;
  /** softmax of each row of `scaled`: the attention weights, each row sums to 1 */
  weights: Grid;
  /** weights · V */
  output: Grid;
  /** the divisor √d_k (1 when scaling is off) */
  divisor: number;
}

/** One attention head, every intermediate kept: Attention(Q, K, V) = softmax(QKᵀ/√d_k) V. */
export function attention(q: Grid, k: Grid, v: Grid, options: AttentionOptions = {}): AttentionStep {
  const dk = q[0]?.length ?? 0;
  if (k.length !== v.length) throw new Error(`${k.length} keys but ${v.length} values`);
  const divisor = options.scale === false ? 1 : Math.sqrt(dk);
  const allowed = options.causal ? causal : () => true;
  const scores = timesTransposed(q, k);
  const scaled = scores.map((row, i) => row.map((s, j) => (allowed(i, j) ? s / divisor : -Infinity)));
  const weights = softmaxRows(scaled, allowed);
  return { scores, scaled, weights, output: times(weights, v), divisor };
}

/**
 * The sinusoidal positional encoding (4.74): PE(pos, 2i) = sin(pos / 10000^(2i/d)),
 * PE(pos, 2i+1) = cos(pos / 10000^(2i/d)); one row of length d per position 0 … positions−1.
 */
export function sinusoidalEncoding(positions: number, d: number): Grid {
  return Array.from({ length: positions }, (_, pos) =>
    Array.from({ length: d }, (_, c) => {
      const angle = pos / 10000 ** ((2 * Math.floor(c / 2)) / d);
      return c % 2 === 0 ? Math.sin(angle) : Math.cos(angle);
    }),
  );
}

export interface BlockParams {
  /** W_Q, W_K, W_V, W_O with their biases: 4d² + 4d, whatever the number of heads */
  attention: number;
  /** two dense layers d → d_ff → d: 2·d·d_ff + d_ff + d */
  feedForward: number;
  /** two layer normalisations, a gain and a shift each: 4d */
  norms: number;
  total: number;
}

/** Parameters of one Transformer block of width d and feed-forward width d_ff (4.79). */
export function blockParams(d: number, dff: number): BlockParams {
  const attention = 4 * d * d + 4 * d;
  const feedForward = 2 * d * dff + dff + d;
  const norms = 4 * d;
  return { attention, feedForward, norms, total: attention + feedForward + norms };
}
