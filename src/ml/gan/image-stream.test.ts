import { describe, expect, it } from 'vitest';
import type { ImageArrays } from '../data/image-source';
import { imageStream } from './image-stream';

/** One 1×4×1 image of every example, all pixels equal to its index × 85 (0, 85, 170, 255). */
const arrays = (over: Partial<ImageArrays> = {}): ImageArrays => ({
  images: Uint8Array.from([0, 0, 0, 0, 85, 85, 85, 85, 170, 170, 170, 170, 255, 255, 255, 255]),
  labels: Uint8Array.from([0, 1, 2, 3]),
  imageShape: [1, 4, 1],
  classes: 4,
  ...over,
});

describe('imageStream', () => {
  it('maps 8-bit pixels onto [−1, 1] exactly as v / 127.5 − 1', () => {
    const batch = imageStream(arrays(), 1)(16);
    expect(batch).toHaveLength(64);
    const allowed = new Set([0, 85, 170, 255].map((v) => Math.fround(v / 127.5 - 1)));
    for (const v of batch) expect(allowed.has(v)).toBe(true);
    expect(Math.min(...batch)).toBeGreaterThanOrEqual(-1);
    expect(Math.max(...batch)).toBeLessThanOrEqual(1);
  });

  it("follows the dataset's declared range", () => {
    const batch = imageStream(arrays({ normalisation: { min: 85, max: 255 } }), 2)(32);
    const allowed = new Set([0, 85, 170, 255].map((v) => Math.fround((v - 85) / 85 - 1)));
    for (const v of batch) expect(allowed.has(v)).toBe(true);
    expect(batch).toContain(Math.fround(-1));
    expect(batch).toContain(Math.fround(1));
  });

  it('draws the same batches for the same seed', () => {
    expect(imageStream(arrays(), 7)(8)).toEqual(imageStream(arrays(), 7)(8));
  });

  it('draws only images that have arrived, the same draws once all have, and stops when the download failed', () => {
    const state = { n: 2, error: undefined as Error | undefined };
    const arrival = { arrived: () => state.n, error: () => state.error, complete: Promise.resolve() };
    const early = imageStream(arrays({ arrival }), 3)(40);
    // images 0 and 1 only: pixels 0 and 85
    const allowed = new Set([0, 85].map((v) => Math.fround(v / 127.5 - 1)));
    for (const v of early) expect(allowed.has(v)).toBe(true);
    state.n = 4;
    expect(imageStream(arrays({ arrival }), 3)(8)).toEqual(imageStream(arrays(), 3)(8));
    state.error = new Error('chunk 3 is corrupt');
    expect(() => imageStream(arrays({ arrival }), 3)(8)).toThrow(/corrupt/);
  });
});
