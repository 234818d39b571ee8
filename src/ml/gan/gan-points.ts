/**
 * The GAN labs' curves from the worker's step rows (no TensorFlow.js): each 'gan-frame' carries one
 * row per step since the last frame, [iteration, D loss, G loss, mean D(x), mean D(G(z))], NaN where
 * a step did not measure a column. The curves want one point per iteration: the mean of that
 * iteration's steps (several with a 1:5 schedule), merged with the last point when a lone D or G step
 * (step mode) belongs to the same iteration.
 */

export interface GanPoint {
  iteration: number;
  dLoss: number;
  gLoss: number;
  dReal: number;
  dFake: number;
}

const COLUMNS = ['dLoss', 'gLoss', 'dReal', 'dFake'] as const;

/**
 * The points after adding a frame's rows.
 * @param points the curve so far (not changed)
 * @param stats rows of 5 numbers
 * @param maxPoints beyond this, every other point is dropped (the last one kept)
 */
export function addGanStats(points: readonly GanPoint[], stats: Float32Array, maxPoints = 600): GanPoint[] {
  const sums = new Map<number, { sum: number[]; count: number[] }>();
  for (let k = 0; k + 4 < stats.length; k += 5) {
    const entry = sums.get(stats[k]!) ?? { sum: [0, 0, 0, 0], count: [0, 0, 0, 0] };
    for (let c = 0; c < 4; c++) {
      const v = stats[k + 1 + c]!;
      if (Number.isFinite(v)) {
        entry.sum[c]! += v;
        entry.count[c]! += 1;
      }
    }
    sums.set(stats[k]!, entry);
  }
  let next = [...points];
  for (const [iteration, e] of sums) {
    const point = { iteration } as GanPoint;
    COLUMNS.forEach((name, c) => (point[name] = e.count[c] ? e.sum[c]! / e.count[c]! : Number.NaN));
    const last = next.at(-1);
    if (last?.iteration === iteration) {
      const merged = { ...last };
      for (const name of COLUMNS) if (Number.isFinite(point[name])) merged[name] = point[name];
      next[next.length - 1] = merged;
    } else next.push(point);
  }
  if (next.length > maxPoints) next = next.filter((_, i) => i % 2 === 0 || i === next.length - 1);
  return next;
}
