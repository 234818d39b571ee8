import type { FieldError } from '../ml/hyperparameters';
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

/** Localised sentence for a hyperparameter validation error (see src/ml/hyperparameters.ts). */
export function describeFieldError(t: ReturnType<typeof useTranslations>, error: FieldError): string {
  const field = t(`hyper.field.${error.field}`);
  return t(`hyper.error.${error.code}`, { field, limit: error.limit ?? '' });
}

export type { UiKey };
