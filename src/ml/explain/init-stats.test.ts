import { describe, expect, it } from 'vitest';
import { INIT_DEFAULTS, initStats, weightStd } from './init-stats';

const run = (over: Partial<typeof INIT_DEFAULTS>) => initStats({ ...INIT_DEFAULTS, ...over });

describe('weightStd (the schemes)', () => {
  it("gives Glorot's 2/(n_in + n_out) and He's 2/n_in as variances", () => {
    expect(weightStd('glorot', 100, 300) ** 2).toBeCloseTo(2 / 400, 12);
    expect(weightStd('he', 100, 300) ** 2).toBeCloseTo(2 / 100, 12);
    expect(weightStd('small', 100, 100)).toBe(0.01);
    expect(weightStd('large', 100, 100)).toBe(1);
  });
});

describe('initStats (activation statistics through depth)', () => {
  it('keeps the activations and the gradients at their scale with He and ReLU', () => {
    const { activationStd, gradientStd } = run({ scheme: 'he', activation: 'relu', depth: 20 });
    expect(activationStd).toHaveLength(21);
    const ratio = activationStd[20]! / activationStd[1]!;
    expect(ratio).toBeGreaterThan(0.4);
    expect(ratio).toBeLessThan(2.5);
    expect(gradientStd[0]! / gradientStd[20]!).toBeGreaterThan(0.4);
    expect(gradientStd[0]! / gradientStd[20]!).toBeLessThan(2.5);
  });

  it('halves the second moment at each ReLU layer with Glorot (square layers): std × 1/√2 a layer', () => {
    const { activationStd } = run({ scheme: 'glorot', activation: 'relu', depth: 20 });
    const perLayer = (activationStd[20]! / activationStd[1]!) ** (1 / 19);
    expect(perLayer).toBeGreaterThan(0.6);
    expect(perLayer).toBeLessThan(0.8);
  });

  it('makes the signal vanish with σ = 0.01 and explode with σ = 1 (ReLU)', () => {
    expect(run({ scheme: 'small', depth: 10 }).activationStd[10]).toBeLessThan(1e-6);
    expect(run({ scheme: 'large', depth: 10 }).activationStd[10]).toBeGreaterThan(1e6);
  });

  it('saturates tanh with σ = 1: the activations pile up at ±1, yet the gradient still grows (n σ² E[φ′²] > 1)', () => {
    const { activationStd, gradientStd } = run({ scheme: 'large', activation: 'tanh', depth: 10 });
    expect(activationStd[10]).toBeGreaterThan(0.8);
    expect(gradientStd[0]! / gradientStd[10]!).toBeGreaterThan(100);
  });

  it('lets tanh decay only slowly with Glorot (slope 1 at 0, below 1 elsewhere)', () => {
    const { activationStd } = run({ scheme: 'glorot', activation: 'tanh', depth: 20 });
    expect(activationStd[20]! / activationStd[1]!).toBeLessThan(0.9);
    expect(activationStd[20]! / activationStd[1]!).toBeGreaterThan(0.05);
  });

  it('is reproducible from its seed and rejects sizes out of range', () => {
    expect(run({ depth: 3, width: 8, seed: 5 })).toEqual(run({ depth: 3, width: 8, seed: 5 }));
    expect(run({ depth: 3, width: 8, seed: 5 })).not.toEqual(run({ depth: 3, width: 8, seed: 6 }));
    expect(() => run({ depth: 0 })).toThrow(/depth/);
    expect(() => run({ width: 1000 })).toThrow(/width/);
  });
});
