import { describe, expect, it } from 'vitest';
import { channelsOf, recallFirstSymbol } from './sequence-tasks';

describe('recallFirstSymbol', () => {
  const task = { length: 12, symbols: 4 };
  const data = recallFirstSymbol(task, 200, 5);
  const row = (n: number, t: number) => data.images.subarray((n * 12 + t) * 5, (n * 12 + t + 1) * 5);

  it('lays sequences out as [length, symbols + 1, 1] rows of 0 and 255', () => {
    expect(channelsOf(task)).toBe(5);
    expect(data.imageShape).toEqual([12, 5, 1]);
    expect(data.images).toHaveLength(200 * 12 * 5);
    expect(data.images.every((v) => v === 0 || v === 255)).toBe(true);
  });

  it('marks the first step, whose symbol is the label; later steps show one symbol of the same alphabet', () => {
    for (let n = 0; n < 200; n++) {
      expect(Array.from(row(n, 0))).toEqual([0, 1, 2, 3].map((s) => (s === data.labels[n] ? 255 : 0)).concat(255));
      for (let t = 1; t < 12; t++) {
        expect(row(n, t)[4]).toBe(0);
        expect(row(n, t).filter((v) => v === 255)).toHaveLength(1);
      }
    }
    // the distractors use every symbol, the label's included: only the marker tells the clue apart
    const later = new Set<number>();
    for (let t = 1; t < 12; t++) later.add(row(0, t).indexOf(255));
    expect(later.size).toBeGreaterThan(1);
  });

  it('balances the classes and is reproducible from its seed', () => {
    const counts = [0, 0, 0, 0];
    data.labels.forEach((l) => counts[l]!++);
    expect(counts).toEqual([50, 50, 50, 50]);
    expect(recallFirstSymbol(task, 200, 5).images).toEqual(data.images);
    expect(recallFirstSymbol(task, 200, 6).images).not.toEqual(data.images);
  });

  it('rejects impossible tasks', () => {
    expect(() => recallFirstSymbol({ ...task, length: 1 }, 10, 1)).toThrow(/length/);
    expect(() => recallFirstSymbol({ ...task, symbols: 1 }, 10, 1)).toThrow(/symbols/);
    expect(() => recallFirstSymbol({ ...task, length: 2.5 }, 10, 1)).toThrow(/length/);
  });
});
