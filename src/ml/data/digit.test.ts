import { describe, expect, it } from 'vitest';
import { centreOfMass, preprocessDigit } from './digit';

/** A canvas-sized ink map with a filled rectangle. */
function rect(width: number, height: number, x0: number, y0: number, w: number, h: number): Float32Array {
  const ink = new Float32Array(width * height);
  for (let y = y0; y < y0 + h; y++) for (let x = x0; x < x0 + w; x++) ink[y * width + x] = 1;
  return ink;
}

const bbox = (image: Float32Array) => {
  const rows = new Set<number>();
  const cols = new Set<number>();
  image.forEach((v, i) => {
    if (v > 0.01) {
      rows.add(Math.floor(i / 28));
      cols.add(i % 28);
    }
  });
  return { h: rows.size, w: cols.size };
};

describe('preprocessDigit', () => {
  it('scales the longer side of the ink to 20 pixels, keeping the aspect ratio', () => {
    // a 100 × 200 bar drawn in the corner of a 280 × 280 pad
    const out = preprocessDigit(rect(280, 280, 10, 20, 100, 200), 280, 280);
    expect(bbox(out)).toEqual({ h: 20, w: 10 });
  });

  it('puts the centre of mass at the centre of the 28 × 28 field', () => {
    const out = preprocessDigit(rect(280, 280, 200, 5, 60, 60), 280, 280);
    const [cy, cx] = centreOfMass(out);
    expect(Math.abs(cy - 14)).toBeLessThanOrEqual(0.5);
    expect(Math.abs(cx - 14)).toBeLessThanOrEqual(0.5);
  });

  it('moves the field, not the shape, when the mass is lopsided', () => {
    // an L: its mass sits left of and below its box centre, so the box is placed off-centre
    const ink = rect(200, 200, 20, 20, 40, 160);
    for (let y = 140; y < 180; y++) for (let x = 20; x < 180; x++) ink[y * 200 + x] = 1;
    const out = preprocessDigit(ink, 200, 200);
    const [, cx] = centreOfMass(out);
    expect(Math.abs(cx - 14)).toBeLessThanOrEqual(0.5);
    expect(bbox(out).w).toBe(20);
    const cols = [...out.keys()].filter((i) => out[i]! > 0.01).map((i) => i % 28);
    expect(Math.min(...cols)).toBeGreaterThan(4); // shifted right of the plain 4…23 placement
  });

  it('keeps intensities in [0, 1] and returns zeros for an empty pad', () => {
    const out = preprocessDigit(rect(50, 50, 5, 5, 3, 40), 50, 50);
    expect(Math.max(...out)).toBeLessThanOrEqual(1);
    expect(Math.min(...out)).toBeGreaterThanOrEqual(0);
    expect(preprocessDigit(new Float32Array(100), 10, 10).every((v) => v === 0)).toBe(true);
  });
});
