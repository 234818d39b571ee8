import { describe, expect, it } from 'vitest';
import {
  gaussianDensity,
  integrate,
  jensenShannon,
  objective,
  objectiveAtOptimum,
  optimalDiscriminator,
  uniformDensity,
} from './optimal-discriminator';

const LOG4 = Math.log(4);
const range = { from: -12, to: 14 };

describe('the optimal discriminator in one dimension', () => {
  it('integrates a density to 1', () => {
    expect(integrate(gaussianDensity(2, 0.5), range)).toBeCloseTo(1, 9);
    expect(integrate((x) => x * x, { from: 0, to: 3, steps: 7 })).toBeCloseTo(9, 12); // Simpson is exact on cubics
  });

  it('N(0,1) against itself: D* ≡ ½, V(D*) = −log 4, JSD = 0', () => {
    const p = gaussianDensity(0, 1);
    const d = optimalDiscriminator(p, p);
    for (const x of [-3, -0.5, 0, 1, 2.5]) expect(d(x)).toBe(0.5);
    expect(jensenShannon(p, p, range)).toBeCloseTo(0, 12);
    expect(objective(d, p, p, range)).toBeCloseTo(-LOG4, 8);
    expect(objectiveAtOptimum(p, p, range)).toBeCloseTo(-LOG4, 8);
  });

  it('N(0,1) against N(2,1): D*(x) = σ(2 − 2x), ½ at the midpoint', () => {
    const pData = gaussianDensity(0, 1);
    const pG = gaussianDensity(2, 1);
    const d = optimalDiscriminator(pData, pG);
    expect(d(1)).toBeCloseTo(0.5, 12);
    expect(d(0)).toBeCloseTo(1 / (1 + Math.exp(-2)), 12);
    for (const x of [-2, 0.3, 1.7, 4]) expect(d(x)).toBeCloseTo(1 / (1 + Math.exp(2 * x - 2)), 12);

    const jsd = jensenShannon(pData, pG, range);
    expect(jsd).toBeGreaterThan(0);
    expect(jsd).toBeLessThan(Math.log(2));
    // the derivation's identity: plugging D* into V gives −log 4 + 2·JSD
    expect(objective(d, pData, pG, range)).toBeCloseTo(objectiveAtOptimum(pData, pG, range), 8);
    // and D* beats any other discriminator: ½ everywhere, a shifted or a sharpened sigmoid
    const best = objective(d, pData, pG, range);
    const others = [
      () => 0.5,
      (x: number) => 1 / (1 + Math.exp(2 * x - 1)),
      (x: number) => 1 / (1 + Math.exp(4 * x - 4)),
    ];
    for (const other of others) expect(objective(other, pData, pG, range)).toBeLessThan(best - 1e-4);
  });

  it('disjoint supports: JSD = ln 2, V(D*) = 0 (D* separates them perfectly)', () => {
    const pData = uniformDensity(0, 1);
    const pG = uniformDensity(2, 3);
    const r = { from: -0.5, to: 3.5, steps: 40_000 };
    expect(jensenShannon(pData, pG, r)).toBeCloseTo(Math.log(2), 3);
    expect(objectiveAtOptimum(pData, pG, r)).toBeCloseTo(0, 3);
    const d = optimalDiscriminator(pData, pG);
    expect([d(0.5), d(2.5), d(1.5)]).toEqual([1, 0, 0.5]);
  });
});
