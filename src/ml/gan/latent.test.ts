import { describe, expect, it } from 'vitest';
import { latentWalk, slerp } from './latent';

const norm = (v: ArrayLike<number>) => Math.hypot(...Array.from(v));

describe('spherical interpolation', () => {
  it('starts at a and ends at b', () => {
    const a = [1, 2, 3];
    const b = [-2, 0.5, 1];
    expect(Array.from(slerp(a, b, 0))).toEqual(a.map((v) => expect.closeTo(v, 6)));
    expect(Array.from(slerp(a, b, 1))).toEqual(b.map((v) => expect.closeTo(v, 6)));
  });

  it('keeps the length of two orthogonal unit vectors at 1 halfway, where a straight line gives 1/√2', () => {
    const mid = slerp([1, 0], [0, 1], 0.5);
    expect(mid[0]).toBeCloseTo(Math.SQRT1_2, 6);
    expect(mid[1]).toBeCloseTo(Math.SQRT1_2, 6);
    expect(norm(mid)).toBeCloseTo(1, 6);
  });

  it('falls back to the straight line for parallel vectors', () => {
    expect(Array.from(slerp([1, 1], [2, 2], 0.5))).toEqual([expect.closeTo(1.5, 6), expect.closeTo(1.5, 6)]);
  });

  it('rejects vectors of different sizes', () => {
    expect(() => slerp([1], [1, 2], 0.5)).toThrow(/sizes/);
  });
});

describe('a latent walk', () => {
  it('gives steps vectors from a to b, one after another', () => {
    const walk = latentWalk([1, 0], [0, 1], 3);
    expect(walk.length).toBe(6);
    expect(walk[0]).toBeCloseTo(1, 6);
    expect(walk[5]).toBeCloseTo(1, 6);
    expect(norm(walk.subarray(2, 4))).toBeCloseTo(1, 6);
  });

  it('needs at least two steps', () => {
    expect(() => latentWalk([1], [2], 1)).toThrow(/steps/);
    expect(() => latentWalk([1], [2], 2.5)).toThrow(/steps/);
  });
});
