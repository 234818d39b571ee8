/**
 * Kept runs, free of Svelte and the DOM so it can be unit-tested: a finished run the reader chose
 * to keep (its settings and its curves, thinned), the list of them per lab in the browser's
 * storage (at most KEPT_MAX, the oldest goes first), and the short labels that tell them apart in a
 * legend. Storage that fails (quota, private mode, disabled) never breaks a lab: the functions say
 * so and the lab keeps its runs for this visit only.
 */
import type { ChartPoint } from './chart';

/** A setting as a kept run records it. */
export type SettingValue = string | number | boolean;

export interface KeptRun {
  /** unique within the lab */
  id: string;
  /** when it was kept (ISO 8601) */
  date: string;
  settings: Record<string, SettingValue>;
  /** its curves by name ('loss', 'test-acc', 'd-loss' …): whatever the lab's charts show */
  curves: Record<string, ChartPoint[]>;
  backend?: string;
  samplesPerSec?: number;
}

/** A run as the lab describes it, at the moment the reader keeps it or downloads its log. */
export interface RunSnapshot {
  /** the lab's state: done, or idle after a stop */
  state: string;
  settings: Record<string, SettingValue>;
  curves: Record<string, readonly ChartPoint[]>;
  /** one entry per evaluation (epoch) */
  epochs: Record<string, number>[];
  backend?: string;
  samplesPerSec?: number;
}

/** A lab keeps at most this many runs: the charts stay readable. */
export const KEPT_MAX = 4;
/** Points kept per curve: enough for its shape, little for the storage. */
export const KEPT_POINTS = 60;
const VERSION = 1;

/** The storage key of a lab's kept runs: per lab id, the same in every locale. */
export const storageKey = (labId: string): string => `dl-book:kept-runs:v${VERSION}:${labId}`;

/** The minimal Storage the store needs (localStorage, or a fake in tests). */
export type RunStorage = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

/** About `most` points of a curve, evenly spread, always with the first and the last. */
export function thinCurve(points: readonly ChartPoint[], most = KEPT_POINTS): ChartPoint[] {
  const finite = points.filter((p) => Number.isFinite(p.x) && Number.isFinite(p.y));
  if (finite.length <= most) return finite.map(({ x, y }) => ({ x, y }));
  const step = (finite.length - 1) / (most - 1);
  return Array.from({ length: most }, (_, i) => finite[Math.round(i * step)]!).map(({ x, y }) => ({ x, y }));
}

const isPoint = (p: unknown): p is ChartPoint =>
  typeof p === 'object' &&
  p !== null &&
  typeof (p as ChartPoint).x === 'number' &&
  typeof (p as ChartPoint).y === 'number';

/** A stored run as it must look, or undefined (an old format, a hand-edited value). */
function parseRun(value: unknown): KeptRun | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const r = value as Record<string, unknown>;
  if (typeof r.id !== 'string' || typeof r.date !== 'string') return undefined;
  if (typeof r.settings !== 'object' || r.settings === null || typeof r.curves !== 'object' || r.curves === null)
    return undefined;
  const settings: Record<string, SettingValue> = {};
  for (const [k, v] of Object.entries(r.settings)) {
    if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') settings[k] = v;
  }
  const curves: Record<string, ChartPoint[]> = {};
  for (const [k, v] of Object.entries(r.curves)) {
    if (Array.isArray(v)) curves[k] = v.filter(isPoint).map(({ x, y }) => ({ x, y }));
  }
  return {
    id: r.id,
    date: r.date,
    settings,
    curves,
    ...(typeof r.backend === 'string' ? { backend: r.backend } : {}),
    ...(typeof r.samplesPerSec === 'number' ? { samplesPerSec: r.samplesPerSec } : {}),
  };
}

/** The lab's kept runs; `ok` is false when the storage could not be read (the list is then empty). */
export function loadKept(storage: RunStorage | undefined, labId: string): { runs: KeptRun[]; ok: boolean } {
  if (!storage) return { runs: [], ok: false };
  try {
    const text = storage.getItem(storageKey(labId));
    if (!text) return { runs: [], ok: true };
    const parsed: unknown = JSON.parse(text);
    if (!Array.isArray(parsed)) return { runs: [], ok: true };
    const runs = parsed.map(parseRun).filter((r): r is KeptRun => r !== undefined);
    return { runs: runs.slice(-KEPT_MAX), ok: true };
  } catch {
    // unreadable storage or a corrupt value: start afresh
    return { runs: [], ok: false };
  }
}

/** Writes the lab's kept runs; false when the storage refused (quota, private mode). */
export function saveKept(storage: RunStorage | undefined, labId: string, runs: readonly KeptRun[]): boolean {
  if (!storage) return false;
  try {
    if (runs.length === 0) storage.removeItem(storageKey(labId));
    else storage.setItem(storageKey(labId), JSON.stringify(runs));
    return true;
  } catch {
    return false;
  }
}

