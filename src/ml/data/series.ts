/**
 * Time series for the forecasting lab: CSV parsing, a split by time, scaling fitted on the
 * training part only, and sliding windows that never look ahead. Framework-free (no tfjs, no
 * DOM): it runs in the build script, the worker, the page and the Node tests alike.
 *
 * The pipeline, for a series of levels v[0..n) (prices, ppm, °C) in date order:
 *
 *   const split = splitByTime(n);                                // train | validation | test, oldest first
 *   const scaler = fitScaler(transformSeries(v, 'difference'), split.train);
 *   const train = makeWindows(v, { window: 24, from: split.train.from, to: split.train.to,
 *                                  transform: 'difference', scaler });
 *   // … the model maps train.xs [count, window, 1] to train.ys [count, 1] …
 *   const forecast = toLevels(predictions, v, test.targetIndex, { transform: 'difference', scaler });
 *   errors(forecast, valuesAt(v, test.targetIndex));            // vs errors(naiveForecast(v, test.targetIndex), …)
 *
 * What the lab predicts. A network fed raw levels must extrapolate whenever the test period lies
 * outside the training range (the S&P 500 of 2017–2020 is above anything in 2000–2014, and CO₂
 * rises every year), and a tanh/sigmoid network cannot. So the honest formulation, and the lab's
 * default, is to predict the *change* from the last observed value — a difference (CO₂, °C) or a
 * log-return (prices) — and to add it back to that value. In these units the last-value forecast
 * is "predict a change of 0", and every error is still reported on the level, in original units.
 *
 * No leakage: every window of a split reads only levels inside that split's [from, to), inputs
 * strictly before the target; the scaler sees only the training range.
 */
import { parseCsv, parseNumber } from './csv';

/** Half-open index range [from, to) into a series. */
export interface IndexRange {
  from: number;
  to: number;
}

/** What a window's inputs and target are, derived from the levels v. */
export type SeriesTransform =
  /** v[i] itself */
  | 'level'
  /** v[i] − v[i−1] */
  | 'difference'
  /** ln(v[i] / v[i−1]); levels must be positive */
  | 'log-return';

// ---------------------------------------------------------------------------------------------
// CSV

export interface SkippedRow {
  /** 1-based line number in the file (the header is line 1) */
  line: number;
  reason: string;
}

export interface ParsedSeries {
  /** ISO dates "YYYY-MM-DD", strictly increasing */
  dates: string[];
  /** one value per date */
  values: Float64Array;
  /** rows left out, and why (bad date, bad value, wrong column count, duplicate date) */
  skipped: SkippedRow[];
}

