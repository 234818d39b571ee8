/**
 * The CIFAR-10 "binary version" (Krizhevsky, 2009), as a reader may load it from disk:
 * `data_batch_1.bin` … `data_batch_5.bin` and `test_batch.bin`, each 10,000 records of one label
 * byte (0–9) and 3,072 pixel bytes: the 1,024 red values of the 32×32 image row by row, then the
 * green, then the blue. The model wants height × width × channels, so the planes are interleaved.
 */

export const CIFAR_RECORD = 1 + 32 * 32 * 3;
export const CIFAR_CLASSES = ['airplane', 'automobile', 'bird', 'cat', 'deer', 'dog', 'frog', 'horse', 'ship', 'truck'];

/**
 * The largest file read: one CIFAR-10 batch is 10,000 records, 30,730,000 bytes. A bigger file is
 * refused before it is read into memory (a reader who picks a 4 GB video by mistake gets a
 * sentence, not a crashed tab).
 */
export const MAX_CIFAR_FILE_BYTES = 32 * 1024 * 1024;
/** at most the five training batches and the test batch */
export const MAX_CIFAR_FILES = 6;

export type CifarProblem =
  | { code: 'empty' }
  | { code: 'too-large'; bytes: number }
  | { code: 'too-many'; files: number }
  | { code: 'image'; format: string }
  | { code: 'size'; bytes: number }
  | { code: 'label'; record: number; label: number };

export class CifarError extends Error {
  constructor(readonly problem: CifarProblem) {
    super(`CIFAR-10: ${JSON.stringify(problem)}`);
    this.name = 'CifarError';
  }
}

const SIGNATURES: [string, number[]][] = [
  ['PNG', [0x89, 0x50, 0x4e, 0x47]],
  ['JPEG', [0xff, 0xd8, 0xff]],
  ['GIF', [0x47, 0x49, 0x46, 0x38]],
  ['gzip', [0x1f, 0x8b]],
];

/**
 * @returns images N × 32 × 32 × 3 (uint8, channels last) and labels N
 * @throws CifarError naming what is wrong: empty, too large, an image or archive, a size that is not whole
 *   records, or a label outside 0–9 (with the record's number)
 */
export function parseCifarBatch(bytes: Uint8Array): { images: Uint8Array; labels: Uint8Array } {
  if (bytes.length === 0) throw new CifarError({ code: 'empty' });
  if (bytes.length > MAX_CIFAR_FILE_BYTES) throw new CifarError({ code: 'too-large', bytes: bytes.length });
  for (const [format, magic] of SIGNATURES) {
    if (magic.every((b, i) => bytes[i] === b)) throw new CifarError({ code: 'image', format });
  }
  if (bytes.length % CIFAR_RECORD !== 0) throw new CifarError({ code: 'size', bytes: bytes.length });
  const n = bytes.length / CIFAR_RECORD;
  const images = new Uint8Array(n * 3072);
  const labels = new Uint8Array(n);
  for (let r = 0; r < n; r++) {
    const at = r * CIFAR_RECORD;
    const label = bytes[at]!;
    if (label > 9) throw new CifarError({ code: 'label', record: r, label });
    labels[r] = label;
    const out = r * 3072;
    for (let p = 0; p < 1024; p++) {
      images[out + p * 3] = bytes[at + 1 + p]!;
      images[out + p * 3 + 1] = bytes[at + 1 + 1024 + p]!;
      images[out + p * 3 + 2] = bytes[at + 1 + 2048 + p]!;
    }
  }
  return { images, labels };
}

/** Joins several parsed batches into one set. */
export function concatBatches(batches: { images: Uint8Array; labels: Uint8Array }[]) {
  const n = batches.reduce((s, b) => s + b.labels.length, 0);
  const images = new Uint8Array(n * 3072);
  const labels = new Uint8Array(n);
  let at = 0;
  for (const b of batches) {
    images.set(b.images, at * 3072);
    labels.set(b.labels, at);
    at += b.labels.length;
  }
  return { images, labels };
}
