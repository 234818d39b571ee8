/**
 * Hyperparameters a reader can type into a lab, validated at the edge into a typed result.
 * Errors are codes with the offending limit, not sentences: the island turns them into localised
 * text (src/i18n, keys `hyper.error.*`), so this module stays free of UI and language.
 */

export const OPTIMIZERS = ['adam', 'sgd', 'rmsprop'] as const;
export type OptimizerName = (typeof OPTIMIZERS)[number];

/**
 * How the learning rate moves during a run: `constant` (Keras's default, the article's) or `cosine`,
 * which falls from the rate typed to 0 over the run along half a cosine (see `learningRateAt`).
 */
export const SCHEDULES = ['constant', 'cosine'] as const;
export type ScheduleName = (typeof SCHEDULES)[number];

export interface Hyperparameters {
  learningRate: number;
  batchSize: number;
  epochs: number;
  optimizer: OptimizerName;
  seed: number;
  /** absent means `constant` */
  schedule?: ScheduleName;
  /**
   * Decoupled weight decay λ (Loshchilov & Hutter's AdamW): after each optimizer update every
   * weight matrix (kernels, not biases or normalisation scales) shrinks by w ← w − η·λ·w, η the
   * step's learning rate. Absent or 0: none.
   */
  weightDecay?: number;
}

type NumericField = Exclude<keyof Hyperparameters, 'optimizer' | 'schedule' | 'weightDecay'>;

/**
 * The seed of every lab (weights, shuffling, noise, latent walks): one definition, so a seed accepted
 * by one lab is accepted by all (mulberry32 takes any 32-bit integer; 2³¹ − 1 keeps it positive).
 */
export const SEED_BOUNDS: Bounds = { min: 0, max: 2 ** 31 - 1, integer: true, example: 42 };
/** The batch size of every lab that lets the reader type one. */
export const BATCH_SIZE_BOUNDS: Bounds = { min: 1, max: 1024, integer: true, example: 32 };

/** Accepted ranges. Beyond them a run is pointless (lr > 1 diverges) or would freeze a phone. */
export const LIMITS: Record<NumericField, Bounds> = {
  learningRate: { min: 1e-6, max: 1, integer: false, example: 0.001 },
  batchSize: BATCH_SIZE_BOUNDS,
  epochs: { min: 1, max: 100, integer: true, example: 5 },
  seed: SEED_BOUNDS,
};

export type ErrorCode =
  'required' | 'not-a-number' | 'not-positive' | 'too-small' | 'too-large' | 'not-integer' | 'unknown-option';

export interface FieldError {
  /** a field the reader types (weight decay is a lab's setting, not a typed field) */
  field: Exclude<keyof Hyperparameters, 'weightDecay'>;
  code: ErrorCode;
  /** the bound that was crossed, for too-small / too-large */
  limit?: number;
}

export type ParseResult = { ok: true; value: Hyperparameters } | { ok: false; errors: FieldError[] };

export type RawHyperparameters = Partial<Record<keyof Hyperparameters, string | number | null | undefined>>;

/**
 * The learning rate for one step of a run under a schedule. Cosine annealing (Loshchilov & Hutter,
 * SGDR, 2017, without restarts): η_t = η · ½ (1 + cos(π t / T)) for step t = 0 … T − 1 of T, so the
 * first step uses the rate typed and the last a rate near 0. Large steps early move the weights
 * quickly; small steps late let them settle into the minimum instead of bouncing around it.
 */
export function learningRateAt(
  schedule: ScheduleName | undefined,
  base: number,
  step: number,
  totalSteps: number,
): number {
  if (schedule !== 'cosine' || totalSteps <= 1) return base;
  const progress = Math.min(Math.max(step / totalSteps, 0), 1);
  return base * 0.5 * (1 + Math.cos(Math.PI * progress));
}

/** Bounds of one numeric field, with a typical value the error message offers as an example. */
export interface Bounds {
  min: number;
  max: number;
  integer: boolean;
  /** a sensible value inside the bounds, shown in messages ("such as 32"); default: min */
  example?: number;
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
  // the schedule is optional (labs without the control train at a constant rate)
  const schedule = raw.schedule ?? 'constant';
  if (typeof schedule !== 'string' || !(SCHEDULES as readonly string[]).includes(schedule)) {
    errors.push({ field: 'schedule', code: 'unknown-option' });
  }
  if (errors.length > 0) return { ok: false, errors };
  return { ok: true, value: { ...numbers, optimizer: optimizer as OptimizerName, schedule: schedule as ScheduleName } };
}
