import { describe, expect, it } from 'vitest';
import { DEFAULT_PROJECTIONS, modeCoverage, slicedWasserstein } from './sample-distance';
import { ringCentres, ringOfGaussians, twoMoons } from './targets';

function shifted(points: Float32Array, dx: number, dy: number): Float32Array {
  return points.map((v, i) => v + (i % 2 === 0 ? dx : dy));
}

/** What a shift by (dx, dy) must give exactly: the mean over the K directions of |s · u_k|. */
function expectedForShift(dx: number, dy: number, k = DEFAULT_PROJECTIONS): number {
  let sum = 0;
  for (let i = 0; i < k; i++) sum += Math.abs(dx * Math.cos((Math.PI * i) / k) + dy * Math.sin((Math.PI * i) / k));
  return sum / k;
}

describe('sliced Wasserstein-1 distance', () => {
  it('is 0 for identical sets and for a reordering', () => {
    const a = twoMoons(300, 1);
    expect(slicedWasserstein(a, a)).toBe(0);
    const reversed = new Float32Array(a.length);
    for (let i = 0; i < 300; i++) reversed.set(a.subarray(2 * (299 - i), 2 * (300 - i)), 2 * i);
    expect(slicedWasserstein(a, reversed)).toBeCloseTo(0, 12);
  });

  it('grows with a shift exactly as the mean |s · u| over the directions (≈ 2/π · |s|)', () => {
    const a = ringOfGaussians(400, 2);
    let last = 0;
    for (const s of [0.1, 0.5, 1, 2]) {
      const d = slicedWasserstein(a, shifted(a, s * 0.6, s * 0.8)); // |shift| = s
      expect(d).toBeCloseTo(expectedForShift(s * 0.6, s * 0.8), 4);
      expect(d).toBeCloseTo((2 / Math.PI) * s, 2);
      expect(d).toBeGreaterThan(last);
      last = d;
    }
  });

  it('is symmetric and small between two fresh draws of one distribution', () => {
    const a = ringOfGaussians(1000, 3);
    const b = ringOfGaussians(600, 4); // different sizes are fine
    const d = slicedWasserstein(a, b);
    expect(slicedWasserstein(b, a)).toBeCloseTo(d, 12);
    // the noise floor: the 8 modes' shares fluctuate by about √(n/8)/n (measured 0.06–0.15 at these sizes)
    expect(d).toBeLessThan(0.2);
    // a single point at the origin is far from the ring: about the mean |projection| of the ring
    expect(slicedWasserstein(a, new Float32Array([0, 0]))).toBeGreaterThan(1);
    expect(() => slicedWasserstein(a, new Float32Array(0))).toThrow(/non-empty/);
  });

  it('handles 1-D W1 with unequal sizes: {0} against {0, 1} is ½ on every direction along x', () => {
    // on direction angle θ the projections are {0} and {0, cos θ}: W1 = |cos θ| / 2
    expect(slicedWasserstein(new Float32Array([0, 0]), new Float32Array([0, 0, 1, 0]))).toBeCloseTo(
      expectedForShift(1, 0) / 2,
      12,
    );
  });
});

describe('ring mode coverage', () => {
  const centres = ringCentres(8, 2);

  it('finds all 8 modes in the target itself, almost every sample on a mode', () => {
    const c = modeCoverage(ringOfGaussians(2000, 5), centres, 0.2);
    expect(c.covered).toBe(8);
    expect(c.onMode).toBeGreaterThan(0.99);
    expect(c.counts.reduce((a, b) => a + b, 0)).toBe(Math.round(c.onMode * 2000));
  });

  it('counts a collapsed generator as one mode, and a few strays as none', () => {
    const collapsed = new Float32Array(2000);
    for (let i = 0; i < 1000; i++) {
      collapsed[2 * i] = i < 990 ? 2 : 0; // 990 points on mode 0
      collapsed[2 * i + 1] = i < 990 ? 0 : 2; // 10 strays on mode 2: under 20 % of 125
    }
    const c = modeCoverage(collapsed, centres, 0.2);
    expect(c.counts[0]).toBe(990);
    expect(c.counts[2]).toBe(10);
    expect(c.covered).toBe(1);
    expect(c.onMode).toBe(1);
    // points in the ring's centre are on no mode
    expect(modeCoverage(new Float32Array(20), centres, 0.2).onMode).toBe(0);
  });
});
