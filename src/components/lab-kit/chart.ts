/**
 * The geometry behind LineChart, free of Svelte and the DOM so it can be unit-tested: the value
 * range of a set of series (linear or logarithmic), the mapping from values to drawing units, the
 * polyline of one series, the decades of a log axis, and the thinning of long series to the ~20
 * rows a data table shows.
 */

/** One point of a curve: x in the data's own units (examples seen, iteration, step …). */
export interface ChartPoint {
  readonly x: number;
  readonly y: number;
}

/** An interval of values; for a log axis, of their base-10 logarithms. */
export interface Range {
  readonly lo: number;
  readonly hi: number;
}

/** What a log axis shows for 0 or a negative value: the bottom of the plot. */
const TINY = 1e-300;

/** y as it is placed on the axis: its logarithm on a log axis. */
export const axisValue = (y: number, log: boolean): number => (log ? Math.log10(Math.max(y, TINY)) : y);

/**
 * The y range of the finite values, widened to include `min` / `max` where given (they are
 * floors and ceilings of the data's range, e.g. a loss chart at least 0.1 high, an accuracy chart
 * exactly 0 to 1 with `clamp`). A log axis spans whole decades, at least two.
 */
export function valueRange(
  values: readonly number[],
  { min, max, log = false, clamp = false }: { min?: number; max?: number; log?: boolean; clamp?: boolean } = {},
): Range {
  const finite = values.filter((v) => Number.isFinite(v) && (!log || v > 0)).map((v) => axisValue(v, log));
  const low = log && min !== undefined ? Math.log10(min) : min;
  const high = log && max !== undefined ? Math.log10(max) : max;
  let lo = clamp && low !== undefined ? low : Math.min(low ?? Infinity, ...finite);
  let hi = clamp && high !== undefined ? high : Math.max(high ?? -Infinity, ...finite);
  if (!Number.isFinite(lo) || !Number.isFinite(hi)) return log ? { lo: -1, hi: 1 } : { lo: 0, hi: 1 };
  if (log) {
    lo = Math.floor(lo);
    hi = Math.ceil(hi);
    if (hi - lo < 2) {
      lo -= 1;
      hi += 1;
    }
  } else if (hi === lo) {
    hi = lo + 1;
  }
  return { lo, hi };
}

/** Maps `range` onto [0, size] (x, left to right) or [size, 0] (y, bottom to top, `flip`). */
export function scale(range: Range, size: number, flip = false): (v: number) => number {
  const span = range.hi - range.lo || 1;
  return (v) => {
    const f = (Math.min(range.hi, Math.max(range.lo, v)) - range.lo) / span;
    return flip ? size - f * size : f * size;
  };
}

/** The `points` attribute of a polyline: finite points only, values outside the range clamped to its edge. */
export function polylinePoints(
  points: readonly ChartPoint[],
  x: (v: number) => number,
  y: (v: number) => number,
  log = false,
): string {
  return points
    .filter((p) => Number.isFinite(p.x) && Number.isFinite(p.y) && (!log || p.y > 0))
    .map((p) => `${x(p.x).toFixed(1)},${y(axisValue(p.y, log)).toFixed(1)}`)
    .join(' ');
}

/** The decades of a log range to label, at most about `most` of them: [hi, …, lo] as exponents. */
export function decades(range: Range, most = 8): number[] {
  const step = Math.max(1, Math.ceil((range.hi - range.lo) / most));
  const ticks: number[] = [];
  for (let e = range.hi; e >= range.lo; e -= step) ticks.push(e);
  return ticks;
}

const SUPERSCRIPT = '⁰¹²³⁴⁵⁶⁷⁸⁹';
/** 10 to a whole power as it is printed: 1, 10, 10⁻³. */
export function powerOfTen(exponent: number): string {
  if (exponent === 0) return '1';
  if (exponent === 1) return '10';
  const digits = [...String(Math.abs(exponent))].map((d) => SUPERSCRIPT[Number(d)]).join('');
  return `10${exponent < 0 ? '⁻' : ''}${digits}`;
}

/** About `rows` items evenly spread over `items`, always with the last one. */
export function thin<T>(items: readonly T[], rows = 20): T[] {
  const step = Math.max(1, Math.ceil(items.length / rows));
  return items.filter((_, i) => i % step === step - 1 || i === items.length - 1);
}
