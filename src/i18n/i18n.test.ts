import { describe, expect, it } from 'vitest';
import { en } from './en';
import { useTranslations } from './index';
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
