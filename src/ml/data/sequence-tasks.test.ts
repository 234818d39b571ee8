import { describe, expect, it } from 'vitest';
import { recallFirstSymbol } from './sequence-tasks';

describe('recallFirstSymbol', () => {
  const task = { length: 12, symbols: 4, distractors: 3 };
  const data = recallFirstSymbol(task, 200, 5);

  it('lays sequences out as [length, channels, 1] one-hot rows', () => {
    expect(data.imageShape).toEqual([12, 7, 1]);
    expect(data.images).toHaveLength(200 * 12 * 7);
    for (let n = 0; n < 200; n++)
      for (let t = 0; t < 12; t++) {
        const row = data.images.subarray((n * 12 + t) * 7, (n * 12 + t + 1) * 7);
        expect(row.filter((v) => v === 255)).toHaveLength(1);
        expect(row.filter((v) => v !== 0 && v !== 255)).toHaveLength(0);
      }
  });

  it('labels each sequence with its first symbol, and shows only distractors after it', () => {
    for (let n = 0; n < 200; n++) {
      const base = n * 12 * 7;
      expect(data.images[base + data.labels[n]!]).toBe(255);
      for (let t = 1; t < 12; t++) {
        const row = data.images.subarray(base + t * 7, base + (t + 1) * 7);
        expect(row.indexOf(255)).toBeGreaterThanOrEqual(4);
      }
    }
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
    expect(() => recallFirstSymbol({ ...task, distractors: 0.5 }, 10, 1)).toThrow(/distractors/);
  });
});
