import { describe, expect, it } from 'vitest';
import { parseIdx } from './idx';

function idx(shape: number[], values: number[]): Uint8Array {
  const out = new Uint8Array(4 + 4 * shape.length + values.length);
  out.set([0, 0, 8, shape.length]);
  const view = new DataView(out.buffer);
  shape.forEach((d, i) => view.setUint32(4 + 4 * i, d, false));
  out.set(values, 4 + 4 * shape.length);
  return out;
}

describe('parseIdx', () => {
  it('reads shape and values', () => {
    const parsed = parseIdx(idx([2, 2, 3], [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]));
    expect(parsed.shape).toEqual([2, 2, 3]);
    expect([...parsed.data]).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
  });

  it('rejects truncated, padded and foreign files', () => {
    const good = idx([3], [7, 8, 9]);
    expect(() => parseIdx(good.subarray(0, good.length - 1))).toThrow(/expected 11 bytes .* got 10/);
    expect(() => parseIdx(new Uint8Array([...good, 0]))).toThrow(/got 12/);
    expect(() => parseIdx(new Uint8Array([0, 0, 0x0d, 1, 0, 0, 0, 1, 0, 0, 0, 0]))).toThrow(/unsupported type 0xd/);
    expect(() => parseIdx(new Uint8Array([1, 2, 3, 4]))).toThrow(/magic/);
    expect(() => parseIdx(new Uint8Array([0, 0, 8, 3, 0]))).toThrow(/truncated header/);
  });
});
