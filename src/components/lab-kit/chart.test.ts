import { describe, expect, it } from 'vitest';
import { decades, polylinePoints, powerOfTen, scale, thin, valueRange } from './chart';

describe('valueRange', () => {
  it('spans the finite values, widened by floors and ceilings', () => {
    expect(valueRange([0.5, 2, NaN, Infinity])).toEqual({ lo: 0.5, hi: 2 });
    expect(valueRange([0.05, 0.02], { min: 0, max: 0.1 })).toEqual({ lo: 0, hi: 0.1 });
    expect(valueRange([0.05, 3], { min: 0, max: 0.1 })).toEqual({ lo: 0, hi: 3 });
  });
  it('keeps exactly the given bounds when clamped', () => {
    expect(valueRange([-0.2, 1.3], { min: 0, max: 1, clamp: true })).toEqual({ lo: 0, hi: 1 });
  });
  it('has a height even for one value or none', () => {
    expect(valueRange([3, 3])).toEqual({ lo: 3, hi: 4 });
    expect(valueRange([])).toEqual({ lo: 0, hi: 1 });
  });
  it('spans whole decades on a log axis, ignoring zeros', () => {
    expect(valueRange([0.003, 20, 0], { log: true })).toEqual({ lo: -3, hi: 2 });
    expect(valueRange([2, 3], { log: true })).toEqual({ lo: -1, hi: 2 });
  });
});

describe('scale and polylinePoints', () => {
  it('map values onto the drawing, y upwards, clamped to the range', () => {
    const y = scale({ lo: 0, hi: 2 }, 100, true);
    expect([y(0), y(1), y(2), y(5)]).toEqual([100, 50, 0, 0]);
    const x = scale({ lo: 10, hi: 20 }, 300);
    expect([x(10), x(15), x(0)]).toEqual([0, 150, 0]);
  });
  it('draw finite points only', () => {
    const x = scale({ lo: 0, hi: 2 }, 200);
    const y = scale({ lo: 0, hi: 1 }, 100, true);
    expect(
      polylinePoints(
        [
          { x: 0, y: 0 },
          { x: 1, y: NaN },
          { x: 2, y: 1 },
        ],
        x,
        y,
      ),
    ).toBe('0.0,100.0 200.0,0.0');
  });
  it('place a log axis by decades', () => {
    const y = scale({ lo: -2, hi: 0 }, 100, true);
    expect(polylinePoints([{ x: 0, y: 0.1 }], (v) => v, y, true)).toBe('0.0,50.0');
  });
});

describe('decades, powerOfTen and thin', () => {
  it('label a log axis', () => {
    expect(decades({ lo: -3, hi: 1 })).toEqual([1, 0, -1, -2, -3]);
    expect(decades({ lo: -20, hi: 0 }, 4)).toEqual([0, -5, -10, -15, -20]);
    expect([powerOfTen(0), powerOfTen(1), powerOfTen(-12), powerOfTen(3)]).toEqual(['1', '10', '10⁻¹²', '10³']);
  });
  it('keeps about 20 rows, always with the last', () => {
    const items = Array.from({ length: 95 }, (_, i) => i);
    const rows = thin(items);
    expect(rows.length).toBeLessThanOrEqual(20);
    expect(rows.at(-1)).toBe(94);
    expect(thin([1, 2, 3])).toEqual([1, 2, 3]);
  });
});
