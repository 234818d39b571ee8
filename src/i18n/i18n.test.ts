import { describe, expect, it } from 'vitest';
import { en } from './en';
import { parseHyperparameters } from '../ml/hyperparameters';
import { FAMILIES } from './families';
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

describe('string families', () => {
  it('give every family both locales with the same keys, none empty', () => {
    for (const [name, family] of Object.entries(FAMILIES)) {
      expect(Object.keys(family['zh-cn']).sort(), name).toEqual(Object.keys(family.en).sort());
      expect(Object.keys(family.en).length, name).toBeGreaterThan(0);
      for (const text of [...Object.values(family.en), ...Object.values(family['zh-cn'])]) {
        expect(text.trim(), name).not.toBe('');
      }
    }
  });

  // A family key that is also a shared key is a type error in en.ts (see its `satisfies`).
  it('never define one key in two families', () => {
    const owners = new Map<string, string>();
    for (const [name, family] of Object.entries(FAMILIES)) {
      for (const key of Object.keys(family.en)) {
        expect(owners.get(key), key).toBeUndefined();
        owners.set(key, name);
      }
    }
    const shared = Object.keys(en).filter((key) => !owners.has(key));
    expect(shared.length).toBeGreaterThan(0);
    expect(shared.length + owners.size).toBe(Object.keys(en).length);
  });

  it("serve each family's strings through useTranslations in its locale", () => {
    for (const [locale, strings] of [
      [undefined, 'en'],
      ['zh-cn', 'zh-cn'],
    ] as const) {
      const t = useTranslations(locale);
      for (const family of Object.values(FAMILIES)) {
        for (const [key, text] of Object.entries(family[strings])) {
          expect(t(key as keyof typeof family.en)).toBe(text);
        }
      }
    }
  });
});

describe('describeFieldError', () => {
  /** the form as typed: good values except those given */
  const typed = (fields: { learningRate?: string; batchSize: string }) =>
    parseHyperparameters({ learningRate: '0.001', epochs: '1', optimizer: 'adam', seed: '1', ...fields });

  it("turns validation codes into sentences in each locale, with the field's own range and example", () => {
    const result = typed({ learningRate: '5', batchSize: 'abc' });
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
      const result = typed({ batchSize });
      if (result.ok) throw new Error(`expected an error for ${batchSize}`);
      const text = describeFieldError(en, result.errors[0]!);
      expect(text).toContain('whole number from 1 to 1,024');
      expect(text).toContain('such as 32');
      expect(text).not.toContain('0.001');
    }
  });
});
