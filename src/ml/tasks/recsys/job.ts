/**
 * The recommender lab's payload and the arithmetic the page and the worker share (no TensorFlow.js
 * here, so the page may import it): matrix factorisation r̂_ui = μ + b_u + b_i + p_u·q_i on the
 * FiveThirtyEight food questionnaire, its two baselines (the global mean, each food's mean answer
 * in train), RMSE, the parameter count, a 2-D PCA of the item factors, cosine neighbours, and the
 * fold-in of a new reader by ridge regression on the fixed item factors.
 */
import { int, object, oneOf, string } from '../../core/check';
import { BadMessage } from '../../core/states';
import type { ManifestDataset } from '../datasets';

export const RECSYS_OPTIMIZERS = ['adam', 'sgd'] as const;
export type RecsysOptimizer = (typeof RECSYS_OPTIMIZERS)[number];

/** The accepted ranges of the reader's settings (both ends included). */
export const RECSYS_BOUNDS = {
  factors: { min: 1, max: 16 },
  lambda: { min: 0, max: 10 },
  learningRate: { min: 1e-4, max: 1 },
  epochs: { min: 1, max: 200 },
  batchSize: { min: 8, max: 4096 },
} as const;

/** The lab's starting settings (the benchmark uses the same). */
export const RECSYS_SETTINGS = {
  factors: 3,
  lambda: 0.05,
  learningRate: 0.02,
  optimizer: 'adam' as RecsysOptimizer,
  epochs: 40,
  batchSize: 128,
  seed: 7,
} as const;

export interface RecsysJob {
  dataset: ManifestDataset;
  /** k, the length of p_u and q_i */
  factors: number;
  /** L2 weight on ‖p_u‖² + ‖q_i‖² (per cell) */
  lambda: number;
  learningRate: number;
  optimizer: RecsysOptimizer;
  epochs: number;
  batchSize: number;
  seed: number;
}

function real(value: unknown, path: string, key: keyof typeof RECSYS_BOUNDS): number {
  const { min, max } = RECSYS_BOUNDS[key];
  if (typeof value !== 'number' || !Number.isFinite(value) || value < min || value > max)
    throw new BadMessage(`${path} must be a number in [${min}, ${max}]`);
  return value;
}

export function parseRecsysJob(value: unknown): RecsysJob {
  const j = object(value, 'job');
  const d = object(j.dataset, 'job.dataset');
  if (d.kind !== 'manifest') throw new BadMessage("job.dataset.kind must be 'manifest'");
  const b = RECSYS_BOUNDS;
  return {
    dataset: {
      kind: 'manifest',
      name: string(d.name, 'job.dataset.name'),
      manifestUrl: string(d.manifestUrl, 'job.dataset.manifestUrl'),
    },
    factors: int(j.factors, 'job.factors', b.factors.min, b.factors.max),
    lambda: real(j.lambda, 'job.lambda', 'lambda'),
    learningRate: real(j.learningRate, 'job.learningRate', 'learningRate'),
    optimizer: oneOf(j.optimizer, RECSYS_OPTIMIZERS, 'job.optimizer'),
    epochs: int(j.epochs, 'job.epochs', b.epochs.min, b.epochs.max),
    batchSize: int(j.batchSize, 'job.batchSize', b.batchSize.min, b.batchSize.max),
    seed: int(j.seed, 'job.seed', 0),
  };
}

/** Observed cells of one split: user and item indices and the answers. */
export interface Cells {
  users: Int32Array;
  items: Int32Array;
  ratings: Float32Array;
}

/** The model's weights: users × (k + 1) + items × (k + 1) + 1 (factors, biases, the global mean). */
export const parameterCount = (users: number, items: number, k: number) => users * (k + 1) + items * (k + 1) + 1;

export const rmse = (predicted: ArrayLike<number>, actual: ArrayLike<number>): number => {
  let s = 0;
  for (let i = 0; i < actual.length; i++) s += (predicted[i]! - actual[i]!) ** 2;
  return Math.sqrt(s / actual.length);
};

