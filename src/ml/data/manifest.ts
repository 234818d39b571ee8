/**
 * The data manifest (`data/manifest.json` in the built site) describes every binary file the
 * labs may fetch: what it holds, how big it is, and its SHA-256, so that the browser can show an
 * exact download size before fetching and reject a truncated or corrupted file. Written by
 * scripts/build-data.ts at build time; read defensively by the page, the worker and the offline control.
 *
 * Every file is a little-endian typed array (`uint8`, `int32` or `float32`) with a shape and a
 * **role**: what its numbers are (pixels, class labels, token ids, user or item ids, ratings, a time
 * series, dates, features). Each role allows only the dtypes that make sense for it. A dataset
 * declares its **normalisation**: how a stored value becomes a model input, `(v − min) / (max − min)`
 * (8-bit pixels: `{ min: 0, max: 255 }`), or `null` when values are used as they are.
 *
 * Three sections: `datasets` are image-classification sets (four files: train and test images
 * and labels), `series` are time series (values and dates), `arrays` are any other set of named
 * arrays (a text corpus as token ids, ratings as user id, item id and rating). Version 1 (no
 * roles, no normalisation, uint8 only) is still read: its files get their roles from their
 * place and its image datasets the 8-bit normalisation.
 */

export const MANIFEST_VERSION = 3;

/**
 * Version 3: every file ships gzip-compressed in chunks along its first (example) axis, so that a
 * lab trains as soon as the first chunk has arrived. `bytes` and `sha256` of a chunk are of its
 * decompressed bytes (what the model reads); `gzBytes` is what travels. The file's own `bytes`
 * and `sha256` describe the whole, for reference.
 */
export interface DataChunk {
  /** path relative to the manifest, e.g. "mnist/train-images.0.u8.gz" */
  path: string;
  /** examples (entries of the first axis) in this chunk */
  examples: number;
  /** decompressed bytes */
  bytes: number;
  /** compressed bytes: what is fetched and kept for offline use */
  gzBytes: number;
  /** of the decompressed bytes */
  sha256: string;
}

/** The dtypes a manifest file may have, and how many bytes one value takes. */
export const BYTES_PER_VALUE = { uint8: 1, int32: 4, float32: 4 } as const;
export type DType = keyof typeof BYTES_PER_VALUE;

/** What the numbers of a file are, and the dtypes each may be stored as. */
export const ROLE_DTYPES = {
  /** pixels or any grid of values the model reads as an image, [N, h, w, c] */
  image: ['uint8', 'float32'],
  /** class indices, [N] or [N, 1] */
  label: ['uint8', 'int32'],
  /** token ids of a vocabulary (0 may be padding), [N, length] */
  'token-ids': ['uint8', 'int32'],
  'user-ids': ['int32'],
  'item-ids': ['int32'],
  /** e.g. 1–5 stars, [N] */
  ratings: ['uint8', 'float32'],
  /** the values of a time series, [n] */
  series: ['float32'],
  /** days since 1970-01-01 (UTC), [n] */
  dates: ['int32'],
  /** any other real-valued inputs, [N, …] */
  features: ['uint8', 'float32'],
} as const satisfies Record<string, readonly DType[]>;
export type Role = keyof typeof ROLE_DTYPES;

export interface DataFile<R extends Role = Role, D extends DType = DType> {
  /** path relative to the manifest, e.g. "mnist/train-images.u8" */
  path: string;
  role: R;
  dtype: D;
  /** e.g. [60000, 28, 28, 1] for images, [60000] for labels */
  shape: number[];
  bytes: number;
  sha256: string;
  /** in `arrays` datasets: the examples this file belongs to (files of one split have one length) */
  split?: 'train' | 'test';
  /** version 3: the gzipped chunks the file ships in, in order (absent: the file itself is fetched) */
  chunks?: DataChunk[];
  /** a uint8 file stored at fewer grey levels than its source (lossy, to ship less) */
  quantisation?: Quantisation;
}

/**
 * How a uint8 file was made coarser at build time: each source value v became the nearest of
 * `levels` evenly spaced values over 0…255, round(round(v / s) · s) with s = 255 / (levels − 1), still
 * one uint8 a value, so it is read like any other. The file's `bytes` and `sha256` (and its chunks')
 * are of the stored values; `sourceSha256` is of the source's before quantisation.
 */
