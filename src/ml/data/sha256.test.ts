import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { sha256HexJs } from './sha256';

describe('sha256HexJs', () => {
  it('matches Node for lengths around every padding boundary', () => {
    for (const n of [0, 1, 3, 55, 56, 57, 63, 64, 65, 119, 120, 128, 1000, 100_003]) {
      const bytes = Uint8Array.from({ length: n }, (_, i) => (i * 31 + 7) % 256);
      expect(sha256HexJs(bytes), `length ${n}`).toBe(createHash('sha256').update(bytes).digest('hex'));
    }
  });

  it('hashes a view into a larger buffer', () => {
    const big = Uint8Array.from({ length: 300 }, (_, i) => i % 256);
    const view = big.subarray(10, 210);
    expect(sha256HexJs(view)).toBe(createHash('sha256').update(view).digest('hex'));
  });
});