/** The two baselines fitted on train: μ, and each item's mean answer (μ for an item never seen). */
export function baselines(train: Cells, items: number): { mean: number; itemMeans: Float64Array } {
  let total = 0;
  const sums = new Float64Array(items);
  const counts = new Float64Array(items);
  for (let c = 0; c < train.ratings.length; c++) {
    total += train.ratings[c]!;
    const item = train.items[c]!;
    sums[item] = sums[item]! + train.ratings[c]!;
    counts[item] = counts[item]! + 1;
  }
  const mean = total / train.ratings.length;
  const itemMeans = sums.map((s, i) => (counts[i]! > 0 ? s / counts[i]! : mean));
  return { mean, itemMeans };
}

/** RMSE of the global mean and of the item means on the cells of a split. */
export function baselineRmse(cells: Cells, mean: number, itemMeans: ArrayLike<number>) {
  const n = cells.ratings.length;
  return {
    globalMean: rmse(new Float64Array(n).fill(mean), cells.ratings),
    itemMean: rmse(
      Float64Array.from(cells.items, (i) => itemMeans[i]!),
      cells.ratings,
    ),
  };
}

/** Solves A x = b for a small symmetric positive definite A (row-major n × n) by Cholesky. */
export function solveSpd(a: Float64Array, b: Float64Array, n: number): Float64Array {
  const l = new Float64Array(n * n);
  for (let i = 0; i < n; i++)
    for (let j = 0; j <= i; j++) {
      let s = a[i * n + j]!;
      for (let k = 0; k < j; k++) s -= l[i * n + k]! * l[j * n + k]!;
      if (i === j) {
        if (!(s > 0)) throw new Error('matrix is not positive definite');
        l[i * n + i] = Math.sqrt(s);
      } else l[i * n + j] = s / l[j * n + j]!;
    }
  const y = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let s = b[i]!;
    for (let k = 0; k < i; k++) s -= l[i * n + k]! * y[k]!;
    y[i] = s / l[i * n + i]!;
  }
  const x = new Float64Array(n);
  for (let i = n - 1; i >= 0; i--) {
    let s = y[i]!;
    for (let k = i + 1; k < n; k++) s -= l[k * n + i]! * x[k]!;
    x[i] = s / l[i * n + i]!;
  }
  return x;
}

/** The trained item side the page needs: μ, b_i and q_i (row-major items × k). */
export interface ItemModel {
  mean: number;
  itemBias: Float32Array;
  itemFactors: Float32Array;
  k: number;
}

/** The item side with each food's 2-D PCA coordinates (row-major items × 2), as the worker sends it. */
export interface ItemMap extends ItemModel {
  xy: Float32Array;
}

/**
 * A new reader's predicted answers from a few answers of theirs (item → answer). With answers, their
 * bias and vector [b_u, p_u] solve the ridge problem on the fixed items:
 * ([1 q_i]ᵀ[1 q_i] + λI) x = Σ [1 q_i]ᵀ (r_ui − μ − b_i). With none (cold start): μ + b_i for all.
 */
export function foldIn(model: ItemModel, answers: ReadonlyMap<number, number>, lambda: number): Float64Array {
  const { k, itemFactors: q, itemBias, mean } = model;
  const n = k + 1;
  const x = new Float64Array(n);
  if (answers.size > 0) {
    const a = new Float64Array(n * n);
    const b = new Float64Array(n);
    const row = new Float64Array(n);
    for (const [item, r] of answers) {
      row[0] = 1;
      for (let f = 0; f < k; f++) row[f + 1] = q[item * k + f]!;
      const target = r - mean - itemBias[item]!;
      for (let i = 0; i < n; i++) {
        b[i] = b[i]! + row[i]! * target;
        for (let j = 0; j < n; j++) a[i * n + j] = a[i * n + j]! + row[i]! * row[j]!;
      }
    }
    // at least a small ridge keeps one or two answers solvable when λ is 0
    for (let i = 0; i < n; i++) a[i * n + i] = a[i * n + i]! + Math.max(lambda * answers.size, 1e-3);
    x.set(solveSpd(a, b, n));
  }
  const items = itemBias.length;
  const out = new Float64Array(items);
  for (let i = 0; i < items; i++) {
    let s = mean + itemBias[i]! + x[0]!;
    for (let f = 0; f < k; f++) s += x[f + 1]! * q[i * k + f]!;
    out[i] = s;
  }
  return out;
}

