import { describe, expect, it } from 'vitest';
import { CIFAR_RECORD, CifarError, concatBatches, MAX_CIFAR_FILE_BYTES, parseCifarBatch } from './cifar';

/** n records whose red, green and blue planes hold 1, 2, 3 plus the record number. */
function batch(n: number, label = (r: number) => r % 10): Uint8Array {
  const bytes = new Uint8Array(n * CIFAR_RECORD);
  for (let r = 0; r < n; r++) {
    bytes[r * CIFAR_RECORD] = label(r);
    for (let c = 0; c < 3; c++)
      bytes.fill(c + 1 + r, r * CIFAR_RECORD + 1 + c * 1024, r * CIFAR_RECORD + 1 + (c + 1) * 1024);
  }
  return bytes;
}

const problem = (f: () => unknown) => {
  try {
    f();
  } catch (error) {
    if (error instanceof CifarError) return error.problem;
    throw error;
  }
  throw new Error('no error');
};

describe('parseCifarBatch', () => {
  it('reads labels and interleaves the colour planes into height × width × channels', () => {
    const { images, labels } = parseCifarBatch(batch(3));
    expect(Array.from(labels)).toEqual([0, 1, 2]);
    expect(images.length).toBe(3 * 3072);
    expect(Array.from(images.subarray(0, 6))).toEqual([1, 2, 3, 1, 2, 3]);
    expect(Array.from(images.subarray(2 * 3072, 2 * 3072 + 3))).toEqual([3, 4, 5]);
  });

  it('reads a full official-size batch', () => {
    expect(parseCifarBatch(batch(10_000)).labels.length).toBe(10_000);
  });

  it('names what is wrong with a file that is not a batch', () => {
    expect(problem(() => parseCifarBatch(new Uint8Array(0)))).toEqual({ code: 'empty' });
    expect(problem(() => parseCifarBatch(new Uint8Array(MAX_CIFAR_FILE_BYTES + 1)))).toEqual({
      code: 'too-large',
      bytes: MAX_CIFAR_FILE_BYTES + 1,
    });
    expect(problem(() => parseCifarBatch(Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0, 0])))).toEqual({
      code: 'image',
      format: 'PNG',
    });
    expect(problem(() => parseCifarBatch(batch(2).subarray(0, CIFAR_RECORD + 100)))).toEqual({
      code: 'size',
      bytes: CIFAR_RECORD + 100,
    });
    expect(problem(() => parseCifarBatch(batch(5, (r) => (r === 3 ? 12 : 1))))).toEqual({
      code: 'label',
      record: 3,
      label: 12,
    });
  });

  it('joins batches in order', () => {
    const joined = concatBatches([parseCifarBatch(batch(2)), parseCifarBatch(batch(1, () => 7))]);
    expect(Array.from(joined.labels)).toEqual([0, 1, 7]);
  });
});
