/**
 * The data manifest (`data/manifest.json` in the built site) describes every binary file the
 * labs may fetch: what it holds, how big it is, and its SHA-256, so that the browser can show an
 * exact download size before fetching and reject a truncated or corrupted file.
 * Written by scripts/build-data.ts at build time; read defensively by the page.
 */

export interface DataFile {
  /** path relative to the manifest, e.g. "mnist/train-images.u8" */
  path: string;
  dtype: 'uint8';
  /** e.g. [60000, 28, 28, 1] for images, [60000] for labels */
  shape: number[];
  bytes: number;
  sha256: string;
}

export interface DatasetEntry {
  title: string;
  /** where the data came from at build time (package and version) */
  source: string;
  licence: string;
  classes: string[];
  files: Record<'trainImages' | 'trainLabels' | 'testImages' | 'testLabels', DataFile>;
}

export interface DataManifest {
  version: 1;
  datasets: Record<string, DatasetEntry>;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function checkFile(name: string, value: unknown): DataFile {
  if (!isObject(value)) throw new Error(`manifest: ${name} is not an object`);
  const { path, dtype, shape, bytes, sha256 } = value;
  if (typeof path !== 'string' || path.includes('..') || path.startsWith('/'))
    throw new Error(`manifest: ${name}.path is not a relative path`);
  if (dtype !== 'uint8') throw new Error(`manifest: ${name}.dtype must be uint8`);
  if (!Array.isArray(shape) || !shape.every((d) => Number.isInteger(d) && d > 0))
    throw new Error(`manifest: ${name}.shape is not a list of positive integers`);
  if (!Number.isInteger(bytes) || (bytes as number) !== shape.reduce((a: number, b: number) => a * b, 1)) {
    throw new Error(`manifest: ${name}.bytes does not match its shape`);
  }
  if (typeof sha256 !== 'string' || !/^[0-9a-f]{64}$/.test(sha256))
    throw new Error(`manifest: ${name}.sha256 is not a SHA-256 hex digest`);
  return { path, dtype, shape: shape as number[], bytes: bytes as number, sha256 };
}

/**
 * Validates a parsed manifest.
 * @throws Error naming the first field that is wrong
 */
export function parseManifest(value: unknown): DataManifest {
  if (!isObject(value) || value.version !== 1 || !isObject(value.datasets))
    throw new Error('manifest: not a version-1 data manifest');
  const datasets: Record<string, DatasetEntry> = {};
  for (const [name, entry] of Object.entries(value.datasets)) {
    if (!isObject(entry) || !isObject(entry.files)) throw new Error(`manifest: dataset ${name} has no files`);
    const { title, source, licence, classes } = entry;
    if (typeof title !== 'string' || typeof source !== 'string' || typeof licence !== 'string')
      throw new Error(`manifest: dataset ${name} lacks title, source or licence`);
    if (!Array.isArray(classes) || !classes.every((c) => typeof c === 'string'))
      throw new Error(`manifest: dataset ${name}.classes is not a list of names`);
    const files = {} as DatasetEntry['files'];
    for (const key of ['trainImages', 'trainLabels', 'testImages', 'testLabels'] as const)
      files[key] = checkFile(`${name}.${key}`, entry.files[key]);
    if (
      files.trainImages.shape[0] !== files.trainLabels.shape[0] ||
      files.testImages.shape[0] !== files.testLabels.shape[0]
    ) {
      throw new Error(`manifest: dataset ${name} has different numbers of images and labels`);
    }
    datasets[name] = { title, source, licence, classes: classes as string[], files };
  }
  return { version: 1, datasets };
}

/** Total bytes of a dataset's files: what the lab says it will download. */
export function datasetBytes(entry: DatasetEntry): number {
  return Object.values(entry.files).reduce((sum, f) => sum + f.bytes, 0);
}
