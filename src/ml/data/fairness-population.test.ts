import { describe, expect, it } from 'vitest';
import { baseRates, FAIRNESS_POPULATION, FEATURES, population } from './fairness-population';

describe('the synthetic applicants', () => {
  it('are the same for the same seed, and differ for another', () => {
    const a = population();
    expect(population().test.features).toEqual(a.test.features);
    expect(population({ ...FAIRNESS_POPULATION, seed: 1 }).test.features).not.toEqual(a.test.features);
    expect(a.train.features.length).toBe(FAIRNESS_POPULATION.train * FEATURES);
  });

  it('have about the base rates of their spec, different in the two groups', () => {
    const [blue, orange] = baseRates(population().test);
    expect(blue).toBeGreaterThan(0.55);
    expect(blue).toBeLessThan(0.65);
    expect(orange).toBeGreaterThan(0.35);
    expect(orange).toBeLessThan(0.45);
  });
});