export interface ParseSeriesOptions {
  dateColumn: string;
  valueColumn: string;
  /** keeps a row when true, e.g. `(row) => row.symbol === 'AAPL'`; called with the raw strings */
  filter?: (row: Readonly<Record<string, string>>) => boolean;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const pad = (n: number, width: number) => String(n).padStart(width, '0');

/**
 * Reads a calendar date as ISO "YYYY-MM-DD". Accepts "2000-01-03" (a time after it is ignored),
 * "2000-01" and "2000" (the first day), and vega-datasets' "Jan 1 2000".
 * @returns undefined for anything else or an impossible date such as 2001-02-29
 */
export function parseDate(text: string): string | undefined {
  const s = text.trim();
  let y: number, m: number, d: number;
  let match = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?(?:[T ].*)?$/.exec(s);
  if (match) {
    y = Number(match[1]);
    m = match[2] === undefined ? 1 : Number(match[2]);
    d = match[3] === undefined ? 1 : Number(match[3]);
  } else if ((match = /^([A-Z][a-z]{2}) (\d{1,2}),? (\d{4})$/.exec(s))) {
    m = MONTHS.indexOf(match[1]!) + 1;
    d = Number(match[2]);
    y = Number(match[3]);
    if (m === 0) return undefined;
  } else return undefined;
  const t = new Date(Date.UTC(y, m - 1, d));
  if (t.getUTCFullYear() !== y || t.getUTCMonth() !== m - 1 || t.getUTCDate() !== d) return undefined;
  return `${pad(y, 4)}-${pad(m, 2)}-${pad(d, 2)}`;
}

/**
 * Parses a CSV of dated values into a series sorted by date. Rows with a bad date, a value that
 * is not a finite decimal number ("", "NA", "null"), the wrong number of fields or a date seen
 * before are left out and listed in `skipped`; rows the filter rejects are left out silently.
 * @throws Error when a named column is missing from the header, or no row is usable
 */
export function parseSeriesCsv(text: string, options: ParseSeriesOptions): ParsedSeries {
  const [head, ...records] = parseCsv(text, ',').rows;
  const header = (head?.fields ?? []).map((h) => h.trim());
  const dateAt = header.indexOf(options.dateColumn);
  const valueAt = header.indexOf(options.valueColumn);
  for (const [name, at] of [
    [options.dateColumn, dateAt],
    [options.valueColumn, valueAt],
  ] as const) {
    if (at < 0) throw new Error(`series CSV: no column "${name}" in the header (${header.join(', ')})`);
  }
  const rows = new Map<string, number>();
  const skipped: SkippedRow[] = [];
  for (const { line, fields } of records) {
    if (fields.length !== header.length) {
      skipped.push({ line, reason: `${fields.length} fields, expected ${header.length}` });
      continue;
    }
    if (options.filter) {
      const row: Record<string, string> = {};
      header.forEach((h, k) => (row[h] = fields[k]!));
      if (!options.filter(row)) continue;
    }
    const date = parseDate(fields[dateAt]!);
    const raw = fields[valueAt]!.trim();
    const value = parseNumber(raw);
    if (date === undefined) skipped.push({ line, reason: `bad date "${fields[dateAt]}"` });
    else if (!Number.isFinite(value)) skipped.push({ line, reason: `bad value "${raw}"` });
    else if (rows.has(date)) skipped.push({ line, reason: `duplicate date ${date}` });
    else rows.set(date, value);
  }
  if (rows.size === 0) throw new Error(`series CSV: no usable row (${skipped.length} skipped)`);
  const dates = [...rows.keys()].sort();
  return { dates, values: Float64Array.from(dates, (d) => rows.get(d)!), skipped };
}

// ---------------------------------------------------------------------------------------------
// Binary form (public/data/series/*.f32 and *.dates.i32)

const DAY_MS = 86_400_000;

/** ISO "YYYY-MM-DD" → whole days since 1970-01-01 (UTC). */
export const isoToDays = (iso: string): number => Date.parse(`${iso}T00:00:00Z`) / DAY_MS;
/** Whole days since 1970-01-01 → ISO "YYYY-MM-DD". */
export const daysToIso = (days: number): string => new Date(days * DAY_MS).toISOString().slice(0, 10);

/**
 * Encodes a series as two little-endian binaries: values as float32 [n] (about 7 significant
 * digits: exact enough for index points, ppm and °C) and dates as int32 days since 1970-01-01 [n].
 */
export function encodeSeries(
  dates: readonly string[],
  values: ArrayLike<number>,
): { values: Uint8Array; dates: Uint8Array } {
  if (dates.length !== values.length) throw new Error('series: dates and values differ in length');
  const v = new DataView(new ArrayBuffer(4 * values.length));
  const d = new DataView(new ArrayBuffer(4 * dates.length));
  for (let i = 0; i < dates.length; i++) {
    const days = isoToDays(dates[i]!);
    if (!Number.isInteger(days)) throw new Error(`series: bad date "${dates[i]}"`);
    v.setFloat32(4 * i, values[i]!, true);
    d.setInt32(4 * i, days, true);
  }
  return { values: new Uint8Array(v.buffer), dates: new Uint8Array(d.buffer) };
}

/** Inverse of {@link encodeSeries}. @throws Error when the byte counts are not 4n and 4n */
export function decodeSeries(valueBytes: Uint8Array, dateBytes: Uint8Array): { dates: string[]; values: Float64Array } {
  if (valueBytes.length % 4 !== 0 || valueBytes.length !== dateBytes.length)
    throw new Error(
      `series: ${valueBytes.length} value bytes and ${dateBytes.length} date bytes do not make n float32 and n int32`,
    );
  const n = valueBytes.length / 4;
  const v = new DataView(valueBytes.buffer, valueBytes.byteOffset, valueBytes.byteLength);
  const d = new DataView(dateBytes.buffer, dateBytes.byteOffset, dateBytes.byteLength);
  return {
    dates: Array.from({ length: n }, (_, i) => daysToIso(d.getInt32(4 * i, true))),
    values: Float64Array.from({ length: n }, (_, i) => v.getFloat32(4 * i, true)),
  };
}

// ---------------------------------------------------------------------------------------------
// Split, scaling, windows

export interface TimeSplit {
  train: IndexRange;
  validation: IndexRange;
  /** the latest part */
  test: IndexRange;
}

/**
 * Splits indices 0..n by time: the oldest `train` fraction, then `validation`, then the rest as
 * test (never shuffled: a forecast is judged on a future it has not seen). Sizes are floored, so
 * the test part gets the rounding remainder.
 * @throws Error for fractions that leave a part empty
 */
export function splitByTime(
  n: number,
  fractions: { train: number; validation: number } = { train: 0.7, validation: 0.15 },
): TimeSplit {
  const { train, validation } = fractions;
  if (!(train > 0 && validation >= 0 && train + validation < 1))
    throw new Error('splitByTime: need train > 0, validation ≥ 0, train + validation < 1');
  const a = Math.floor(n * train);
  const b = a + Math.floor(n * validation);
  if (a === 0 || b === n || (validation > 0 && b === a))
    throw new Error(`splitByTime: ${n} points are too few for these fractions`);
  return { train: { from: 0, to: a }, validation: { from: a, to: b }, test: { from: b, to: n } };
}

/**
 * v transformed point by point (see {@link SeriesTransform}); index 0 is NaN for 'difference' and
 * 'log-return', which need the level before it.
 * @throws Error for 'log-return' of a level that is not positive
 */
export function transformSeries(levels: ArrayLike<number>, transform: SeriesTransform): Float64Array {
  const out = new Float64Array(levels.length);
  for (let i = 0; i < levels.length; i++)
    out[i] = i === 0 && transform !== 'level' ? NaN : change(levels, i, i - 1, transform);
  return out;
}

/** The transform of v[to] relative to v[from] (from < to), or v[to] itself for 'level'. */
function change(levels: ArrayLike<number>, to: number, from: number, transform: SeriesTransform): number {
  const b = levels[to]!;
  if (transform === 'level') return b;
  const a = levels[from]!;
  if (transform === 'difference') return b - a;
  if (!(a > 0 && b > 0)) throw new Error(`log-return of a level that is not positive (index ${a > 0 ? to : from})`);
  return Math.log(b / a);
}

/**
 * Standardisation x ↦ (x − mean) / std. Chosen over min/max: neither keeps a level the training
 * part never reached inside the training range, but a z-score makes no pretence of bounds, and
 * one outlier (the crash of October 2008) would squash a min/max scale for every ordinary day.
 */
export interface Scaler {
  mean: number;
  /** population standard deviation; 1 for a constant range */
  std: number;
}

/**
 * Fits the scaler on `values` inside `range` only (pass the training range: statistics of the
 * validation or test part would leak their level into training). Non-finite values (the NaN at
 * index 0 of a transformed series) are ignored.
 * @throws Error when the range holds no finite value
 */
export function fitScaler(values: ArrayLike<number>, range: IndexRange): Scaler {
  let count = 0;
  let sum = 0;
  for (let i = range.from; i < range.to; i++) {
    if (Number.isFinite(values[i])) {
      count++;
      sum += values[i]!;
    }
  }
  if (count === 0) throw new Error('fitScaler: no finite value in the range');
  const mean = sum / count;
  let squares = 0;
  for (let i = range.from; i < range.to; i++) if (Number.isFinite(values[i])) squares += (values[i]! - mean) ** 2;
  const std = Math.sqrt(squares / count);
  return { mean, std: std > 0 ? std : 1 };
}

/** (x − mean) / std for each x. */
export const scale = (values: ArrayLike<number>, s: Scaler): Float64Array =>
  Float64Array.from(values, (x) => (x - s.mean) / s.std);
/** x · std + mean for each x: back to the transformed units. */
export const unscale = (values: ArrayLike<number>, s: Scaler): Float64Array =>
  Float64Array.from(values, (x) => x * s.std + s.mean);

export interface WindowOptions {
  /** input steps per window */
  window: number;
  /** steps ahead of the last input that the target lies; default 1 */
  horizon?: number;
  /** the split: every level a window reads, inputs and target, lies in [from, to) */
  from: number;
  to: number;
  /** default 'level' */
  transform?: SeriesTransform;
  /** applied to inputs and targets; default none (mean 0, std 1) */
  scaler?: Scaler;
}

export interface Windows {
  count: number;
  /** [count, window, 1], oldest input first: scaled transform of v at t−h−window+1 … t−h */
  xs: Float32Array;
  /** [count, 1]: scaled transform of v[t] relative to v[t−h] (the level v[t] for 'level') */
  ys: Float32Array;
  /** [count]: t, the index of each window's target level */
  targetIndex: Int32Array;
}

/** The lowest level index a window with target t reads. */
export const firstIndexRead = (t: number, window: number, horizon = 1, transform: SeriesTransform = 'level'): number =>
  t - horizon - window + 1 - (transform === 'level' ? 0 : 1);

/**
 * Sliding windows over the levels v, one per target t, for every t whose window fits inside
 * [from, to): the inputs are the transformed steps ending at t−h (a difference at i reads
 * v[i−1] and v[i]), the target is the change from v[t−h] to v[t] (h-step difference or log-return;
 * for horizon > 1 it is scaled with the one-step scaler). So a validation or test window never
 * reads a later split, and a training target never lies in validation. The first
 * window + horizon − 1 (+1 for a transform) points of each split are inputs only.
 * @throws Error for a non-positive window or horizon, a range outside the series, or a
 *   non-positive level under 'log-return'
 */
export function makeWindows(levels: ArrayLike<number>, options: WindowOptions): Windows {
  const { window, horizon = 1, from, to, transform = 'level', scaler = { mean: 0, std: 1 } } = options;
  if (!(Number.isInteger(window) && window > 0 && Number.isInteger(horizon) && horizon > 0))
    throw new Error('makeWindows: window and horizon must be positive integers');
  if (!(Number.isInteger(from) && Number.isInteger(to) && 0 <= from && from <= to && to <= levels.length))
    throw new Error(`makeWindows: range [${from}, ${to}) is not inside a series of ${levels.length}`);
  const first = from + (from - firstIndexRead(from, window, horizon, transform));
  const count = Math.max(0, to - first);
  const xs = new Float32Array(count * window);
  const ys = new Float32Array(count);
  const targetIndex = new Int32Array(count);
  const z = (x: number) => (x - scaler.mean) / scaler.std;
  for (let k = 0; k < count; k++) {
    const t = first + k;
    const last = t - horizon;
    for (let j = 0; j < window; j++) {
      const i = last - window + 1 + j;
      xs[k * window + j] = z(change(levels, i, i - 1, transform));
    }
    ys[k] = z(change(levels, t, last, transform));
    targetIndex[k] = t;
  }
  return { count, xs, ys, targetIndex };
}

/**
 * Turns a model's outputs (scaled, transformed, one per window) back into level forecasts:
 * v[t−h] + change, or v[t−h]·exp(log-return); for 'level' just the unscaled output.
 */
export function toLevels(
  predictions: ArrayLike<number>,
  levels: ArrayLike<number>,
  targetIndex: ArrayLike<number>,
  options: { horizon?: number; transform?: SeriesTransform; scaler?: Scaler } = {},
): Float64Array {
  const { horizon = 1, transform = 'level', scaler = { mean: 0, std: 1 } } = options;
  if (predictions.length !== targetIndex.length) throw new Error('toLevels: one prediction per target is needed');
  return Float64Array.from(targetIndex, (t, k) => {
    const c = predictions[k]! * scaler.std + scaler.mean;
    const base = levels[t - horizon]!;
    return transform === 'level' ? c : transform === 'difference' ? base + c : base * Math.exp(c);
  });
}

/** v[t] for each target t: what the forecasts are scored against. */
export const valuesAt = (levels: ArrayLike<number>, targetIndex: ArrayLike<number>): Float64Array =>
  Float64Array.from(targetIndex, (t) => levels[t]!);

/** The last-value (persistence) forecast v[t−h] for each target t: the baseline to beat. */
export const naiveForecast = (levels: ArrayLike<number>, targetIndex: ArrayLike<number>, horizon = 1): Float64Array =>
  Float64Array.from(targetIndex, (t) => levels[t - horizon]!);

/**
 * Mean absolute and root-mean-square error, in the units of the inputs (pass levels).
 * @throws Error for arrays of different or zero length
 */
export function errors(predicted: ArrayLike<number>, actual: ArrayLike<number>): { mae: number; rmse: number } {
  if (predicted.length !== actual.length || actual.length === 0)
    throw new Error('errors: need two equally long, non-empty arrays');
  let abs = 0;
  let sq = 0;
  for (let i = 0; i < actual.length; i++) {
    const e = predicted[i]! - actual[i]!;
    abs += Math.abs(e);
    sq += e * e;
  }
  return { mae: abs / actual.length, rmse: Math.sqrt(sq / actual.length) };
}

export interface ForecastData {
  split: TimeSplit;
  /** fitted on the training range of the transformed series */
  scaler: Scaler;
  train: Windows;
  validation: Windows;
  test: Windows;
}

/**
 * The whole pipeline at once: split by time, fit the scaler on the training range of the
 * transformed series, and window each split inside itself.
 */
export function forecastData(
  levels: ArrayLike<number>,
  options: {
    window: number;
    horizon?: number;
    transform?: SeriesTransform;
    fractions?: { train: number; validation: number };
  },
): ForecastData {
  const { window, horizon = 1, transform = 'level' } = options;
  const split = splitByTime(levels.length, options.fractions);
  const scaler = fitScaler(transformSeries(levels, transform), split.train);
  const windows = (r: IndexRange) => makeWindows(levels, { window, horizon, transform, scaler, ...r });
  return {
    split,
    scaler,
    train: windows(split.train),
    validation: windows(split.validation),
    test: windows(split.test),
  };
}
