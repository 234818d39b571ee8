import { LIMITS, type Bounds, type ErrorCode, type FieldError } from '../ml/hyperparameters';
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

/** A bound or example as a reader types it: 1,024 and 0.000001, never 1e-6. */
function formatBound(n: number): string {
  return n.toLocaleString('en', { maximumFractionDigits: 12 });
}

/**
 * Localised sentence for a numeric field's validation error, from the field's own bounds: a whole
 * number field says so and offers a whole-number example, every field states its range. `field` is
 * the field's label in the reader's language.
 */
export function describeBoundsError(
  t: ReturnType<typeof useTranslations>,
  field: string,
  error: { code: ErrorCode; limit?: number },
  bounds: Bounds | undefined,
): string {
  if (!bounds || error.code === 'unknown-option') return t('hyper.error.unknown-option', { field });
  const range = t(bounds.integer ? 'hyper.range.integer' : 'hyper.range.decimal', {
    min: formatBound(bounds.min),
    max: formatBound(bounds.max),
  });
  return t(`hyper.error.${error.code}`, {
    field,
    range,
    example: formatBound(bounds.example ?? bounds.min),
    limit: error.limit === undefined ? '' : formatBound(error.limit),
  });
}

/** Localised sentence for a hyperparameter validation error (see src/ml/hyperparameters.ts). */
export function describeFieldError(t: ReturnType<typeof useTranslations>, error: FieldError): string {
  const bounds = error.field in LIMITS ? LIMITS[error.field as keyof typeof LIMITS] : undefined;
  return describeBoundsError(t, t(`hyper.field.${error.field}`), error, bounds);
}

export type { UiKey };

/** A page's translator, as `useTranslations` returns it (for child components that take it as a prop). */
export type Translate = ReturnType<typeof useTranslations>;
