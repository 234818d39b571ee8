/**
 * Initialisation through depth, for the mathematics chapter's explorer: a stack of `depth` square
 * dense layers (width n, zero biases, weights drawn from N(0, σ²) by the chosen scheme) applied to
 * a random batch x ~ N(0, 1), and a random upstream gradient sent back through it. Returns the
 * standard deviation of every layer's activations a_l and of the gradient ∂L/∂a_l that reaches
 * it, the quantities whose variance the chapter follows layer by layer. Plain arithmetic (no
 * TensorFlow.js): it runs on the page and in the tests.
 */
import { mulberry32 } from '../random';

export type InitActivation = 'tanh' | 'relu';
export type InitScheme = 'small' | 'glorot' | 'he' | 'large';
export const INIT_SCHEMES: readonly InitScheme[] = ['small', 'glorot', 'he', 'large'];
export const INIT_ACTIVATIONS: readonly InitActivation[] = ['tanh', 'relu'];

export interface InitConfig {
  depth: number;
  width: number;
  activation: InitActivation;
  scheme: InitScheme;
  /** examples in the random batch */
  batch: number;
  seed: number;
}

export const INIT_DEFAULTS: InitConfig = {
  depth: 20,
  width: 128,
  activation: 'relu',
  scheme: 'he',
  batch: 64,
  seed: 1,
};
export const INIT_LIMITS = { depth: { min: 1, max: 50 }, width: { min: 4, max: 256 } } as const;

/**
 * The weights' standard deviation σ for a layer of `fanIn` inputs and `fanOut` outputs: Glorot's
 * Var = 2 / (n_in + n_out), He's Var = 2 / n_in; "too small" and "too large" are the fixed
 * σ = 0.01 and σ = 1 that a naive choice gives.
 */
export function weightStd(scheme: InitScheme, fanIn: number, fanOut: number): number {
  switch (scheme) {
    case 'small':
      return 0.01;
    case 'large':
      return 1;
    case 'glorot':
      return Math.sqrt(2 / (fanIn + fanOut));
    case 'he':
      return Math.sqrt(2 / fanIn);
  }
}

export interface InitStats {
  /** σ of the weights */
  sigma: number;
  /** standard deviation of a_l for l = 0 (the input) … depth */
  activationStd: number[];
  /** standard deviation of ∂L/∂a_l for l = 0 … depth (at l = depth: the upstream gradient, std 1) */
  gradientStd: number[];
}

/** Standard normal draws (Box–Muller) from a seeded uniform source. */
function gaussian(random: () => number): () => number {
  return () => {
    const u = 1 - random();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random());
  };
}

/** Root mean square about the mean of all entries. */
export function std(values: Float64Array): number {
  let sum = 0;
  for (const v of values) sum += v;
  const mean = sum / values.length;
  let squares = 0;
  for (const v of values) squares += (v - mean) ** 2;
  return Math.sqrt(squares / values.length);
}

/** @throws for a depth, width or batch that is not a whole number in range */
export function initStats(config: InitConfig): InitStats {
  const { depth, width: n, activation, scheme, batch } = config;
  const whole = (name: string, v: number, min: number, max: number) => {
    if (!Number.isInteger(v) || v < min || v > max) throw new Error(`${name} must be a whole number in ${min}…${max}`);
  };
  whole('depth', depth, INIT_LIMITS.depth.min, INIT_LIMITS.depth.max);
  whole('width', n, INIT_LIMITS.width.min, INIT_LIMITS.width.max);
  whole('batch', batch, 1, 1024);
  const normal = gaussian(mulberry32(config.seed));
  const sigma = weightStd(scheme, n, n);
  const weights = Array.from({ length: depth }, () => Float64Array.from({ length: n * n }, () => sigma * normal()));
  const phi = activation === 'tanh' ? Math.tanh : (z: number) => Math.max(0, z);
  // φ′ from the pre-activation: 1 − tanh², or the step of the ReLU
  const dphi = activation === 'tanh' ? (z: number) => 1 - Math.tanh(z) ** 2 : (z: number) => (z > 0 ? 1 : 0);

  // forward (3 …): z_l = W_l a_{l−1}, a_l = φ(z_l); rows are examples
  const a: Float64Array[] = [Float64Array.from({ length: batch * n }, () => normal())];
  const z: Float64Array[] = [];
  for (let l = 0; l < depth; l++) {
    const W = weights[l]!;
    const input = a[l]!;
    const pre = new Float64Array(batch * n);
    for (let b = 0; b < batch; b++)
      for (let i = 0; i < n; i++) {
        let s = 0;
        for (let j = 0; j < n; j++) s += W[i * n + j]! * input[b * n + j]!;
        pre[b * n + i] = s;
      }
    z.push(pre);
    a.push(pre.map(phi));
  }

  // backward: δ_l = g_l ⊙ φ′(z_l), g_{l−1} = W_lᵀ δ_l, from a random upstream gradient g_depth
  const g: Float64Array[] = new Array<Float64Array>(depth + 1);
  g[depth] = Float64Array.from({ length: batch * n }, () => normal());
  for (let l = depth - 1; l >= 0; l--) {
    const W = weights[l]!;
    const pre = z[l]!;
    const upstream = g[l + 1]!;
    const delta = upstream.map((v, k) => v * dphi(pre[k]!));
    const down = new Float64Array(batch * n);
    for (let b = 0; b < batch; b++)
      for (let j = 0; j < n; j++) {
        let s = 0;
        for (let i = 0; i < n; i++) s += W[i * n + j]! * delta[b * n + i]!;
        down[b * n + j] = s;
      }
    g[l] = down;
  }
  return { sigma, activationStd: a.map(std), gradientStd: g.map(std) };
}
