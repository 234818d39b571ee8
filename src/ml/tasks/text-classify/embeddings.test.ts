import { describe, expect, it } from 'vitest';
import { nearest, pca2, unitRows } from './embeddings';

describe('pca2', () => {
  it('finds the direction of largest spread first', () => {
    // points along (1, 1, 0) with a small spread along (0, 0, 1)
    const rows = Float32Array.from([-2, -2, 0.1, -1, -1, -0.1, 1, 1, 0.1, 2, 2, -0.1]);
    const xy = pca2(rows, 4, 3);
    const first = [0, 1, 2, 3].map((i) => xy[i * 2]!);
    const spread = (v: number[]) => Math.max(...v) - Math.min(...v);
    expect(spread(first)).toBeCloseTo(4 * Math.SQRT2, 2);
    expect(spread([0, 1, 2, 3].map((i) => xy[i * 2 + 1]!))).toBeCloseTo(0.2, 1);
  });
});

describe('nearest', () => {
  it('ranks rows by cosine similarity, leaving the row itself out', () => {
    const unit = unitRows(Float32Array.from([1, 0, 0.9, 0.1, 0, 1, -1, 0]), 4, 2);
    const near = nearest(unit, 4, 2, 0, 2);
    expect(near.map((x) => x.index)).toEqual([1, 2]);
    expect(near[0]!.cos).toBeGreaterThan(0.99);
  });
});
