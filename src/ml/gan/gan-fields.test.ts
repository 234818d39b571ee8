import { describe, expect, it } from 'vitest';
import { LIMITS, parseHyperparameters, SEED_BOUNDS } from '../hyperparameters';
import { GAN_LIMITS, parseGanFields, type RawGanFields } from './gan-fields';

const good: RawGanFields = {
  dLearningRate: '0.003',
  gLearningRate: '3e-3',
  dSteps: '1',
  gSteps: '5',
  batchSize: '128',
  iterations: '600',
  seed: '1',
};

describe('the GAN fields', () => {
  it('accepts sensible values', () => {
    expect(parseGanFields(good)).toEqual({
      ok: true,
      value: {
        dLearningRate: 0.003,
        gLearningRate: 0.003,
        dSteps: 1,
        gSteps: 5,
        batchSize: 128,
        iterations: 600,
        seed: 1,
      },
    });
  });

  it.each([
    ['dLearningRate', '0', 'not-positive'],
    ['gLearningRate', '-0.01', 'not-positive'],
    ['gLearningRate', 'NaN', 'not-a-number'],
    ['dLearningRate', '5', 'too-large'],
    ['dSteps', '1.5', 'not-integer'],
    ['gSteps', '1000', 'too-large'],
    ['iterations', '1e9', 'too-large'],
    ['batchSize', '', 'required'],
  ] as const)('rejects %s = %j (%s)', (field, text, code) => {
    const result = parseGanFields({ ...good, [field]: text });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors).toEqual([expect.objectContaining({ field, code })]);
  });

  it('shares the seed and batch size bounds with every other lab: a seed is accepted everywhere or nowhere', () => {
    expect(GAN_LIMITS.seed).toBe(SEED_BOUNDS);
    expect(LIMITS.seed).toBe(SEED_BOUNDS);
    expect(GAN_LIMITS.batchSize).toBe(LIMITS.batchSize);
    for (const seed of ['0', '1e9', '2147483647', '2147483648', '-1', '1.5']) {
      const cnn = parseHyperparameters({
        learningRate: '0.001',
        batchSize: '32',
        epochs: '1',
        optimizer: 'adam',
        seed,
      });
      expect(parseGanFields({ ...good, seed }).ok, seed).toBe(cnn.ok);
    }
  });

  it('offers an example inside the bounds for every field', () => {
    for (const bounds of [...Object.values(GAN_LIMITS), ...Object.values(LIMITS)]) {
      const example = bounds.example ?? bounds.min;
      expect(example).toBeGreaterThanOrEqual(bounds.min);
      expect(example).toBeLessThanOrEqual(bounds.max);
      if (bounds.integer) expect(Number.isInteger(example)).toBe(true);
    }
  });
});
