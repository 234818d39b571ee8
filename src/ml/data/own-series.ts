/**
 * A reader's own time series for the forecaster: a CSV with a header, a date column and a value
 * column (the reader picks both). Checked before anything trains, with every problem tied to the
 * line of the file it is on. Framework-free; the page reads the file and says the problems.
 */
import { CsvError, parseCsv, parseNumber, type Csv } from './csv';
import { forecastData, parseDate, type SeriesTransform } from './series';

/** The largest file read: about 100,000 rows of dated values, far more than a window needs. */
export const MAX_SERIES_BYTES = 2 * 1024 * 1024;
/** The date forms accepted (ISO 8601 calendar dates); the lab's text lists them. */
export const SERIES_DATE_FORMATS = ['yyyy-mm-dd', 'yyyy-mm', 'yyyy'] as const;
/** The most problems reported at once: enough to see a pattern, few enough to read. */
const MAX_PROBLEMS = 5;

export type SeriesProblem =
  | { code: 'empty' }
  | { code: 'unclosed-quote'; line: number }
  | { code: 'fields'; line: number; found: number; expected: number }
  | { code: 'date'; line: number; text: string }
  | { code: 'missing'; line: number }
  | { code: 'value'; line: number; text: string }
  | { code: 'duplicate'; line: number; date: string; first: number }
  | { code: 'same-column' }
  | { code: 'too-short'; count: number; needed: number };

export interface OwnSeries {
  /** ISO dates, oldest first */
  dates: string[];
  levels: Float64Array;
}

export type SeriesResult = { ok: true; series: OwnSeries } | { ok: false; problems: SeriesProblem[] };

/** A CSV and its header, or the reason it cannot be read at all. */
export function readTable(
  text: string,
): { ok: true; csv: Csv; header: string[] } | { ok: false; problem: SeriesProblem } {
  let csv: Csv;
  try {
    csv = parseCsv(text);
  } catch (error) {
    if (error instanceof CsvError) return { ok: false, problem: { code: 'unclosed-quote', line: error.line } };
    throw error;
  }
  if (csv.rows.length < 2) return { ok: false, problem: { code: 'empty' } };
  return { ok: true, csv, header: csv.rows[0]!.fields.map((h) => h.trim()) };
}

/** The columns a reader most likely means: a column named like a date, and the first other one. */
export function guessColumns(header: readonly string[]): { date: number; value: number } {
  const named = header.findIndex((h) => /date|time|day|month|year|period|日期|时间|年|月/i.test(h));
  const date = named >= 0 ? named : 0;
  const value = header.findIndex((_, i) => i !== date);
  return { date, value: value >= 0 ? value : date };
}

/** A date in one of SERIES_DATE_FORMATS as "yyyy-mm-dd" (the first day for a month or a year). */
export function parseIsoDate(text: string): string | undefined {
  const s = text.trim();
  return /^\d{4}(-\d{2}(-\d{2})?)?$/.test(s) ? parseDate(s) : undefined;
}

/**
 * The fewest points a series needs for a window: every part of the split by time (70 % training,
 * 15 % validation, 15 % test) must hold at least one whole window and its target.
 */
export function minimumLength(window: number, transform: SeriesTransform): number {
  for (let n = window + 2; n < 100_000; n++) {
    try {
      const d = forecastData(new Float64Array(n).fill(1), { window, transform });
      if (d.train.count > 0 && d.validation.count > 0 && d.test.count > 0) return n;
    } catch {
      // too few points for the split: try one more
    }
  }
  return Infinity;
}

/**
 * The series in the chosen columns, sorted by date, or what is wrong with it, by line: a row
 * with the wrong number of fields, a date not in the accepted forms, a missing value (a gap), a
 * value that is not a number, a date given twice; then a series too short for the window.
 */
export function ownSeries(
  csv: Csv,
  columns: { date: number; value: number },
  window: number,
  transform: SeriesTransform,
): SeriesResult {
  if (columns.date === columns.value) return { ok: false, problems: [{ code: 'same-column' }] };
  const [head, ...rows] = csv.rows;
  const expected = head!.fields.length;
  const problems: SeriesProblem[] = [];
  const seen = new Map<string, { line: number; value: number }>();
  for (const { line, fields } of rows) {
    if (problems.length >= MAX_PROBLEMS) break;
    if (fields.length !== expected) {
      problems.push({ code: 'fields', line, found: fields.length, expected });
      continue;
    }
    const dateText = fields[columns.date]!;
    const valueText = fields[columns.value]!;
    const date = parseIsoDate(dateText);
    const value = parseNumber(valueText);
    if (date === undefined) problems.push({ code: 'date', line, text: dateText.trim() });
    else if (valueText.trim() === '') problems.push({ code: 'missing', line });
    else if (!Number.isFinite(value)) problems.push({ code: 'value', line, text: valueText.trim() });
    else if (seen.has(date)) problems.push({ code: 'duplicate', line, date, first: seen.get(date)!.line });
    else seen.set(date, { line, value });
  }
  if (problems.length > 0) return { ok: false, problems };
  const needed = minimumLength(window, transform);
  if (seen.size < needed) return { ok: false, problems: [{ code: 'too-short', count: seen.size, needed }] };
  const dates = [...seen.keys()].sort();
  return { ok: true, series: { dates, levels: Float64Array.from(dates, (d) => seen.get(d)!.value) } };
}
