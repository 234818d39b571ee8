/**
 * What an exercise checks, free of Svelte and the DOM (unit-tested): a typed numeric answer within
 * a tolerance or one of its accepted equivalent forms, and a lab's last run (`data-last-run`,
 * lab-kit/last-run.ts) against a condition. The reader's progress per exercise is kept in
 * localStorage under the exercise's id, the same in both locales.
 */
import type { LastRun } from '../lab-kit/last-run';

export type ExerciseKind = 'check' | 'lab' | 'think';
export type Progress = 'solved' | 'attempted';

/** How far a typed number may be from the answer: absolute, relative (of the answer), or both (either suffices). */
export interface Tolerance {
  abs?: number;
  rel?: number;
}

/** Text as compared with an accepted form: lower case, no spaces, no thousands separators, ASCII operators. */
export function normalise(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\s\u00a0\u2009\u202f]+/g, '')
    .replace(/[×⋅·]/g, '*')
    .replace(/[−–]/g, '-')
    .replace(/[，,](?=\d{3}(\D|$))/g, '')
    .replace(/[。.]$/, '');
}

/** A number as a reader types it: 121,930 · 121 930 · 2.303 · 1/2 · 50 % · 1e-3 · 2^10; NaN otherwise. */
export function parseNumber(text: string): number {
  const s = normalise(text)
    .replace(/，/g, ',')
    .replace(/,(?=\d{3}(\D|$))/g, '');
  const percent = s.endsWith('%');
  const body = percent ? s.slice(0, -1) : s;
  let value: number;
  const fraction = /^(-?[\d.]+(?:e-?\d+)?)\/([\d.]+(?:e-?\d+)?)$/.exec(body);
  const power = /^(-?[\d.]+)\^(-?\d+)$/.exec(body);
  if (fraction) value = Number(fraction[1]) / Number(fraction[2]);
  else if (power) value = Number(power[1]) ** Number(power[2]);
  else value = /^-?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/.test(body) ? Number(body) : Number.NaN;
  return percent ? value / 100 : value;
}

/** Whether `typed` answers a numeric exercise: within the tolerance of `answer`, or one of the accepted forms. */
export function numericMatches(
  typed: string,
  answer: number,
  tolerance: Tolerance = {},
  accept: string[] = [],
): boolean {
  const form = normalise(typed);
  if (form === '') return false;
  if (accept.some((a) => normalise(a) === form)) return true;
  const value = parseNumber(typed);
  if (!Number.isFinite(value)) return false;
  const gap = Math.abs(value - answer);
  const abs = tolerance.abs ?? 0;
  const rel = tolerance.rel ?? 0;
  // a whole-number answer without tolerance must be exact; others get a rounding hair
  return gap <= abs || gap <= rel * Math.abs(answer) || gap <= 1e-9 * Math.max(1, Math.abs(answer));
}

/** One test of a lab's last run: a field (`testAcc`, `loss`, `outcome`, `settings.width` …), an operator and a value. */
export interface RunTest {
  key: string;
  op: '<' | '<=' | '>' | '>=' | '==' | '!=';
  /** a constant, or (with `than`) nothing: the field is compared with another field of the run */
  value?: number | string | boolean;
  /** another field's key (`extra.naiveRmse`): "the LSTM's error < the last value's" */
  than?: string;
}
/** All of `all` and, if given, at least one of `any`. */
export interface RunCondition {
  all?: RunTest[];
  any?: RunTest[];
}

/** A field of a run summary by its dotted key; undefined when absent. */
export function fieldOf(run: LastRun, key: string): number | string | boolean | null | undefined {
  let value: unknown = run;
  for (const part of key.split('.')) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<string, unknown>)[part];
  }
  return value as number | string | boolean | null | undefined;
}

function passes(run: LastRun, test: RunTest): boolean {
  const value = fieldOf(run, test.key);
  const other = test.than === undefined ? test.value : fieldOf(run, test.than);
  if (value === undefined || value === null || other === undefined || other === null) return false;
  switch (test.op) {
    case '==':
      return String(value) === String(other);
    case '!=':
      return String(value) !== String(other);
    default: {
      const a = Number(value);
      const b = Number(other);
      if (!Number.isFinite(a) || !Number.isFinite(b)) return false;
      return test.op === '<' ? a < b : test.op === '<=' ? a <= b : test.op === '>' ? a > b : a >= b;
    }
  }
}

/** Whether a lab's last run meets an exercise's condition. */
export function runMeets(run: LastRun, condition: RunCondition): boolean {
  const all = condition.all ?? [];
  const any = condition.any ?? [];
  return all.every((t) => passes(run, t)) && (any.length === 0 || any.some((t) => passes(run, t)));
}

/** The keys a condition reads, in order, once each (what the lab's message reports back). */
export function conditionKeys(condition: RunCondition): string[] {
  const tests = [...(condition.all ?? []), ...(condition.any ?? [])];
  return [...new Set(tests.flatMap((t) => (t.than === undefined ? [t.key] : [t.key, t.than])))];
}

/** The `data-last-run` attribute's JSON, or undefined when missing or not a run summary. */
export function parseLastRun(json: string | undefined | null): LastRun | undefined {
  if (!json) return undefined;
  try {
    const run = JSON.parse(json) as unknown;
    return run !== null && typeof run === 'object' && 'outcome' in run ? (run as LastRun) : undefined;
  } catch {
    return undefined;
  }
}

export const STORAGE_PREFIX = 'exercise:';

/** The stored progress of an exercise; undefined when none or storage is refused. */
export function readProgress(storage: Storage | undefined, id: string): Progress | undefined {
  try {
    const value = storage?.getItem(STORAGE_PREFIX + id);
    return value === 'solved' || value === 'attempted' ? value : undefined;
  } catch {
    return undefined;
  }
}

/** Records progress (a solved exercise stays solved after a later wrong try). False when storage refused it. */
export function writeProgress(storage: Storage | undefined, id: string, progress: Progress): boolean {
  try {
    if (!storage) return false;
    if (progress === 'attempted' && readProgress(storage, id) === 'solved') return true;
    storage.setItem(STORAGE_PREFIX + id, progress);
    return true;
  } catch {
    return false;
  }
}

/** Forgets the progress of the given exercises. */
export function clearProgress(storage: Storage | undefined, ids: readonly string[]): void {
  try {
    for (const id of ids) storage?.removeItem(STORAGE_PREFIX + id);
  } catch {
    // storage refused: nothing was kept either
  }
}

/** The event the chapter's "reset my answers" sends to every exercise on the page. */
export const RESET_EVENT = 'exercises-reset';
/** The event an exercise sends when its progress changes (the chapter's count listens). */
export const PROGRESS_EVENT = 'exercises-progress';
