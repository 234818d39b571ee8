/**
 * A link to one lab with the reader's settings (framework-free; CopyLink.svelte is its button).
 *
 * The settings travel in the URL's fragment, so the page itself is the same static file and no
 * server ever sees them:
 *
 *   /practice/#lab=cnn-practice&v=1&learningRate=0.01&epochs=2
 *
 * `lab` names the `[data-lab]` root, `v` the format's version, and every other key is one of that
 * lab's settings, present only where it differs from the value the lab starts with. Each lab
 * declares its settings as a list of `ShareField`s (a name, how to read and write it, how to check
 * it); restored values go through that check, which is the same one typed input goes through.
 * Unknown keys are ignored; a link of an unknown (newer) version is refused as a whole; an older
 * version is brought up to date by `MIGRATIONS` (none yet: 1 is the first).
 */

export const SHARE_VERSION = 1;

/**
 * Steps from version n to n + 1 (index n - 1… when there is a version 2, `MIGRATIONS[1]` turns a
 * version-1 link's settings into version 2's: renamed keys, changed units).
 */
export const MIGRATIONS: Record<number, (values: Map<string, string>) => Map<string, string>> = {};

/** One setting a lab shares: what it is called in the URL, and how to read, write and check it. */
export interface ShareField {
  /** the key in the URL: short, readable, stable across builds (e.g. `learningRate`) */
  name: string;
  /** the reader-facing name, for the message about a value that could not be used */
  label?: string;
  /** the current value, as text (as typed, or the option's value) */
  read(): string;
  /** sets the value, as if the reader had typed or chosen it */
  write(value: string): void;
  /** true when `value` is one the reader could have entered (the lab's own validation) */
  accept(value: string): boolean;
}

/** A refused value: which setting, and what the link said. */
export interface Rejected {
  name: string;
  label: string;
  value: string;
}

export type Restored =
  /** the link is not for this lab (or there is no link) */
  | { kind: 'none' }
  /** the link's version is unknown: nothing of it was used */
  | { kind: 'version'; version: string }
  /** the link was for this lab; `rejected` lists what could not be used (those keep their defaults) */
  | { kind: 'applied'; applied: string[]; rejected: Rejected[] };

/** A value as it appears in the URL: percent-encoded, but with , ; : kept readable (lists of points). */
function encodeValue(value: string): string {
  return encodeURIComponent(value).replace(/%2C/gi, ',').replace(/%3B/gi, ';').replace(/%3A/gi, ':');
}

/**
 * The fragment (without `#`) for `lab` with the given settings: only those whose value differs
 * from `defaults` (the values the lab started with), in the fields' order.
 */
export function encodeShare(
  lab: string,
  values: readonly { name: string; value: string }[],
  defaults: ReadonlyMap<string, string>,
): string {
  const parts = [`lab=${encodeValue(lab)}`, `v=${SHARE_VERSION}`];
  for (const { name, value } of values) {
    if (defaults.get(name) === value) continue;
    parts.push(`${encodeValue(name)}=${encodeValue(value)}`);
  }
  return parts.join('&');
}

/** The lab a fragment names, its version and its settings; undefined when it names no lab. */
export function parseShare(hash: string): { lab: string; version: string; values: Map<string, string> } | undefined {
  const text = hash.startsWith('#') ? hash.slice(1) : hash;
  if (!text.startsWith('lab=')) return undefined;
  const values = new Map<string, string>();
  let lab = '';
  let version = '';
  for (const part of text.split('&')) {
    if (part === '') continue;
    const eq = part.indexOf('=');
    const rawKey = eq < 0 ? part : part.slice(0, eq);
    const rawValue = eq < 0 ? '' : part.slice(eq + 1);
    let key: string;
    let value: string;
    try {
      key = decodeURIComponent(rawKey);
      value = decodeURIComponent(rawValue);
    } catch {
      continue; // a broken escape: ignored like an unknown key
    }
    if (key === 'lab') lab = value;
    else if (key === 'v') version = value;
    else if (!values.has(key)) values.set(key, value);
  }
  return lab ? { lab, version, values } : undefined;
}

/** Brings a link's settings up to the current version; undefined when its version is unknown. */
export function migrate(version: string, values: Map<string, string>): Map<string, string> | undefined {
  if (!/^\d+$/.test(version)) return undefined;
  let n = Number(version);
  if (n < 1 || n > SHARE_VERSION) return undefined;
  let current = values;
  while (n < SHARE_VERSION) {
    const step = MIGRATIONS[n];
    if (!step) return undefined;
    current = step(current);
    n += 1;
  }
  return current;
}

