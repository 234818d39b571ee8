import { describe, expect, it } from 'vitest';
import { learningRateAt, parseHyperparameters } from './hyperparameters';

const good = { learningRate: '0.001', batchSize: '32', epochs: '1', optimizer: 'adam', seed: '42' };

describe('parseHyperparameters', () => {
  it('accepts sensible values, from text or numbers', () => {
    expect(parseHyperparameters(good)).toEqual({
      ok: true,
      value: { learningRate: 0.001, batchSize: 32, epochs: 1, optimizer: 'adam', seed: 42, schedule: 'constant' },
    });
    expect(parseHyperparameters({ ...good, learningRate: '1e-3', batchSize: 64 })).toMatchObject({
      ok: true,
      value: { learningRate: 0.001, batchSize: 64 },
    });
  });

  it.each([
    ['0', { field: 'learningRate', code: 'not-positive' }],
    ['-0.1', { field: 'learningRate', code: 'not-positive' }],
    ['NaN', { field: 'learningRate', code: 'not-a-number' }],
    ['abc', { field: 'learningRate', code: 'not-a-number' }],
    ['Infinity', { field: 'learningRate', code: 'not-a-number' }],
    ['0x10', { field: 'learningRate', code: 'not-a-number' }],
    ['', { field: 'learningRate', code: 'required' }],
    ['5', { field: 'learningRate', code: 'too-large', limit: 1 }],
    ['1e-9', { field: 'learningRate', code: 'too-small', limit: 1e-6 }],
  ])('learning rate %j → %o', (learningRate, error) => {
    expect(parseHyperparameters({ ...good, learningRate })).toEqual({ ok: false, errors: [error] });
  });

  it('rejects fractional, zero and huge batch sizes and epochs', () => {
    expect(parseHyperparameters({ ...good, batchSize: '2.5' })).toEqual({
      ok: false,
      errors: [{ field: 'batchSize', code: 'not-integer' }],
    });
    expect(parseHyperparameters({ ...good, batchSize: '0' })).toEqual({
      ok: false,
      errors: [{ field: 'batchSize', code: 'not-positive' }],
    });
    expect(parseHyperparameters({ ...good, epochs: '1e9' })).toEqual({
      ok: false,
      errors: [{ field: 'epochs', code: 'too-large', limit: 100 }],
    });
  });

  it('allows seed 0 but not a negative seed', () => {
    expect(parseHyperparameters({ ...good, seed: '0' }).ok).toBe(true);
    expect(parseHyperparameters({ ...good, seed: '-1' })).toEqual({
      ok: false,
      errors: [{ field: 'seed', code: 'too-small', limit: 0 }],
    });
  });

  it('reports every bad field at once, and an unknown optimizer', () => {
    const result = parseHyperparameters({
      learningRate: 'x',
      batchSize: '',
      epochs: '-2',
      optimizer: 'lion',
      seed: '1',
    });
    expect(result).toEqual({
      ok: false,
      errors: [
        { field: 'learningRate', code: 'not-a-number' },
        { field: 'batchSize', code: 'required' },
        { field: 'epochs', code: 'not-positive' },
        { field: 'optimizer', code: 'unknown-option' },
      ],
    });
  });

  it('takes a learning-rate schedule, constant when absent, and refuses an unknown one', () => {
    expect(parseHyperparameters({ ...good, schedule: 'cosine' })).toMatchObject({
      ok: true,
      value: { schedule: 'cosine' },
    });
    expect(parseHyperparameters(good)).toMatchObject({ ok: true, value: { schedule: 'constant' } });
    expect(parseHyperparameters({ ...good, schedule: 'step' })).toEqual({
      ok: false,
      errors: [{ field: 'schedule', code: 'unknown-option' }],
    });
  });
});

describe('learningRateAt', () => {
  it('is constant without a schedule', () => {
    expect([0, 50, 99].map((t) => learningRateAt('constant', 0.003, t, 100))).toEqual([0.003, 0.003, 0.003]);
    expect(learningRateAt(undefined, 0.003, 50, 100)).toBe(0.003);
  });

  it('falls along half a cosine from the rate typed towards 0', () => {
    expect(learningRateAt('cosine', 0.003, 0, 100)).toBe(0.003);
    expect(learningRateAt('cosine', 0.003, 50, 100)).toBeCloseTo(0.0015, 12);
    expect(learningRateAt('cosine', 0.003, 25, 100)).toBeCloseTo(0.003 * (0.5 + Math.SQRT1_2 / 2), 12);
    expect(learningRateAt('cosine', 0.003, 99, 100)).toBeGreaterThan(0);
    expect(learningRateAt('cosine', 0.003, 99, 100)).toBeLessThan(0.003 * 0.001);
    // monotone, and clamped outside the run
    const rates = Array.from({ length: 100 }, (_, t) => learningRateAt('cosine', 1, t, 100));
    expect(rates.every((r, t) => t === 0 || r < rates[t - 1]!)).toBe(true);
    expect(learningRateAt('cosine', 1, 200, 100)).toBeCloseTo(0, 12);
    expect(learningRateAt('cosine', 1, 0, 1)).toBe(1);
  });
});
