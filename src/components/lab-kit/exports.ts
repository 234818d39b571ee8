/**
 * What the reader takes away from a lab, built free of the DOM so it can be unit-tested: a chart's
 * table as CSV, and a run's log as JSON (its settings, per-epoch metrics, training curve, backend,
 * speed, date, the book's lab id and a format version).
 */
import type { ChartPoint } from './chart';
import type { SettingValue } from './runs';

/** One CSV field (RFC 4180): quoted when it holds a comma, a quote or a line break. */
const field = (value: string): string => (/[",\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value);

/** A table as CSV: the header row, then one line per row, CRLF line ends as RFC 4180 asks. */
export function tableCsv(columns: readonly string[], rows: readonly { cells: readonly string[] }[]): string {
  return [columns, ...rows.map((r) => r.cells)].map((cells) => cells.map(field).join(',')).join('\r\n') + '\r\n';
}

/** A file name from a lab id and what it holds: "cnn-practice-loss.csv". */
export function fileName(labId: string, what: string, extension: string): string {
  const slug = (s: string) =>
    s
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '');
  return `${[slug(labId), slug(what)].filter(Boolean).join('-') || 'chart'}.${extension}`;
}

export const RUN_LOG_FORMAT = 'deep-learning-book/run-log';
export const RUN_LOG_VERSION = 1;

export interface RunLogInput {
  labId: string;
  /** the run's state at download: done, or idle after a stop */
  state: string;
  settings: Record<string, SettingValue>;
  /** one entry per evaluation (epoch), as the lab reports it */
  epochs: readonly Record<string, number>[];
  /** the curves as drawn: training loss, the GAN's losses … */
  curves: Record<string, readonly ChartPoint[]>;
  backend?: string;
  samplesPerSec?: number;
  date: Date;
}

/** The run log, as an object ready for JSON.stringify (non-finite numbers become null). */
export function runLog(input: RunLogInput): Record<string, unknown> {
  const num = (v: number) => (Number.isFinite(v) ? v : null);
  return {
    format: RUN_LOG_FORMAT,
    version: RUN_LOG_VERSION,
    lab: input.labId,
    date: input.date.toISOString(),
    state: input.state,
    backend: input.backend ?? null,
    samplesPerSec: input.samplesPerSec === undefined ? null : num(input.samplesPerSec),
    settings: input.settings,
    epochs: input.epochs.map((e) => Object.fromEntries(Object.entries(e).map(([k, v]) => [k, num(v)]))),
    curves: Object.fromEntries(
      Object.entries(input.curves).map(([k, points]) => [k, points.map((p) => [num(p.x), num(p.y)])]),
    ),
  };
}
