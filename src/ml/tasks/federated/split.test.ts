import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../../random';
import { chooseClients, classCounts, dirichlet, labelSkew, roundBytes, splitClients, weightedAverage } from './split';

/** 2,000 labels, 200 of each of 10 classes, interleaved */
const labels = Uint8Array.from({ length: 2000 }, (_, i) => i % 10);

describe('splitClients', () => {
  it('deals every example exactly once, IID or skewed', () => {
    for (const alpha of [undefined, 0.1, 1, 100]) {
      const shards = splitClients(labels, 10, 12, alpha, 7);
      expect(shards).toHaveLength(12);
      const all = shards.flatMap((s) => Array.from(s)).sort((a, b) => a - b);
      expect(all).toEqual(Array.from({ length: 2000 }, (_, i) => i));
      expect(shards.every((s) => s.length > 0)).toBe(true);
    }
  });

  it('IID shares are equal within one example and hold every class', () => {
    const shards = splitClients(labels, 10, 15, undefined, 3);
    const sizes = shards.map((s) => s.length);
    expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(1);
    const counts = classCounts(shards, labels, 10);
    expect(counts.every((v) => v > 0)).toBe(true);
  });

  it('is seeded: the same seed gives the same shards, another seed others', () => {
    const a = splitClients(labels, 10, 10, 0.5, 42);
    const b = splitClients(labels, 10, 10, 0.5, 42);
    const c = splitClients(labels, 10, 10, 0.5, 43);
    expect(a.map((s) => Array.from(s))).toEqual(b.map((s) => Array.from(s)));
    expect(a.map((s) => Array.from(s))).not.toEqual(c.map((s) => Array.from(s)));
  });

  it('skews by label as α falls: at α = 0.1 about half of a client’s examples share one class', () => {
    const skew = (alpha: number | undefined) => {
      let sum = 0;
      for (let seed = 1; seed <= 5; seed++)
        sum += labelSkew(classCounts(splitClients(labels, 10, 10, alpha, seed), labels, 10), 10);
      return sum / 5;
    };
    const iid = skew(undefined);
    const wide = skew(100);
    const strong = skew(0.1);
    expect(iid).toBeLessThan(0.16);
    expect(wide).toBeLessThan(0.2);
    expect(strong).toBeGreaterThan(0.4);
    expect(skew(1)).toBeGreaterThan(wide);
    expect(strong).toBeGreaterThan(skew(1));
  });

  it('refuses impossible requests', () => {
    expect(() => splitClients(labels, 10, 0, undefined, 1)).toThrow(RangeError);
    expect(() => splitClients(labels.subarray(0, 5), 10, 6, undefined, 1)).toThrow(RangeError);
    expect(() => splitClients(labels, 10, 5, 0, 1)).toThrow(RangeError);
  });
});

describe('dirichlet', () => {
  it('gives proportions that sum to 1, with mean 1/k', () => {
    const random = mulberry32(9);
    const mean = new Float64Array(4);
    for (let i = 0; i < 2000; i++) {
      const p = dirichlet(0.5, 4, random);
      expect(p.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 10);
      p.forEach((v, j) => (mean[j]! += v / 2000));
    }
    for (const m of mean) expect(m).toBeCloseTo(0.25, 1);
  });
});

describe('weightedAverage (FedAvg)', () => {
  it('weighs each client by its number of examples', () => {
    const a = [Float32Array.of(0, 10), Float32Array.of(1)];
    const b = [Float32Array.of(4, 2), Float32Array.of(5)];
    const [w, bias] = weightedAverage([a, b], [300, 100]);
    expect(Array.from(w!)).toEqual([1, 8]);
    expect(Array.from(bias!)).toEqual([2]);
  });

  it('is the plain mean for equal sizes and ignores empty clients', () => {
    const models = [[Float32Array.of(1)], [Float32Array.of(3)], [Float32Array.of(100)]];
    expect(Array.from(weightedAverage(models, [5, 5, 0])[0]!)).toEqual([2]);
  });

  it('refuses mismatched shapes and all-empty rounds', () => {
    expect(() => weightedAverage([[Float32Array.of(1)], [Float32Array.of(1, 2)]], [1, 1])).toThrow(RangeError);
    expect(() => weightedAverage([[Float32Array.of(1)]], [0])).toThrow(RangeError);
    expect(() => weightedAverage([[Float32Array.of(1)]], [1, 2])).toThrow(RangeError);
  });
});

describe('chooseClients and roundBytes', () => {
  it('chooses ⌈C·K⌉ distinct clients, at least one', () => {
    const random = mulberry32(1);
    expect(chooseClients(10, 0.3, random)).toHaveLength(3);
    expect(chooseClients(10, 0.01, random)).toHaveLength(1);
    const all = chooseClients(20, 1, random);
    expect(all).toEqual(Array.from({ length: 20 }, (_, i) => i));
    const some = chooseClients(15, 0.5, random);
    expect(new Set(some).size).toBe(8);
  });

  it('counts a download and an upload of 4 bytes a parameter per participant', () => {
    expect(roundBytes(101_770, 5)).toBe(101_770 * 4 * 5 * 2);
  });
});
