import { describe, expect, it } from 'vitest';
import { intlLocale, megabytes, numberFormat, percent } from './format';

describe('numberFormat', () => {
  it('groups thousands and rounds to a fixed number of decimals in English', () => {
    const format = numberFormat(undefined);
    expect(format(1234567)).toBe('1,234,567');
    expect(format(0.98544, 1)).toBe('1.0');
    expect(format(2.5, 3)).toBe('2.500');
    expect(format(1234.5678, 2)).toBe('1,234.57');
  });

  it('formats for the Chinese locale with its own tag', () => {
    const format = numberFormat('zh-cn');
    expect(intlLocale('zh-cn')).toBe('zh-CN');
    expect(format(5105)).toBe((5105).toLocaleString('zh-CN'));
    expect(format(0.12345, 4)).toBe('0.1235');
  });

  it('writes what toLocaleString writes, for every locale and number of decimals the labs use', () => {
    for (const locale of [undefined, 'zh-cn'])
      for (const digits of [0, 1, 2, 3, 4])
        for (const n of [0, -0.5, 1e-7, 12.345, 98.54, 123456.789, -Math.LN2])
          expect(numberFormat(locale)(n, digits)).toBe(
            n.toLocaleString(intlLocale(locale), { maximumFractionDigits: digits, minimumFractionDigits: digits }),
          );
  });

  it('falls back to English for an unknown locale', () => {
    expect(intlLocale('fr')).toBe('en');
    expect(numberFormat('fr')(1000.5, 1)).toBe('1,000.5');
  });
});

describe('megabytes and percent', () => {
  const format = numberFormat(undefined);
  it('write a size and a ratio as the labs show them', () => {
    expect(megabytes(format, 11_059_200)).toBe('11.1 MB');
    expect(percent(format, 0.98544)).toBe('98.5 %');
    expect(percent(format, 0.5, 0)).toBe('50 %');
  });
});
