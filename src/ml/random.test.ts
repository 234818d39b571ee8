import { describe, expect, it } from 'vitest';
import { mulberry32, shuffledIndices } from './random';

describe('seeded randomness', () => {
  it('replays the same sequence for the same seed, and another for another seed', () => {
    const a = mulberry32(7);
    const b = mulberry32(7);
    const c = mulberry32(8);
    const xs = Array.from({ length: 5 }, () => a());
    expect(Array.from({ length: 5 }, () => b())).toEqual(xs);
    expect(Array.from({ length: 5 }, () => c())).not.toEqual(xs);
    for (const x of xs) expect(x >= 0 && x < 1).toBe(true);
  });

  it('shuffles into a permutation', () => {
    const order = shuffledIndices(100, mulberry32(1));
    expect([...order].sort((x, y) => x - y)).toEqual(Array.from({ length: 100 }, (_, i) => i));
    expect([...order]).not.toEqual(Array.from({ length: 100 }, (_, i) => i));
    expect([...shuffledIndices(100, mulberry32(1))]).toEqual([...order]);
  });
});
