/**
 * The GAN labs' training fields as the reader types them, checked before anything is sent to the
 * worker (same codes and messages as every lab's fields: `parseBounded`). No TensorFlow.js.
 */
import { BATCH_SIZE_BOUNDS, parseBounded, SEED_BOUNDS, type Bounds, type ErrorCode } from '../hyperparameters';

export const GAN_FIELDS = [
  'dLearningRate',
  'gLearningRate',
  'dSteps',
  'gSteps',
  'batchSize',
  'iterations',
  'seed',
] as const;
export type GanField = (typeof GAN_FIELDS)[number];
export type GanFields = Record<GanField, number>;
export type RawGanFields = Record<GanField, string>;

export interface GanFieldError {
  field: GanField;
  code: ErrorCode;
  limit?: number;
}

/**
 * Accepted ranges. A learning rate above 0.1 only ever diverges; 20 steps of one player per
 * iteration is already a lopsided game; 1,024 points per batch and 20,000 iterations keep a phone
 * responsive.
 */
export const GAN_LIMITS: Record<GanField, Bounds> = {
  dLearningRate: { min: 1e-6, max: 0.1, integer: false, example: 0.003 },
  gLearningRate: { min: 1e-6, max: 0.1, integer: false, example: 0.003 },
  dSteps: { min: 1, max: 20, integer: true, example: 1 },
  gSteps: { min: 1, max: 20, integer: true, example: 1 },
  // the same batch size and seed as every other lab's
  batchSize: BATCH_SIZE_BOUNDS,
  iterations: { min: 1, max: 20_000, integer: true, example: 600 },
  seed: SEED_BOUNDS,
};

export function parseGanFields(
  raw: RawGanFields,
  limits: Record<GanField, Bounds> = GAN_LIMITS,
): { ok: true; value: GanFields } | { ok: false; errors: GanFieldError[] } {
  const errors: GanFieldError[] = [];
  const value = {} as GanFields;
  for (const field of GAN_FIELDS) {
    const result = parseBounded(raw[field], limits[field]);
    if (typeof result === 'number') value[field] = result;
    else errors.push({ field, ...result });
  }
  return errors.length > 0 ? { ok: false, errors } : { ok: true, value };
}
