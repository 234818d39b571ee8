import { describe, expect, it } from 'vitest';
import { parseGanFields, type RawGanFields } from './gan-fields';

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
});