export interface Quantisation {
  levels: number;
  /** the largest |stored − source| over the file */
  maxError: number;
  sourceSha256: string;
}

/** A one-dimensional file of a time series. */
export type SeriesFile<R extends 'series' | 'dates' = 'series' | 'dates'> = DataFile<
  R,
  (typeof ROLE_DTYPES)[R][number]
> & { shape: [number] };

/** A stored value v becomes the model input (v − min) / (max − min). */
export interface Normalisation {
  min: number;
  max: number;
}

/** 8-bit values (pixels, quantised spectrograms) to [0, 1]: what every image dataset declares today. */
export const BYTE_RANGE: Normalisation = { min: 0, max: 255 };

export interface DatasetEntry {
  title: string;
  /** where the data came from at build time (package and version) */
  source: string;
  licence: string;
  classes: string[];
  normalisation: Normalisation | null;
  files: Record<'trainImages' | 'testImages', DataFile<'image', 'uint8'>> &
    Record<'trainLabels' | 'testLabels', DataFile<'label', 'uint8'>>;
}

/**
 * A time series for the forecasting lab: n values and their n dates (decode both with
 * `decodeSeries` of ./series).
 */
export interface SeriesEntry {
  title: string;
  /** where the data came from at build time (package and version, original source) */
  source: string;
  licence: string;
  /** unit of the values, e.g. "index points" or "ppm" */
  unit: string;
  /** what one step is: trading days have gaps for weekends and holidays */
  step: 'day' | 'trading-day' | 'month';
  /** float32 [n] */
  values: SeriesFile<'series'>;
  /** int32 [n]: days since 1970-01-01 (UTC), strictly increasing */
  dates: SeriesFile<'dates'>;
}

/** Any other dataset: named arrays, each with its role (decode each with `decodeArray`). */
export interface ArraysEntry {
  title: string;
  source: string;
  licence: string;
  /** names of the classes or of the tokens, when the arrays hold indices into such a list */
  classes?: string[];
  /** of the value files (images, ratings, features); ids and labels are never normalised */
  normalisation: Normalisation | null;
  files: Record<string, DataFile>;
}

