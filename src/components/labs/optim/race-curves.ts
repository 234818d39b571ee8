/**
 * The optimizer race's curves on the page, from the worker's 'race-train' rows: each optimizer's
 * training loss as the mean of its last `WINDOW` batches (one batch's loss is noisy), at most
 * `MAX_POINTS` points per curve (older ones thinned, never the latest), its training time so far,
 * and whether it dropped out (a NaN loss). Plain data, replaced on every row (never mutated).
 */
import type { RaceEvaluation } from '../../../ml/tasks/optim-race/job';

export const WINDOW = 20;
export const MAX_POINTS = 400;

export interface RaceCurves {
  /** steps seen */
  step: number;
  /** per optimizer: (step, mean loss of the last WINDOW batches) */
  loss: { x: number; y: number }[][];
  /** per optimizer: its last WINDOW batch losses */
  windows: number[][];
  /** per optimizer: its tests so far */
  tests: RaceEvaluation[][];
  /** per optimizer: milliseconds of its own training so far */
  trainingMs: number[];
  diverged: boolean[];
}

export const emptyCurves = (n = 0): RaceCurves => ({
  step: 0,
  loss: Array.from({ length: n }, () => []),
  windows: Array.from({ length: n }, () => []),
  tests: Array.from({ length: n }, () => []),
  trainingMs: new Array<number>(n).fill(0),
  diverged: new Array<boolean>(n).fill(false),
});

/** The curves after one more step's row ([racers, columns]: loss, accuracy, training ms). */
export function trainPoints(curves: RaceCurves, row: Float32Array, columns: number): RaceCurves {
  const step = curves.step + 1;
  const windows = curves.windows.map((w, i) => {
    const loss = row[i * columns]!;
    return Number.isFinite(loss) ? [...w, loss].slice(-WINDOW) : w;
  });
  const loss = curves.loss.map((points, i) => {
    const value = row[i * columns]!;
    if (!Number.isFinite(value)) return points;
    const w = windows[i]!;
    let next = [...points, { x: step, y: w.reduce((a, b) => a + b, 0) / w.length }];
    if (next.length > MAX_POINTS) next = next.filter((_, k) => k % 2 === 0 || k === next.length - 1);
    return next;
  });
  return {
    step,
    loss,
    windows,
    tests: curves.tests,
    trainingMs: curves.trainingMs.map((ms, i) => row[i * columns + 2] ?? ms),
    diverged: curves.diverged.map((d, i) => d || Number.isNaN(row[i * columns]!)),
  };
}

/** Each test row ([racers, columns]: step, accuracy, loss, training ms) added to its optimizer's tests. */
export function testPoints(curves: RaceCurves, row: Float32Array, columns: number): RaceCurves {
  const tests = curves.tests.map((list, i) => {
    const r = row.subarray(i * columns, (i + 1) * columns);
    const point: RaceEvaluation = { step: r[0]!, testAcc: r[1]!, testLoss: r[2]!, trainingMs: r[3]! };
    return Number.isNaN(point.testAcc) ? list : [...list, point];
  });
  return { ...curves, tests };
}
