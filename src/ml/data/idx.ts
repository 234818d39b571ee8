/**
 * The IDX format MNIST and Fashion-MNIST are distributed in: a 4-byte magic number
 * (0x00 0x00, a type code, the number of dimensions), one big-endian uint32 per dimension, then
 * the values in row-major order. Only unsigned bytes (type 0x08) occur in these data sets.
 */

export interface IdxArray {
  shape: number[];
  /** a view into the input buffer, not a copy */
  data: Uint8Array;
}

/**
 * Parses an IDX file of unsigned bytes.
 * @throws Error naming the problem for a wrong magic number, type, or a truncated file
 */
export function parseIdx(bytes: Uint8Array): IdxArray {
  if (bytes.length < 4) throw new Error('IDX: file too short for a header');
  if (bytes[0] !== 0 || bytes[1] !== 0) throw new Error('IDX: bad magic number');
  if (bytes[2] !== 0x08) throw new Error(`IDX: unsupported type 0x${bytes[2]!.toString(16)} (only unsigned bytes)`);
  const rank = bytes[3]!;
  const headerBytes = 4 + 4 * rank;
  if (bytes.length < headerBytes) throw new Error('IDX: truncated header');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const shape = Array.from({ length: rank }, (_, i) => view.getUint32(4 + 4 * i, false));
  const count = shape.reduce((a, b) => a * b, 1);
  if (bytes.length !== headerBytes + count) {
    throw new Error(`IDX: expected ${headerBytes + count} bytes for shape [${shape.join(', ')}], got ${bytes.length}`);
  }
  return { shape, data: bytes.subarray(headerBytes) };
}
