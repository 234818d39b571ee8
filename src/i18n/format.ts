/**
 * The one number formatter of the book's islands: numbers as the reader's locale writes them
 * (1,234.5 in English, the same digits and separators in Simplified Chinese), with a fixed number of
 * decimals so that a column of results lines up. A page locale is Starlight's (`undefined` for the
 * English root, `'zh-cn'`); Intl wants a BCP 47 tag.
 */

/** `format(n, digits)`: `n` with exactly `digits` decimals (0 when omitted), grouped by the locale. */
export type NumberFormat = (n: number, digits?: number) => string;

/** The BCP 47 tag Intl uses for a Starlight locale. */
export function intlLocale(locale: string | undefined): string {
  return locale === 'zh-cn' ? 'zh-CN' : 'en';
}

/** One Intl.NumberFormat per (tag, digits): building one is the costly part of formatting. */
const formatters = new Map<string, Intl.NumberFormat>();

/** The formatter for a page's locale. */
export function numberFormat(locale: string | undefined): NumberFormat {
  const tag = intlLocale(locale);
  return (n, digits = 0) => {
    const key = `${tag}/${digits}`;
    let formatter = formatters.get(key);
    if (!formatter) {
      formatter = new Intl.NumberFormat(tag, { maximumFractionDigits: digits, minimumFractionDigits: digits });
      formatters.set(key, formatter);
    }
    return formatter.format(n);
  };
}

/** A size in bytes as megabytes with one decimal: "11.1 MB". */
export const megabytes = (format: NumberFormat, bytes: number): string => `${format(bytes / 1e6, 1)} MB`;

/** A ratio (0.9854) as a percentage with `digits` decimals: "98.5 %". */
export const percent = (format: NumberFormat, ratio: number, digits = 1): string => `${format(ratio * 100, digits)} %`;
