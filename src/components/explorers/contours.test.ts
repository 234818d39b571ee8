import { describe, expect, it } from 'vitest';
import { contourPaths, toPixels } from './contours';

const box = { x0: -2, x1: 2, y0: -2, y1: 2 };
const size = { width: 400, height: 400, cols: 40, rows: 40 };

/** the end points of every segment of a path */
const points = (d: string) =>
  [...d.matchAll(/[ML](-?[\d.]+) (-?[\d.]+)/g)].map((m) => ({ x: Number(m[1]), y: Number(m[2]) }));

describe('contourPaths', () => {
  it('draws the level set of x² + y² = r² as points at distance r', () => {
    const [d] = contourPaths(({ x, y }) => x * x + y * y, box, [1], size);
    const ps = points(d!);
    expect(ps.length).toBeGreaterThan(40);
    const { fromPixels } = toPixels(box, size.width, size.height);
    for (const p of ps) {
      const q = fromPixels(p.x, p.y);
      expect(Math.hypot(q.x, q.y)).toBeCloseTo(1, 1);
    }
  });
  it('draws nothing for a level the function never reaches', () => {
    expect(contourPaths(({ x, y }) => x * x + y * y, box, [100], size)).toEqual(['']);
  });
  it('maps the window to pixels and back, y upwards', () => {
    const { px, py, fromPixels } = toPixels(box, 400, 200);
    expect([px(-2), px(2), py(2), py(-2)]).toEqual([0, 400, 0, 200]);
    expect(fromPixels(300, 50)).toEqual({ x: 1, y: 1 });
  });
});
