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
  it('turns validation codes into sentences in each locale', () => {
    const result = parseHyperparameters({
      learningRate: '5',
      batchSize: 'abc',
      epochs: '1',
      optimizer: 'adam',
      seed: '1',
    });
    if (result.ok) throw new Error('expected errors');
    expect(result.errors.map((e) => describeFieldError(useTranslations(undefined), e))).toEqual([
      'Learning rate must be at most 1.',
      'Batch size must be a number, such as 0.001.',
    ]);
    expect(result.errors.map((e) => describeFieldError(useTranslations('zh-cn'), e))).toEqual([
      '学习率不能大于 1。',
      '批量大小必须是数字，例如 0.001。',
    ]);
  });
});