export interface DataManifest {
  version: 2 | typeof MANIFEST_VERSION;
  datasets: Record<string, DatasetEntry>;
  /** time series, absent from manifests written before it existed */
  series?: Record<string, SeriesEntry>;
  /** datasets that are not images: absent when there are none */
  arrays?: Record<string, ArraysEntry>;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isRole = (v: unknown): v is Role => typeof v === 'string' && Object.hasOwn(ROLE_DTYPES, v);

/**
 * Checks one file entry. `role` is what its place demands (version 1 files have none of their
 * own); `roles` the roles allowed there when the file must declare its own.
 */
function checkFile(
  name: string,
  value: unknown,
  place: { role?: Role; roles?: readonly Role[]; v1: boolean; v3?: boolean },
) {
  if (!isObject(value)) throw new Error(`manifest: ${name} is not an object`);
  const { path, shape, bytes, sha256, split } = value;
  if (typeof path !== 'string' || path.includes('..') || path.startsWith('/'))
    throw new Error(`manifest: ${name}.path is not a relative path`);
  const role = place.v1 ? place.role : value.role;
  if (
    !isRole(role) ||
    (place.role !== undefined && role !== place.role) ||
    (place.roles && !place.roles.includes(role))
  )
    throw new Error(`manifest: ${name}.role must be ${place.role ?? place.roles?.join(', ') ?? 'a known role'}`);
  const dtypes: readonly DType[] = place.v1
    ? [role === 'series' ? 'float32' : role === 'dates' ? 'int32' : 'uint8']
    : ROLE_DTYPES[role];
  const dtype = value.dtype as DType;
  if (!dtypes.includes(dtype)) throw new Error(`manifest: ${name}.dtype must be ${dtypes.join(' or ')} for ${role}`);
  if (!Array.isArray(shape) || shape.length === 0 || !shape.every((d) => Number.isInteger(d) && d > 0))
    throw new Error(`manifest: ${name}.shape is not a list of positive integers`);
  const count = shape.reduce((a: number, b: number) => a * b, 1);
  if (!Number.isInteger(bytes) || (bytes as number) !== count * BYTES_PER_VALUE[dtype])
    throw new Error(`manifest: ${name}.bytes does not match its shape and dtype`);
  if (typeof sha256 !== 'string' || !/^[0-9a-f]{64}$/.test(sha256))
    throw new Error(`manifest: ${name}.sha256 is not a SHA-256 hex digest`);
  if (split !== undefined && split !== 'train' && split !== 'test')
    throw new Error(`manifest: ${name}.split must be train or test`);
  const file: DataFile = { path, role, dtype, shape: shape as number[], bytes: bytes as number, sha256 };
  if (split !== undefined) file.split = split;
  if (place.v3) file.chunks = checkChunks(name, value.chunks, file);
  if (value.quantisation !== undefined) file.quantisation = checkQuantisation(name, value.quantisation, dtype);
  return file;
}

function checkQuantisation(name: string, value: unknown, dtype: DType): Quantisation {
  const { levels, maxError, sourceSha256 } = isObject(value) ? value : {};
  if (
    dtype !== 'uint8' ||
    !Number.isInteger(levels) ||
    (levels as number) < 2 ||
    (levels as number) > 256 ||
    !Number.isInteger(maxError) ||
    (maxError as number) < 0 ||
    (maxError as number) > 255 ||
    typeof sourceSha256 !== 'string' ||
    !/^[0-9a-f]{64}$/.test(sourceSha256)
  )
    throw new Error(`manifest: ${name}.quantisation needs a uint8 file, levels 2…256, maxError and sourceSha256`);
  return { levels: levels as number, maxError: maxError as number, sourceSha256 };
}

const HEX64 = /^[0-9a-f]{64}$/;

/** A version-3 file's chunks: they cover its examples and bytes exactly, in order. */
function checkChunks(name: string, value: unknown, file: DataFile): DataChunk[] {
  if (!Array.isArray(value) || value.length === 0) throw new Error(`manifest: ${name}.chunks is not a list of chunks`);
  const perExample = file.bytes / file.shape[0]!;
  let examples = 0;
  const chunks = value.map((c: unknown, i) => {
    const at = `${name}.chunks[${i}]`;
    if (!isObject(c)) throw new Error(`manifest: ${at} is not an object`);
    const { path, sha256 } = c;
    if (typeof path !== 'string' || path.includes('..') || path.startsWith('/'))
      throw new Error(`manifest: ${at}.path is not a relative path`);
    const [n, bytes, gzBytes] = [c.examples, c.bytes, c.gzBytes];
    if (!Number.isInteger(n) || (n as number) <= 0)
      throw new Error(`manifest: ${at}.examples is not a positive integer`);
    if (bytes !== (n as number) * perExample) throw new Error(`manifest: ${at}.bytes does not match its examples`);
    if (!Number.isInteger(gzBytes) || (gzBytes as number) <= 0)
      throw new Error(`manifest: ${at}.gzBytes is not a positive integer`);
    if (typeof sha256 !== 'string' || !HEX64.test(sha256))
      throw new Error(`manifest: ${at}.sha256 is not a SHA-256 hex digest`);
    examples += n as number;
    return { path, examples: n as number, bytes: bytes as number, gzBytes: gzBytes as number, sha256 };
  });
  if (examples !== file.shape[0])
    throw new Error(`manifest: ${name}.chunks hold ${examples} examples, not ${file.shape[0]}`);
  return chunks;
}

function checkNormalisation(name: string, value: unknown, v1: boolean, fallback: Normalisation | null) {
  if (v1) return fallback;
  if (value === null) return null;
  if (
    !isObject(value) ||
    !Number.isFinite(value.min) ||
    !Number.isFinite(value.max) ||
    !((value.max as number) > (value.min as number))
  )
    throw new Error(`manifest: ${name}.normalisation must be null or { min, max } with max > min`);
  return { min: value.min as number, max: value.max as number };
}

function checkText<K extends string>(name: string, entry: Record<string, unknown>, keys: readonly K[]) {
  const text = {} as Record<K, string>;
  for (const k of keys) {
    const v = entry[k];
    if (typeof v !== 'string')
      throw new Error(`manifest: ${name} lacks ${keys.slice(0, -1).join(', ')} or ${keys.at(-1)}`);
    text[k] = v;
  }
  return text;
}

function checkClasses(name: string, classes: unknown): asserts classes is string[] {
  if (!Array.isArray(classes) || !classes.every((c) => typeof c === 'string'))
    throw new Error(`manifest: ${name}.classes is not a list of names`);
}

function checkDataset(name: string, entry: unknown, v1: boolean, v3 = false): DatasetEntry {
  if (!isObject(entry) || !isObject(entry.files)) throw new Error(`manifest: dataset ${name} has no files`);
  const text = checkText(`dataset ${name}`, entry, ['title', 'source', 'licence']);
  const { classes } = entry;
  checkClasses(name, classes);
  const at = (key: string, role: 'image' | 'label') => {
    const file = checkFile(`${name}.${key}`, (entry.files as Record<string, unknown>)[key], { role, v1, v3 });
    if (file.dtype !== 'uint8') throw new Error(`manifest: ${name}.${key}.dtype must be uint8 in an image dataset`);
    return file as DataFile<typeof role, 'uint8'>;
  };
  const files = {
    trainImages: at('trainImages', 'image'),
    trainLabels: at('trainLabels', 'label'),
    testImages: at('testImages', 'image'),
    testLabels: at('testLabels', 'label'),
  } as DatasetEntry['files'];
  if (
    files.trainImages.shape[0] !== files.trainLabels.shape[0] ||
    files.testImages.shape[0] !== files.testLabels.shape[0]
  )
    throw new Error(`manifest: dataset ${name} has different numbers of images and labels`);
  const normalisation = checkNormalisation(name, entry.normalisation, v1, BYTE_RANGE);
  return { ...text, classes, normalisation, files };
}

function checkSeries(name: string, entry: unknown, v1: boolean, v3 = false): SeriesEntry {
  if (!isObject(entry)) throw new Error(`manifest: series ${name} is not an object`);
  const text = checkText(`series ${name}`, entry, ['title', 'source', 'licence', 'unit']);
  const { step } = entry;
  if (step !== 'day' && step !== 'trading-day' && step !== 'month')
    throw new Error(`manifest: series ${name}.step must be day, trading-day or month`);
  const values = checkFile(`${name}.values`, entry.values, { role: 'series', v1, v3 });
  const dates = checkFile(`${name}.dates`, entry.dates, { role: 'dates', v1, v3 });
  if (values.shape.length !== 1 || dates.shape.length !== 1 || values.shape[0] !== dates.shape[0])
    throw new Error(`manifest: series ${name} needs one date per value, both of shape [n]`);
  return {
    ...text,
    step,
    values: { ...values, shape: [values.shape[0]!] } as SeriesFile<'series'>,
    dates: { ...dates, shape: [dates.shape[0]!] } as SeriesFile<'dates'>,
  };
}

function checkArrays(name: string, entry: unknown, v3 = false): ArraysEntry {
  if (!isObject(entry) || !isObject(entry.files) || Object.keys(entry.files).length === 0)
    throw new Error(`manifest: arrays ${name} has no files`);
  const text = checkText(`arrays ${name}`, entry, ['title', 'source', 'licence']);
  const { classes } = entry;
  if (classes !== undefined) checkClasses(name, classes);
  const files: Record<string, DataFile> = {};
  const lengths = new Map<string, number>();
  for (const [key, value] of Object.entries(entry.files)) {
    const file = checkFile(`${name}.${key}`, value, { v1: false, v3 });
    files[key] = file;
    if (file.split === undefined) continue;
    const n = lengths.get(file.split) ?? file.shape[0]!;
    if (n !== file.shape[0]) throw new Error(`manifest: arrays ${name} has ${file.split} files of different lengths`);
    lengths.set(file.split, n);
  }
  const normalisation = checkNormalisation(name, entry.normalisation, false, null);
  return { ...text, ...(classes === undefined ? {} : { classes }), normalisation, files };
}

function section<T>(value: unknown, what: string, check: (name: string, entry: unknown) => T): Record<string, T> {
  if (!isObject(value)) throw new Error(`manifest: ${what} is not a record`);
  return Object.fromEntries(Object.entries(value).map(([name, entry]) => [name, check(name, entry)]));
}

/**
 * Validates a parsed manifest of version 3 (chunked), 2, or 1 (read as version 2: roles from each
 * file's place, 8-bit normalisation for image datasets).
 * @throws Error naming the first field that is wrong
 */
export function parseManifest(value: unknown): DataManifest {
  if (
    !isObject(value) ||
    (value.version !== 1 && value.version !== 2 && value.version !== 3) ||
    !isObject(value.datasets)
  )
    throw new Error('manifest: not a version-1, -2 or -3 data manifest');
  const v1 = value.version === 1;
  const v3 = value.version === 3;
  if (v1 && value.arrays !== undefined) throw new Error('manifest: arrays need a version-2 manifest');
  const manifest: DataManifest = {
    version: v3 ? 3 : 2,
    datasets: section(value.datasets, 'datasets', (name, entry) => checkDataset(name, entry, v1, v3)),
  };
  if (value.series !== undefined)
    manifest.series = section(value.series, 'series', (name, entry) => checkSeries(name, entry, v1, v3));
  if (value.arrays !== undefined)
    manifest.arrays = section(value.arrays, 'arrays', (name, entry) => checkArrays(name, entry, v3));
  return manifest;
}

/** Every file the manifest lists, in every section: what the offline control keeps. */
export function manifestFiles(manifest: DataManifest): DataFile[] {
  return [
    ...Object.values(manifest.datasets).flatMap((d) => Object.values(d.files)),
    ...Object.values(manifest.series ?? {}).flatMap((s) => [s.values, s.dates]),
    ...Object.values(manifest.arrays ?? {}).flatMap((a) => Object.values(a.files)),
  ];
}

/** The pieces a file is fetched as: its chunks, or (before version 3) the file itself. */
export function filePieces(file: DataFile): DataChunk[] {
  return (
    file.chunks ?? [
      { path: file.path, examples: file.shape[0]!, bytes: file.bytes, gzBytes: file.bytes, sha256: file.sha256 },
    ]
  );
}

/** Bytes a file takes on the wire (compressed chunks), what a download of it costs. */
export const wireBytes = (file: DataFile): number => filePieces(file).reduce((sum, c) => sum + c.gzBytes, 0);

/** Total bytes fetched for a dataset's files (compressed): what the lab says it will download. */
export function datasetBytes(entry: DatasetEntry | SeriesEntry | ArraysEntry): number {
  const files = 'files' in entry ? Object.values(entry.files) : [entry.values, entry.dates];
  return files.reduce((sum, f) => sum + wireBytes(f), 0);
}

export type TypedArrayOf<D extends DType> = D extends 'uint8'
  ? Uint8Array
  : D extends 'int32'
    ? Int32Array
    : Float32Array;

/**
 * The values of a downloaded file as the typed array its dtype names (little-endian, as every
 * manifest file is; copied when the bytes are not aligned for 4-byte values).
 * @throws Error when the byte count does not match the file's entry
 */
export function decodeArray<D extends DType>(file: DataFile<Role, D>, bytes: Uint8Array): TypedArrayOf<D> {
  if (bytes.length !== file.bytes)
    throw new Error(`${file.path}: ${bytes.length} bytes, the manifest says ${file.bytes}`);
  if (file.dtype === 'uint8') return bytes as TypedArrayOf<D>;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const n = bytes.length / 4;
  const out = file.dtype === 'int32' ? new Int32Array(n) : new Float32Array(n);
  const read =
    file.dtype === 'int32' ? (i: number) => view.getInt32(i * 4, true) : (i: number) => view.getFloat32(i * 4, true);
  for (let i = 0; i < n; i++) out[i] = read(i);
  return out as TypedArrayOf<D>;
}

/**
 * How a dataset's stored values become model inputs, v ↦ (v − min) / range, as two numbers for
 * a hot loop; `null` gives the identity (min 0, range 1). Divides rather than multiplies, so that
 * 8-bit data gives exactly `v / 255`.
 */
export function normaliser(normalisation: Normalisation | null): { min: number; range: number } {
  return normalisation === null
    ? { min: 0, range: 1 }
    : { min: normalisation.min, range: normalisation.max - normalisation.min };
}
