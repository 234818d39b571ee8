import { describe, expect, it } from 'vitest';
import { en } from './en';
import { parseHyperparameters } from '../ml/hyperparameters';
import { describeFieldError, useTranslations } from './index';
import { zhCN } from './zh-cn';

describe('useTranslations', () => {
  it('translates per locale and fills placeholders', () => {
    expect(useTranslations(undefined)('sourceNotes.count.other', { n: 4 })).toBe('4 corrections');
    expect(useTranslations('zh-cn')('sourceNotes.count.other', { n: 4 })).toBe('4 处更正');
    expect(useTranslations('xx')('sourceNotes.context')).toBe('Read it in context');
  });

  it('has the same keys in every locale', () => {
    expect(Object.keys(zhCN).sort()).toEqual(Object.keys(en).sort());
  });
});

describe('describeFieldError', () => {
  it("turns validation codes into sentences in each locale, with the field's own range and example", () => {
    const result = parseHyperparameters({
      learningRate: '5',
      batchSize: 'abc',
      epochs: '1',
      optimizer: 'adam',
      seed: '1',
    });
    if (result.ok) throw new Error('expected errors');
    expect(result.errors.map((e) => describeFieldError(useTranslations(undefined), e))).toEqual([
      'Learning rate must be a number from 0.000001 to 1, such as 0.001.',
      'Batch size must be a whole number from 1 to 1,024, such as 32.',
    ]);
    expect(result.errors.map((e) => describeFieldError(useTranslations('zh-cn'), e))).toEqual([
      '学习率应为 0.000001 到 1 之间的数，例如 0.001。',
      '批量大小应为 1 到 1,024 之间的整数，例如 32。',
    ]);
  });

  it('never offers a decimal example for a whole-number field, whatever was typed', () => {
    const en = useTranslations(undefined);
    for (const batchSize of ['0', '-1', 'NaN', '1e9', '', '2.5']) {
      const result = parseHyperparameters({
        learningRate: '0.001',
        batchSize,
        epochs: '1',
        optimizer: 'adam',
        seed: '1',
      });
      if (result.ok) throw new Error(`expected an error for ${batchSize}`);
      const text = describeFieldError(en, result.errors[0]!);
      expect(text).toContain('whole number from 1 to 1,024');
      expect(text).toContain('such as 32');
      expect(text).not.toContain('0.001');
    }
  });
});
