import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { greyLevelBound, quantise, toGreyLevels } from './grey-levels';

const every = Uint8Array.from({ length: 256 }, (_, v) => v);

describe('toGreyLevels', () => {
  it('16 levels: the multiples of 17, each value moved by at most 8 of 255', () => {
    const { stored, maxError } = toGreyLevels(every, 16);
    expect([...new Set(stored)]).toEqual(Array.from({ length: 16 }, (_, k) => 17 * k));
    expect(maxError).toBe(8);
    expect(greyLevelBound(16)).toBe(8);
    for (let v = 0; v < 256; v++) expect(Math.abs(stored[v]! - v)).toBeLessThanOrEqual(8);
    // the nearest level: 8 goes down to 0, 9 up to 17; black and white stay exact
    expect([stored[0], stored[8], stored[9], stored[255]]).toEqual([0, 0, 17, 255]);
  });

  it('keeps levels already on the grid (a second pass changes nothing) and 256 levels exactly', () => {
    const once = toGreyLevels(every, 16).stored;
    expect(toGreyLevels(once, 16)).toEqual({ stored: once, maxError: 0 });
    expect(toGreyLevels(every, 256)).toEqual({ stored: every, maxError: 0 });
  });

  it.each([2, 3, 4, 5, 8, 16, 17, 32, 64, 100, 255])('%i levels: within the bound, and that many values', (levels) => {
    const { stored, maxError } = toGreyLevels(every, levels);
    expect(maxError).toBeLessThanOrEqual(greyLevelBound(levels));
    expect(new Set(stored).size).toBe(levels);
    expect(Math.min(...stored)).toBe(0);
    expect(Math.max(...stored)).toBe(255);
  });

  it('refuses a level count it cannot honour', () => {
    expect(() => toGreyLevels(every, 1)).toThrow(/not 2…256/);
    expect(() => toGreyLevels(every, 257)).toThrow(/not 2…256/);
  });
});

describe('quantise', () => {
  it('records the levels, the largest change and the SHA-256 of the source bytes', () => {
    const data = Uint8Array.from([0, 4, 10, 130, 250]);
    const { stored, quantisation } = quantise(data, 16);
    expect([...stored]).toEqual([0, 0, 17, 136, 255]);
    expect(quantisation).toEqual({
      levels: 16,
      maxError: 7,
      sourceSha256: createHash('sha256').update(data).digest('hex'),
    });
    expect(data).toEqual(Uint8Array.from([0, 4, 10, 130, 250])); // the source is left as it was
  });
});