/** The `count` items nearest to `item` by cosine of their factor vectors, nearest first. */
export function neighbours(factors: Float32Array, k: number, item: number, count = 5) {
  const items = factors.length / k;
  const norm = (i: number) => Math.hypot(...factors.subarray(i * k, i * k + k));
  const ni = norm(item);
  const scored: { item: number; cosine: number }[] = [];
  for (let j = 0; j < items; j++) {
    if (j === item) continue;
    let dot = 0;
    for (let f = 0; f < k; f++) dot += factors[item * k + f]! * factors[j * k + f]!;
    scored.push({ item: j, cosine: dot / (ni * norm(j) || 1) });
  }
  return scored.sort((a, b) => b.cosine - a.cosine).slice(0, count);
}

/**
 * The rows (n × k) projected on their two principal axes (power iteration on the k × k covariance,
 * the second kept orthogonal to the first): an n × 2 array. With k = 1 the second coordinate is 0.
 */
export function pca2(rows: Float32Array, k: number): Float32Array {
  const n = rows.length / k;
  const centred = new Float64Array(rows.length);
  for (let f = 0; f < k; f++) {
    let m = 0;
    for (let i = 0; i < n; i++) m += rows[i * k + f]!;
    m /= n;
    for (let i = 0; i < n; i++) centred[i * k + f] = rows[i * k + f]! - m;
  }
  const cov = new Float64Array(k * k);
  for (let i = 0; i < n; i++)
    for (let a = 0; a < k; a++)
      for (let b = 0; b < k; b++) cov[a * k + b] = cov[a * k + b]! + centred[i * k + a]! * centred[i * k + b]!;
  const out = new Float32Array(n * 2);
  const axes: Float64Array[] = [];
  const orthogonal = (w: Float64Array) => {
    for (const a of axes) {
      const d = w.reduce((s, x, i) => s + x * a[i]!, 0);
      for (let i = 0; i < k; i++) w[i] = w[i]! - d * a[i]!;
    }
    const len = Math.hypot(...w);
    return len > 1e-12 ? w.map((x) => x / len) : undefined;
  };
  for (let axis = 0; axis < Math.min(2, k); axis++) {
    let v = orthogonal(Float64Array.from({ length: k }, (_, i) => 1 + i * 0.1 + axis));
    for (let it = 0; it < 200 && v; it++) {
      const w = new Float64Array(k);
      for (let a = 0; a < k; a++) for (let b = 0; b < k; b++) w[a] = w[a]! + cov[a * k + b]! * v[b]!;
      // a zero direction (no spread left) keeps the last unit vector
      v = orthogonal(w) ?? v;
    }
    if (!v) break;
    axes.push(v);
    for (let i = 0; i < n; i++) {
      let s = 0;
      for (let f = 0; f < k; f++) s += centred[i * k + f]! * v[f]!;
      out[i * 2 + axis] = s;
    }
  }
  return out;
}

/** Snapshot kinds: per epoch [epoch, train, validation, test RMSE, global-mean test, item-mean test]. */
export const RECSYS_EPOCH = 'recsys-epoch';
export const RECSYS_EPOCH_COLUMNS = 6;
/** after training, per item [b_i, x, y, q_i…] (k + 3 columns), then one row [μ, 0, …] */
export const RECSYS_ITEMS = 'recsys-items';
