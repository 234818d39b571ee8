/**
 * How far apart two clouds of 2-D points are: the yardstick that shows generated points moving
 * towards the target (in the tests, the preset experiments and the browser test), and a count of
 * the ring modes a generator covers (mode collapse, measured). No TensorFlow.js.
 *
 * Sliced Wasserstein-1: project both sets onto K fixed directions evenly spread over the half
 * circle, and average the 1-D Wasserstein-1 ("earth mover's") distances of the projections. In one
 * dimension W1 is exact and cheap: the area between the two empirical CDFs. The result is in the
 * plane's own units (shifting a set by a vector s gives about (2/π)·|s|), needs no tuning, works
 * for sets of different sizes, and is deterministic (no random projections).
 */

/** Number of projection directions: angles πk/K, k = 0 … K−1. */
export const DEFAULT_PROJECTIONS = 32;

/**
 * W1 between the empirical distributions of two sets of numbers = ∫ |F_a(t) − F_b(t)| dt.
 * Sorts its arguments in place.
 */
function wasserstein1d(a: Float64Array, b: Float64Array): number {
  a.sort();
  b.sort();
  const n = a.length;
  const m = b.length;
  let i = 0;
  let j = 0;
  let previous = Math.min(a[0]!, b[0]!);
  let total = 0;
  // walk the merged breakpoints; between two of them both CDFs are constant (i/n and j/m)
  while (i < n || j < m) {
    const takeA = j >= m || (i < n && a[i]! <= b[j]!);
    const next = takeA ? a[i]! : b[j]!;
    total += Math.abs(i / n - j / m) * (next - previous);
    previous = next;
    if (takeA) i++;
    else j++;
  }
  return total;
}

function project(points: Float32Array, cos: number, sin: number): Float64Array {
  const out = new Float64Array(points.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = cos * points[2 * i]! + sin * points[2 * i + 1]!;
  return out;
}

/**
 * The sliced Wasserstein-1 distance between two 2-D sample sets.
 * @param a points [n, 2], row-major, n ≥ 1
 * @param b points [m, 2], row-major, m ≥ 1 (m may differ from n)
 * @param projections number of directions K
 * @returns ≥ 0, in the plane's units; 0 for identical sets
 */
export function slicedWasserstein(a: Float32Array, b: Float32Array, projections = DEFAULT_PROJECTIONS): number {
  if (a.length < 2 || b.length < 2 || a.length % 2 !== 0 || b.length % 2 !== 0) {
    throw new Error(`slicedWasserstein: expected two non-empty [n, 2] arrays, got ${a.length} and ${b.length} numbers`);
  }
  let sum = 0;
  for (let k = 0; k < projections; k++) {
    const angle = (Math.PI * k) / projections;
    const cos = Math.cos(angle);
    const sin = Math.sin(angle);
    sum += wasserstein1d(project(a, cos, sin), project(b, cos, sin));
  }
  return sum / projections;
}

export interface ModeCoverage {
  /** how many samples lie within `radius` of each centre, [modes] */
  counts: number[];
  /** modes holding at least `minShare` of their fair share n / modes */
  covered: number;
  /** fraction of samples within `radius` of some centre ("high-quality" samples) */
  onMode: number;
}

/**
 * Which modes of a mixture a generator covers: the measure of mode collapse for the ring.
 * A sample counts for mode k when it lies within `radius` of centre k (say 3 to 4 of the mode's
 * std); a mode is covered when it gets at least `minShare` × n / modes samples, so a handful of
 * stray points does not count as covering it.
 * @param samples [n, 2]
 * @param centres [modes, 2], e.g. `ringCentres(8, 2)`
 */
export function modeCoverage(
  samples: Float32Array,
  centres: Float32Array,
  radius: number,
  minShare = 0.2,
): ModeCoverage {
  const n = samples.length / 2;
  const modes = centres.length / 2;
  const counts = new Array<number>(modes).fill(0);
  let onMode = 0;
  for (let i = 0; i < n; i++) {
    for (let k = 0; k < modes; k++) {
      const d = Math.hypot(samples[2 * i]! - centres[2 * k]!, samples[2 * i + 1]! - centres[2 * k + 1]!);
      if (d <= radius) {
        counts[k]! += 1;
        onMode++;
        break;
      }
    }
  }
  const threshold = (minShare * n) / modes;
  return { counts, covered: counts.filter((c) => c > 0 && c >= threshold).length, onMode: onMode / n };
}
