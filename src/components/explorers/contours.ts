/**
 * Contour lines of a function of two variables by marching squares: the function is sampled on a
 * grid over the plotted window and, for each level, every grid cell that the level crosses gets a
 * straight segment between the crossing points of its edges (found by linear interpolation). The
 * segments of one level are returned as one SVG path in the plot's pixel coordinates.
 */
import type { Box, Point } from '../../ml/explain/optim-paths';

/** The map from the window to pixels (y grows downwards on screen). */
export function toPixels(box: Box, width: number, height: number) {
  return {
    px: (x: number) => ((x - box.x0) / (box.x1 - box.x0)) * width,
    py: (y: number) => ((box.y1 - y) / (box.y1 - box.y0)) * height,
    /** back from pixels to the window */
    fromPixels: (sx: number, sy: number): Point => ({
      x: box.x0 + (sx / width) * (box.x1 - box.x0),
      y: box.y1 - (sy / height) * (box.y1 - box.y0),
    }),
  };
}

const round = (v: number) => Math.round(v * 10) / 10;

/** One SVG path (`M … L …` per segment) for each level, `cols` × `rows` grid cells. */
export function contourPaths(
  f: (p: Point) => number,
  box: Box,
  levels: readonly number[],
  size: { width: number; height: number; cols: number; rows: number },
): string[] {
  const { width, height, cols, rows } = size;
  const { px, py } = toPixels(box, width, height);
  const xAt = (i: number) => box.x0 + ((box.x1 - box.x0) * i) / cols;
  const yAt = (j: number) => box.y0 + ((box.y1 - box.y0) * j) / rows;
  const grid: number[][] = [];
  for (let j = 0; j <= rows; j++) {
    const row: number[] = [];
    for (let i = 0; i <= cols; i++) row.push(f({ x: xAt(i), y: yAt(j) }));
    grid.push(row);
  }
  return levels.map((level) => {
    const parts: string[] = [];
    for (let j = 0; j < rows; j++) {
      for (let i = 0; i < cols; i++) {
        // the cell's corners, counter-clockwise from its lower left
        const corners: [number, number, number][] = [
          [i, j, grid[j]![i]!],
          [i + 1, j, grid[j]![i + 1]!],
          [i + 1, j + 1, grid[j + 1]![i + 1]!],
          [i, j + 1, grid[j + 1]![i]!],
        ];
        const crossings: Point[] = [];
        for (let e = 0; e < 4; e++) {
          const [ia, ja, va] = corners[e]!;
          const [ib, jb, vb] = corners[(e + 1) % 4]!;
          if (va < level === vb < level) continue;
          const s = (level - va) / (vb - va);
          crossings.push({ x: xAt(ia + s * (ib - ia)), y: yAt(ja + s * (jb - ja)) });
        }
        // two crossings: one segment; four (a saddle cell): two, pairing neighbours
        for (let k = 0; k + 1 < crossings.length; k += 2) {
          const a = crossings[k]!;
          const b = crossings[k + 1]!;
          parts.push(`M${round(px(a.x))} ${round(py(a.y))}L${round(px(b.x))} ${round(py(b.y))}`);
        }
      }
    }
    return parts.join('');
  });
}