/** The list with `run` added at the end (its curves thinned), the oldest dropped beyond KEPT_MAX. */
export function withRun(runs: readonly KeptRun[], run: KeptRun): KeptRun[] {
  const thinned: KeptRun = {
    ...run,
    curves: Object.fromEntries(Object.entries(run.curves).map(([k, v]) => [k, thinCurve(v)])),
  };
  return [...runs.filter((r) => r.id !== run.id), thinned].slice(-KEPT_MAX);
}

export const withoutRun = (runs: readonly KeptRun[], id: string): KeptRun[] => runs.filter((r) => r.id !== id);

/** Keys of a job that are about the page, not the experiment. */
const NOT_SETTINGS = new Set([
  'show',
  'startPaused',
  'minIterationMs',
  'frameIntervalMs',
  'testLimit',
  'quickTestLimit',
  'evaluateEvery',
  'kind',
]);

/** layers that only reshape, not worth a legend's room */
const PLUMBING = new Set(['reshape', 'flatten']);

/**
 * A short text for an array that is a setting: a shape (up to four numbers) as 28×28×1, a list of
 * layers as "conv2d 8 → maxPooling2d → dense 10"; other arrays (data, points) are not settings.
 */
function describeArray(values: readonly unknown[]): string | undefined {
  // data, not a setting: not worth a look
  if (values.length > 64) return undefined;
  if (values.length > 0 && values.length <= 4 && values.every((v) => typeof v === 'number')) return values.join('×');
  const layers = values.filter(
    (v): v is { type: string; units?: unknown; filters?: unknown } =>
      typeof v === 'object' && v !== null && typeof (v as { type?: unknown }).type === 'string',
  );
  if (layers.length === 0 || layers.length !== values.length) return undefined;
  return layers
    .filter((l) => !PLUMBING.has(l.type))
    .map((l) => {
      const size = typeof l.units === 'number' ? l.units : typeof l.filters === 'number' ? l.filters : undefined;
      return size === undefined ? l.type : `${l.type} ${size}`;
    })
    .join(' → ');
}

/**
 * The settings of a run from the job the lab sent: its primitive values (numbers, strings,
 * booleans), up to two objects deep, by their own name (`learningRate`, not `hyper.learningRate`;
 * the first one wins, and `hyper`, the reader's fields, before `model`), and the `kind` of an object under the object's name. Arrays (data, drawn points, layers) are left out: they are not settings a
 * legend can show, except shapes and lists of layers, which are written short (describeArray).
 */
export function jobSettings(job: unknown, depth = 2): Record<string, SettingValue> {
  const out: Record<string, SettingValue> = {};
  const isObject = (v: unknown): v is Record<string, unknown> =>
    typeof v === 'object' && v !== null && !Array.isArray(v) && !ArrayBuffer.isView(v);
  const walk = (value: unknown, level: number) => {
    if (!isObject(value)) return;
    const nested: [string, unknown][] = [];
    for (const [k, v] of Object.entries(value)) {
      if (NOT_SETTINGS.has(k)) continue;
      if (typeof v === 'string' || typeof v === 'boolean' || (typeof v === 'number' && Number.isFinite(v))) {
        if (!(k in out)) out[k] = v;
      } else if (Array.isArray(v) && !(k in out)) {
        const described = describeArray(v);
        if (described) out[k] = described;
      } else if (isObject(v)) {
        // an object's kind is recorded under the object's name: target ring, dataset mnist
        if (typeof v.kind === 'string' && !(k in out)) out[k] = v.kind;
        if (level < depth) nested.push([k, v]);
      }
    }
    // the reader's hyperparameters before the rest, the model's own defaults last
    const order = (k: string) => (k === 'hyper' ? 0 : k === 'model' ? 2 : 1);
    for (const [, v] of nested.sort((a, b) => order(a[0]) - order(b[0]))) walk(v, level + 1);
  };
  walk(job, 0);
  return out;
}

/**
 * The settings that tell the runs apart: those whose values are not the same in all of them
 * (a lone run's, or runs that differ in none: the settings a reader changes most), at most `most`.
 */
export function distinguishing(runs: readonly Pick<KeptRun, 'settings'>[], most = 4): string[] {
  const keys = [...new Set(runs.flatMap((r) => Object.keys(r.settings)))];
  const differ = keys.filter((k) => new Set(runs.map((r) => String(r.settings[k]))).size > 1);
  const rank = (k: string) => (FIRST.includes(k) ? FIRST.indexOf(k) : FIRST.length);
  const chosen = runs.length > 1 && differ.length > 0 ? differ : keys;
  return chosen.sort((a, b) => rank(a) - rank(b)).slice(0, most);
}

/** the settings a reader changes most, named first (the order of the rest is the job's) */
const FIRST = [
  'optimizer',
  'learningRate',
  'dLearningRate',
  'gLearningRate',
  'loss',
  'activation',
  'width',
  'schedule',
  'batchSize',
  'epochs',
  'iterations',
  'name',
  'trainLimit',
];

/** One run's label from the distinguishing keys: "learning rate 0.01 · adam". */
export function settingsLabel(
  settings: Record<string, SettingValue>,
  keys: readonly string[],
  name: (key: string) => string = (k) => k,
): string {
  return keys
    .filter((k) => settings[k] !== undefined)
    .map((k) => `${name(k)} ${String(settings[k])}`)
    .join(' · ');
}
