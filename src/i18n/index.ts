import { en, type UiKey } from './en';
import { zhCN } from './zh-cn';

const STRINGS: Record<string, Record<UiKey, string>> = { root: en, 'zh-cn': zhCN };

/**
 * Returns a translator for a Starlight locale (`undefined` = the English root).
 * `{name}` placeholders are filled from `values`.
 */
export function useTranslations(locale: string | undefined) {
  const strings = STRINGS[locale ?? 'root'] ?? en;
  return (key: UiKey, values: Record<string, string | number> = {}): string =>
    strings[key].replace(/\{(\w+)\}/g, (_, name: string) => String(values[name] ?? `{${name}}`));
}

export type { UiKey };
