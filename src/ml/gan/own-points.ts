/**
 * A reader's own 2-D points for the GAN lab: a CSV of x,y rows (a header line is optional),
 * checked by line and fitted into the plane the way drawn points lie in it: centred, and scaled
 * so that the larger extent spans the drawing area [−3, 3], the aspect ratio kept.
 * Framework-free.
 */
import { CsvError, parseCsv, parseNumber } from '../data/csv';
import { DEFAULT_VIEW, type View } from './targets';

/** The largest file read, and the most points kept: the drawn target is a sum of this many bumps. */
export const MAX_POINTS_BYTES = 512 * 1024;
export const MAX_OWN_POINTS = 2000;
/** as for drawn points */
export const MIN_OWN_POINTS = 3;
const MAX_PROBLEMS = 5;

export type PointsProblem =
  | { code: 'empty' }
  | { code: 'unclosed-quote'; line: number }
  | { code: 'fields'; line: number; found: number }
  | { code: 'number'; line: number; text: string }
  | { code: 'too-few'; count: number; min: number }
  | { code: 'too-many'; count: number; max: number };

export type PointsResult = { ok: true; points: Float32Array; count: number } | { ok: false; problems: PointsProblem[] };

/**
 * Fits [m, 2] points into a view: centred on the view's centre, the larger extent scaled to the
 * view's smaller side; a single point or points on one spot sit at the centre.
 */
export function fitToPlane(points: ArrayLike<number>, view: View = DEFAULT_VIEW): Float32Array {
  const m = Math.floor(points.length / 2);
  let xMin = Infinity,
    xMax = -Infinity,
    yMin = Infinity,
    yMax = -Infinity;
  for (let i = 0; i < m; i++) {
    xMin = Math.min(xMin, points[2 * i]!);
    xMax = Math.max(xMax, points[2 * i]!);
    yMin = Math.min(yMin, points[2 * i + 1]!);
    yMax = Math.max(yMax, points[2 * i + 1]!);
  }
  const extent = Math.max(xMax - xMin, yMax - yMin);
  const side = Math.min(view.xMax - view.xMin, view.yMax - view.yMin);
  const k = extent > 0 ? side / extent : 0;
  const cx = (view.xMin + view.xMax) / 2;
  const cy = (view.yMin + view.yMax) / 2;
  const out = new Float32Array(2 * m);
  for (let i = 0; i < m; i++) {
    out[2 * i] = cx + (points[2 * i]! - (xMin + xMax) / 2) * k;
    out[2 * i + 1] = cy + (points[2 * i + 1]! - (yMin + yMax) / 2) * k;
  }
  return out;
}

/** The points of a CSV, fitted into the plane, or what is wrong with it, by line. */
export function ownPoints(text: string, view: View = DEFAULT_VIEW): PointsResult {
  let rows;
  try {
    rows = parseCsv(text).rows;
  } catch (error) {
    if (error instanceof CsvError) return { ok: false, problems: [{ code: 'unclosed-quote', line: error.line }] };
    throw error;
  }
  // a first row whose two fields are not both numbers is a header
  const first = rows[0];
  if (first && first.fields.length >= 2 && first.fields.slice(0, 2).some((f) => Number.isNaN(parseNumber(f))))
    rows = rows.slice(1);
  if (rows.length === 0) return { ok: false, problems: [{ code: 'empty' }] };
  if (rows.length > MAX_OWN_POINTS)
    return { ok: false, problems: [{ code: 'too-many', count: rows.length, max: MAX_OWN_POINTS }] };
  const problems: PointsProblem[] = [];
  const xy: number[] = [];
  for (const { line, fields } of rows) {
    if (problems.length >= MAX_PROBLEMS) break;
    if (fields.length !== 2) {
      problems.push({ code: 'fields', line, found: fields.length });
      continue;
    }
    const bad = fields.find((f) => !Number.isFinite(parseNumber(f)));
    if (bad !== undefined) problems.push({ code: 'number', line, text: bad.trim() });
    else xy.push(parseNumber(fields[0]!), parseNumber(fields[1]!));
  }
  if (problems.length > 0) return { ok: false, problems };
  if (xy.length / 2 < MIN_OWN_POINTS)
    return { ok: false, problems: [{ code: 'too-few', count: xy.length / 2, min: MIN_OWN_POINTS }] };
  return { ok: true, points: fitToPlane(xy, view), count: xy.length / 2 };
}