/**
 * Applies the link in `hash` to the lab `lab`'s fields: each value the field accepts is written;
 * each it refuses is listed and the field keeps its value. Keys no field has are ignored.
 */
export function restoreShare(hash: string, lab: string, fields: readonly ShareField[]): Restored {
  const link = parseShare(hash);
  if (!link || link.lab !== lab) return { kind: 'none' };
  const values = migrate(link.version, link.values);
  if (!values) return { kind: 'version', version: link.version };
  const applied: string[] = [];
  const rejected: Rejected[] = [];
  for (const field of fields) {
    const value = values.get(field.name);
    if (value === undefined) continue;
    if (field.accept(value)) {
      field.write(value);
      applied.push(field.name);
    } else rejected.push({ name: field.name, label: field.label ?? field.name, value });
  }
  return { kind: 'applied', applied, rejected };
}

/** How a lab reads and writes one of its settings, as text. */
export interface Access {
  get: () => string;
  set: (value: string) => void;
}

/** A setting chosen among a few options (a select). */
export function choiceField(
  name: string,
  options: readonly string[] | (() => readonly string[]),
  label: string,
  access: Access,
): ShareField {
  const list = typeof options === 'function' ? options : () => options;
  return { name, label, read: access.get, write: access.set, accept: (v) => list().includes(v) };
}

/** A setting typed as text, accepted when `accept` (the field's own check of typed text) accepts it. */
export function textField(name: string, accept: (value: string) => boolean, label: string, access: Access): ShareField {
  return { name, label, read: access.get, write: access.set, accept };
}

/** A number typed as text within bounds (inclusive; `integer` refuses fractions). */
export function numberField(
  name: string,
  bounds: { min: number; max: number; integer?: boolean },
  label: string,
  access: Access,
): ShareField {
  return textField(name, (v) => isNumberIn(v, bounds), label, access);
}

export function isNumberIn(value: string, bounds: { min: number; max: number; integer?: boolean }): boolean {
  const text = value.trim();
  if (!/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(text)) return false;
  const n = Number(text);
  return Number.isFinite(n) && n >= bounds.min && n <= bounds.max && (!bounds.integer || Number.isInteger(n));
}

/** Points as compact text: `x,y;x,y` rounded to `digits` decimals, at most `max` of them. */
export function encodePoints(points: readonly { x: number; y: number }[], digits = 2, max = 200): string {
  const round = (v: number) => String(Number(v.toFixed(digits)));
  return points
    .slice(0, max)
    .map((p) => `${round(p.x)},${round(p.y)}`)
    .join(';');
}

/** The points of `encodePoints`, or undefined when the text is not such a list (or too long, or out of `range`). */
export function decodePoints(
  text: string,
  max = 200,
  range = { min: -Infinity, max: Infinity },
): { x: number; y: number }[] | undefined {
  if (text === '') return [];
  const parts = text.split(';');
  if (parts.length > max) return undefined;
  const points: { x: number; y: number }[] = [];
  for (const part of parts) {
    const xy = part.split(',');
    if (xy.length !== 2) return undefined;
    const bounds = { min: range.min, max: range.max };
    if (!isNumberIn(xy[0]!, bounds) || !isNumberIn(xy[1]!, bounds)) return undefined;
    points.push({ x: Number(xy[0]), y: Number(xy[1]) });
  }
  return points;
}

/**
 * A fixed-size grid of numbers (a list is a grid of one row) as a shared setting: rows joined by
 * `;`, cells by `,`. A link's grid is accepted when it has the same shape and every cell passes
 * `accept` (the check of a typed cell).
 */
export function gridField(
  name: string,
  shape: { rows: number; cols: number },
  accept: (cell: string) => boolean,
  label: string,
  access: { get: () => readonly (readonly number[])[]; set: (grid: number[][]) => void },
): ShareField {
  const parse = (text: string): number[][] | undefined => {
    const rows = text.split(';').map((row) => row.split(','));
    if (rows.length !== shape.rows || rows.some((row) => row.length !== shape.cols)) return undefined;
    if (rows.some((row) => row.some((cell) => !accept(cell)))) return undefined;
    return rows.map((row) => row.map(Number));
  };
  return {
    name,
    label,
    read: () =>
      access
        .get()
        .map((row) => row.map((v) => String(v)).join(','))
        .join(';'),
    write: (value) => {
      const grid = parse(value);
      if (grid) access.set(grid);
    },
    accept: (value) => parse(value) !== undefined,
  };
}
