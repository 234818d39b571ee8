/**
 * Walking through the generator's noise space (no TensorFlow.js).
 *
 * A straight line between two Gaussian noise vectors a and b passes through points the generator
 * never saw in training: in d dimensions a draw from N(0, I) has length ≈ √d, but the midpoint
 * (a + b)/2 has length ≈ √(d/2). Spherical interpolation (White, 2016, "Sampling generative
 * networks") follows the great circle instead, so every point of the walk keeps a typical length.
 */

/**
 * Spherical interpolation between two vectors of equal size.
 * slerp(a, b, t) = sin((1 − t)Ω)/sin Ω · a + sin(tΩ)/sin Ω · b, with cos Ω = a·b / (|a||b|);
 * falls back to the straight line when a and b are (anti)parallel (sin Ω ≈ 0).
 * @param t 0 gives a, 1 gives b
 */
export function slerp(a: ArrayLike<number>, b: ArrayLike<number>, t: number): Float32Array {
  if (a.length !== b.length) throw new Error(`slerp: vectors of sizes ${a.length} and ${b.length}`);
  let dot = 0;
  let na = 0;
  let nb = 0;
  for (let i = 0; i < a.length; i++) {
    dot += a[i]! * b[i]!;
    na += a[i]! * a[i]!;
    nb += b[i]! * b[i]!;
  }
  const cos = Math.min(1, Math.max(-1, dot / Math.sqrt(na * nb || 1)));
  const omega = Math.acos(cos);
  const sin = Math.sin(omega);
  const [wa, wb] = sin < 1e-6 ? [1 - t, t] : [Math.sin((1 - t) * omega) / sin, Math.sin(t * omega) / sin];
  return Float32Array.from(a, (v, i) => wa * v + wb * b[i]!);
}

/**
 * `steps` noise vectors from a to b inclusive, one after another: [steps, a.length].
 * @param steps ≥ 2
 */
export function latentWalk(a: ArrayLike<number>, b: ArrayLike<number>, steps: number): Float32Array {
  if (!Number.isInteger(steps) || steps < 2) throw new Error(`latentWalk: steps must be an integer ≥ 2, got ${steps}`);
  const out = new Float32Array(steps * a.length);
  for (let k = 0; k < steps; k++) out.set(slerp(a, b, k / (steps - 1)), k * a.length);
  return out;
}
