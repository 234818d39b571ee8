/**
 * The data manifest (`data/manifest.json` in the built site) describes every binary file the
 * labs may fetch: what it holds, how big it is, and its SHA-256, so that the browser can show an
 * exact download size before fetching and reject a truncated or corrupted file. Image datasets
 * (uint8 images and labels) are under `datasets`, time series (float32 values and int32 dates)
 * under the optional `series`. Written by scripts/build-data.ts at build time; read defensively by the page.
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

/** A little-endian binary array of one dimension (4 bytes a value). */
export interface SeriesFile<D extends 'float32' | 'int32' = 'float32' | 'int32'> {
  /** path relative to the manifest, e.g. "series/sp500.f32" */
  path: string;
  dtype: D;
  /** [n] */
  shape: [number];
  bytes: number;
  sha256: string;
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
  values: SeriesFile<'float32'>;
  /** int32 [n]: days since 1970-01-01 (UTC), strictly increasing */
  dates: SeriesFile<'int32'>;
}

export interface DataManifest {
  version: 1;
  datasets: Record<string, DatasetEntry>;
  /** time series, absent from manifests written before it existed */
  series?: Record<string, SeriesEntry>;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

const BYTES_PER_VALUE = { uint8: 1, float32: 4, int32: 4 } as const;

function checkFile<D extends keyof typeof BYTES_PER_VALUE>(name: string, value: unknown, want: D) {
  if (!isObject(value)) throw new Error(`manifest: ${name} is not an object`);
  const { path, dtype, shape, bytes, sha256 } = value;
  if (typeof path !== 'string' || path.includes('..') || path.startsWith('/'))
    throw new Error(`manifest: ${name}.path is not a relative path`);
  if (dtype !== want) throw new Error(`manifest: ${name}.dtype must be ${want}`);
  if (!Array.isArray(shape) || !shape.every((d) => Number.isInteger(d) && d > 0))
    throw new Error(`manifest: ${name}.shape is not a list of positive integers`);
  const count = shape.reduce((a: number, b: number) => a * b, 1);
  if (!Number.isInteger(bytes) || (bytes as number) !== count * BYTES_PER_VALUE[want]) {
    throw new Error(`manifest: ${name}.bytes does not match its shape`);
  }
  if (typeof sha256 !== 'string' || !/^[0-9a-f]{64}$/.test(sha256))
    throw new Error(`manifest: ${name}.sha256 is not a SHA-256 hex digest`);
  return { path, dtype: want, shape: shape as number[], bytes: bytes as number, sha256 };
}

function checkSeries(name: string, entry: unknown): SeriesEntry {
  if (!isObject(entry)) throw new Error(`manifest: series ${name} is not an object`);
  const { title, source, licence, unit, step } = entry;
  if (![title, source, licence, unit].every((s) => typeof s === 'string'))
    throw new Error(`manifest: series ${name} lacks title, source, licence or unit`);
  if (step !== 'day' && step !== 'trading-day' && step !== 'month')
    throw new Error(`manifest: series ${name}.step must be day, trading-day or month`);
  const values = checkFile(`${name}.values`, entry.values, 'float32');
  const dates = checkFile(`${name}.dates`, entry.dates, 'int32');
  if (values.shape.length !== 1 || dates.shape.length !== 1 || values.shape[0] !== dates.shape[0])
    throw new Error(`manifest: series ${name} needs one date per value, both of shape [n]`);
  return {
    title: title as string,
    source: source as string,
    licence: licence as string,
    unit: unit as string,
    step,
    values: { ...values, shape: [values.shape[0]!] },
    dates: { ...dates, shape: [dates.shape[0]!] },
  };
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
      files[key] = checkFile(`${name}.${key}`, entry.files[key], 'uint8');
    if (
      files.trainImages.shape[0] !== files.trainLabels.shape[0] ||
      files.testImages.shape[0] !== files.testLabels.shape[0]
    ) {
      throw new Error(`manifest: dataset ${name} has different numbers of images and labels`);
    }
    datasets[name] = { title, source, licence, classes: classes as string[], files };
  }
  if (value.series === undefined) return { version: 1, datasets };
  if (!isObject(value.series)) throw new Error('manifest: series is not a record of time series');
  const series: Record<string, SeriesEntry> = {};
  for (const [name, entry] of Object.entries(value.series)) series[name] = checkSeries(name, entry);
  return { version: 1, datasets, series };
}

/** Total bytes of a dataset's files: what the lab says it will download. */
export function datasetBytes(entry: DatasetEntry | SeriesEntry): number {
  const files = 'files' in entry ? Object.values(entry.files) : [entry.values, entry.dates];
  return files.reduce((sum, f) => sum + f.bytes, 0);
}
