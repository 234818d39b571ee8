/**
 * Hyperparameters a reader can type into a lab, validated at the edge into a typed result.
 * Errors are codes with the offending limit, not sentences: the island turns them into localised
 * text (src/i18n, keys `hyper.error.*`), so this module stays free of UI and language.
 */

export const OPTIMIZERS = ['adam', 'sgd', 'rmsprop'] as const;
export type OptimizerName = (typeof OPTIMIZERS)[number];

export interface Hyperparameters {
  learningRate: number;
  batchSize: number;
  epochs: number;
  optimizer: OptimizerName;
  seed: number;
}

type NumericField = Exclude<keyof Hyperparameters, 'optimizer'>;

/** Accepted ranges. Beyond them a run is pointless (lr > 1 diverges) or would freeze a phone. */
export const LIMITS: Record<NumericField, { min: number; max: number; integer: boolean }> = {
  learningRate: { min: 1e-6, max: 1, integer: false },
  batchSize: { min: 1, max: 1024, integer: true },
  epochs: { min: 1, max: 100, integer: true },
  seed: { min: 0, max: 2 ** 31 - 1, integer: true },
};

export type ErrorCode =
  'required' | 'not-a-number' | 'not-positive' | 'too-small' | 'too-large' | 'not-integer' | 'unknown-option';

export interface FieldError {
  field: keyof Hyperparameters;
  code: ErrorCode;
  /** the bound that was crossed, for too-small / too-large */
  limit?: number;
}

export type ParseResult = { ok: true; value: Hyperparameters } | { ok: false; errors: FieldError[] };

export type RawHyperparameters = Partial<Record<keyof Hyperparameters, string | number | null | undefined>>;

/** Bounds of one numeric field. */
export interface Bounds {
  min: number;
  max: number;
  integer: boolean;
}

/**
 * One number as a reader typed it, checked against its bounds: the number, or why not (the same
 * codes and messages for every lab's fields).
 */
export function parseBounded(
  raw: string | number | null | undefined,
  limit: Bounds,
): number | { code: ErrorCode; limit?: number } {
  if (raw === undefined || raw === null || (typeof raw === 'string' && raw.trim() === '')) return { code: 'required' };
  // Number('1e-3') is fine; Number('0x10'), '1,5' and 'abc' are not what a reader means.
  const text = typeof raw === 'number' ? String(raw) : raw.trim();
  if (typeof raw === 'string' && !/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(text)) return { code: 'not-a-number' };
  const value = Number(text);
  if (!Number.isFinite(value)) return { code: 'not-a-number' };
  if (value <= 0 && limit.min > 0) return { code: 'not-positive' };
  if (limit.integer && !Number.isInteger(value)) return { code: 'not-integer' };
  if (value < limit.min) return { code: 'too-small', limit: limit.min };
  if (value > limit.max) return { code: 'too-large', limit: limit.max };
  return value;
}

function parseNumber(field: NumericField, raw: string | number | null | undefined): number | FieldError {
  const result = parseBounded(raw, LIMITS[field]);
  return typeof result === 'number' ? result : { field, ...result };
}

export function parseHyperparameters(raw: RawHyperparameters): ParseResult {
  const errors: FieldError[] = [];
  const numbers = {} as Record<NumericField, number>;
  for (const field of Object.keys(LIMITS) as NumericField[]) {
    const result = parseNumber(field, raw[field]);
    if (typeof result === 'number') numbers[field] = result;
    else errors.push(result);
  }
  const optimizer = raw.optimizer;
  if (typeof optimizer !== 'string' || !(OPTIMIZERS as readonly string[]).includes(optimizer)) {
    errors.push({
      field: 'optimizer',
      code: optimizer === undefined || optimizer === null || optimizer === '' ? 'required' : 'unknown-option',
    });
  }
  if (errors.length > 0) return { ok: false, errors };
  return { ok: true, value: { ...numbers, optimizer: optimizer as OptimizerName } };
}
