import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../random';
import {
  DEFAULT_VIEW,
  TARGETS,
  fromPoints,
  normalSampler,
  ringCentres,
  ringOfGaussians,
  sampleTarget,
  spiral,
  targetStream,
  twoMoons,
  type TargetName,
} from './targets';

const names = Object.keys(TARGETS) as TargetName[];

function mean(values: number[]): number {
  return values.reduce((a, b) => a + b, 0) / values.length;
}

describe('target samplers', () => {
  it('return [n, 2] float32 and replay by seed', () => {
    for (const name of names) {
      const a = TARGETS[name].sample(50, 3);
      expect(a).toBeInstanceOf(Float32Array);
      expect(a.length).toBe(100);
      expect(Array.from(TARGETS[name].sample(50, 3))).toEqual(Array.from(a));
      expect(Array.from(TARGETS[name].sample(50, 4))).not.toEqual(Array.from(a));
      expect(a.every(Number.isFinite)).toBe(true);
    }
    const drawn = [0, 0, 1, 1];
    expect(fromPoints(drawn, 7, 1).length).toBe(14);
    expect(Array.from(fromPoints(drawn, 7, 1))).toEqual(Array.from(fromPoints(drawn, 7, 1)));
  });

  it('stay in the default view', () => {
    for (const name of names) {
      const a = TARGETS[name].sample(2000, 1);
      for (let i = 0; i < a.length; i += 2) {
        expect(a[i]!).toBeGreaterThan(DEFAULT_VIEW.xMin);
        expect(a[i]!).toBeLessThan(DEFAULT_VIEW.xMax);
        expect(a[i + 1]!).toBeGreaterThan(DEFAULT_VIEW.yMin);
        expect(a[i + 1]!).toBeLessThan(DEFAULT_VIEW.yMax);
      }
    }
  });

  it('draw standard normal numbers', () => {
    const normal = normalSampler(mulberry32(5));
    const xs = Array.from({ length: 20000 }, normal);
    const m = mean(xs);
    expect(Math.abs(m)).toBeLessThan(0.03);
    expect(mean(xs.map((x) => (x - m) ** 2))).toBeCloseTo(1, 1);
  });

  it('ring: every point near the radius, modes evenly used', () => {
    const n = 8000;
    const modes = 8;
    const std = 0.05;
    const a = ringOfGaussians(n, 11, { modes, radius: 2, std });
    const centres = ringCentres(modes, 2);
    const counts = new Array<number>(modes).fill(0);
    for (let i = 0; i < n; i++) {
      const x = a[2 * i]!;
      const y = a[2 * i + 1]!;
      expect(Math.abs(Math.hypot(x, y) - 2)).toBeLessThan(6 * std);
      let best = 0;
      let bestDistance = Infinity;
      for (let k = 0; k < modes; k++) {
        const d = Math.hypot(x - centres[2 * k]!, y - centres[2 * k + 1]!);
        if (d < bestDistance) [best, bestDistance] = [k, d];
      }
      expect(bestDistance).toBeLessThan(6 * std);
      counts[best]! += 1;
    }
    // n/modes = 1000 each; binomial std ≈ 30
    for (const count of counts) expect(Math.abs(count - n / modes)).toBeLessThan(120);
  });

  it('ring centres start on the positive x axis and go round evenly', () => {
    const c = ringCentres(4, 2);
    const expected = [2, 0, 0, 2, -2, 0, 0, -2];
    expected.forEach((v, i) => expect(c[i]!).toBeCloseTo(v, 6));
  });

  it('moons: noiseless arcs fill their known bounding boxes', () => {
    const scale = 1.5;
    const a = twoMoons(2000, 2, { noise: 0, scale });
    const boxes = [
      { x: [-1.5 * scale, 0.5 * scale], y: [-0.25 * scale, 0.75 * scale] }, // upper, even rows
      { x: [-0.5 * scale, 1.5 * scale], y: [-0.75 * scale, 0.25 * scale] }, // lower, odd rows
    ];
    const seen = boxes.map(() => ({ xMin: Infinity, xMax: -Infinity, yMin: Infinity, yMax: -Infinity }));
    for (let i = 0; i < 2000; i++) {
      const box = boxes[i % 2]!;
      const s = seen[i % 2]!;
      const x = a[2 * i]!;
      const y = a[2 * i + 1]!;
      expect(x).toBeGreaterThanOrEqual(box.x[0]! - 1e-5);
      expect(x).toBeLessThanOrEqual(box.x[1]! + 1e-5);
      expect(y).toBeGreaterThanOrEqual(box.y[0]! - 1e-5);
      expect(y).toBeLessThanOrEqual(box.y[1]! + 1e-5);
      [s.xMin, s.xMax, s.yMin, s.yMax] = [
        Math.min(s.xMin, x),
        Math.max(s.xMax, x),
        Math.min(s.yMin, y),
        Math.max(s.yMax, y),
      ];
    }
    seen.forEach((s, m) => {
      // 1000 points on each arc reach close to the box's sides
      expect(s.xMin).toBeCloseTo(boxes[m]!.x[0]!, 1);
      expect(s.xMax).toBeCloseTo(boxes[m]!.x[1]!, 1);
      expect(Math.max(Math.abs(s.yMin - boxes[m]!.y[0]!), Math.abs(s.yMax - boxes[m]!.y[1]!))).toBeLessThan(0.05);
    });
    // and with the default noise, most points stay within 3 noise stds of their box
    const noisy = twoMoons(2000, 2);
    let inside = 0;
    const margin = 3 * 0.05 * scale;
    for (let i = 0; i < 2000; i++) {
      const box = boxes[i % 2]!;
      const x = noisy[2 * i]!;
      const y = noisy[2 * i + 1]!;
      if (x > box.x[0]! - margin && x < box.x[1]! + margin && y > box.y[0]! - margin && y < box.y[1]! + margin)
        inside++;
    }
    expect(inside).toBeGreaterThan(1980);
  });

  it('spiral: noiseless points lie on r = radius · angle / (2π · turns)', () => {
    const turns = 1.5;
    const radius = 2.5;
    const a = spiral(500, 9, { noise: 0, turns, radius });
    for (let i = 0; i < 500; i++) {
      const x = a[2 * i]!;
      const y = a[2 * i + 1]!;
      const t = Math.hypot(x, y) / radius;
      expect(t).toBeLessThanOrEqual(1 + 1e-6);
      const angle = 2 * Math.PI * turns * t;
      expect(x).toBeCloseTo(radius * t * Math.cos(angle), 4);
      expect(y).toBeCloseTo(radius * t * Math.sin(angle), 4);
    }
  });

  it('drawn points: samples stay near a drawn point, and all drawn points are used', () => {
    const drawn = [-1, -1, 1, 1, 2, -2];
    const a = fromPoints(drawn, 3000, 4, { std: 0.02 });
    const counts = [0, 0, 0];
    for (let i = 0; i < 3000; i++) {
      const distances = [0, 1, 2].map((j) => Math.hypot(a[2 * i]! - drawn[2 * j]!, a[2 * i + 1]! - drawn[2 * j + 1]!));
      const j = distances.indexOf(Math.min(...distances));
      expect(distances[j]!).toBeLessThan(0.15);
      counts[j]! += 1;
    }
    for (const c of counts) expect(c).toBeGreaterThan(900);
    expect(() => fromPoints([], 3, 1)).toThrow(/non-empty/);
    expect(() => fromPoints([1, 2, 3], 3, 1)).toThrow(/\[m, 2\]/);
  });

  it('sampleTarget matches the samplers; a stream never repeats a batch', () => {
    expect(Array.from(sampleTarget({ kind: 'ring', modes: 5 }, 20, 8))).toEqual(
      Array.from(ringOfGaussians(20, 8, { modes: 5 })),
    );
    expect(Array.from(sampleTarget({ kind: 'drawn', points: [0, 1] }, 4, 8))).toEqual(
      Array.from(fromPoints([0, 1], 4, 8)),
    );
    const next = targetStream({ kind: 'moons' }, 1);
    const first = next(10);
    expect(Array.from(first)).toEqual(Array.from(twoMoons(10, 1)));
    expect(Array.from(next(10))).not.toEqual(Array.from(first));
  });
});
