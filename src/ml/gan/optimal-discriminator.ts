/**
 * The optimal discriminator of the math chapter, in one dimension, in plain float64 arithmetic
 * (no TensorFlow.js): the reference that the chapter's derivation and the lab's readout of
 * D(x) → ½ are checked against.
 *
 * For a fixed generator with density p_g, the discriminator maximises
 *   V(D) = ∫ p_data(x) log D(x) + p_g(x) log(1 − D(x)) dx.
 * Pointwise, a log y + b log(1 − y) peaks at y = a / (a + b), so
 *   D*(x) = p_data(x) / (p_data(x) + p_g(x)),
 * and substituting it back,
 *   V(D*) = −log 4 + 2 · JSD(p_data ‖ p_g),
 * where JSD is the Jensen–Shannon divergence (in nats, between 0 and ln 2). So the generator,
 * minimising V(D*), minimises the JSD: its global optimum is p_g = p_data, where D* ≡ ½ and
 * V = −log 4.
 *
 * Integrals are taken numerically by Simpson's rule on a finite range that should hold (almost) all
 * of both densities' mass.
 */

/** A probability density on the real line. */
export type Density = (x: number) => number;

/** Where to integrate: [from, to] cut into `steps` intervals (made even for Simpson's rule). */
export interface Range {
  from: number;
  to: number;
  steps?: number;
}

/** The normal density N(mean, std²). */
export function gaussianDensity(mean: number, std: number): Density {
  const norm = 1 / (std * Math.sqrt(2 * Math.PI));
  return (x) => norm * Math.exp(-0.5 * ((x - mean) / std) ** 2);
}

/** The uniform density on [a, b]. */
export function uniformDensity(a: number, b: number): Density {
  return (x) => (x >= a && x <= b ? 1 / (b - a) : 0);
}

/**
 * D*(x) = p_data(x) / (p_data(x) + p_g(x)). Where both densities are 0 any value is optimal (that x
 * never occurs); this returns ½ there.
 */
export function optimalDiscriminator(pData: Density, pG: Density): (x: number) => number {
  return (x) => {
    const a = pData(x);
    const b = pG(x);
    return a + b === 0 ? 0.5 : a / (a + b);
  };
}

/** ∫ f over the range, by composite Simpson's rule. */
export function integrate(f: (x: number) => number, { from, to, steps = 20_000 }: Range): number {
  const n = steps % 2 === 0 ? steps : steps + 1;
  const h = (to - from) / n;
  let sum = f(from) + f(to);
  for (let i = 1; i < n; i++) sum += (i % 2 === 1 ? 4 : 2) * f(from + i * h);
  return (sum * h) / 3;
}

/** p · log(q), with 0 · log(anything) = 0 (the convention that makes disjoint supports finite). */
function pLogQ(p: number, q: number): number {
  return p === 0 ? 0 : p * Math.log(q);
}

/**
 * The discriminator's objective V(D) = ∫ p_data log D + p_g log(1 − D), in nats, for any D.
 * At most 0; −log 4 ≈ −1.386 for D ≡ ½ whatever the densities.
 */
export function objective(d: (x: number) => number, pData: Density, pG: Density, range: Range): number {
  return integrate((x) => {
    const y = d(x);
    return pLogQ(pData(x), y) + pLogQ(pG(x), 1 - y);
  }, range);
}

/**
 * JSD(p ‖ q) = ½ KL(p ‖ m) + ½ KL(q ‖ m) with m = (p + q) / 2, in nats: 0 for equal densities,
 * ln 2 for disjoint ones.
 */
export function jensenShannon(p: Density, q: Density, range: Range): number {
  return integrate((x) => {
    const a = p(x);
    const b = q(x);
    const m = (a + b) / 2;
    return 0.5 * (pLogQ(a, a / m) + pLogQ(b, b / m));
  }, range);
}

/** V(D*) = −log 4 + 2 · JSD(p_data ‖ p_g): the best the discriminator can do against this generator. */
export function objectiveAtOptimum(pData: Density, pG: Density, range: Range): number {
  return -Math.log(4) + 2 * jensenShannon(pData, pG, range);
}
