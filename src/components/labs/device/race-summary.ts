/**
 * The backend race's result in words (the FAQ quotes it) and its time left, as plain functions of
 * the worker's lines so that they are tested without a browser.
 */
import { RACE_VARIANTS, type RaceEntry, type RaceVariant } from '../../../ml/core/backends';

export interface RaceSummary {
  /** the fastest backend measured */
  best: { variant: RaceVariant; rate: number };
  /** the others measured, fastest first */
  others: { variant: RaceVariant; rate: number }[];
  /** the backends not available here, in race order */
  missing: RaceVariant[];
}

/** undefined when nothing was measured */
export function raceSummary(entries: Partial<Record<RaceVariant, RaceEntry>>): RaceSummary | undefined {
  const measured = RACE_VARIANTS.flatMap((variant) => {
    const e = entries[variant];
    return e?.state === 'done' && e.samplesPerSec !== undefined ? [{ variant, rate: e.samplesPerSec }] : [];
  }).sort((a, b) => b.rate - a.rate);
  const [best, ...others] = measured;
  if (!best) return undefined;
  const missing = RACE_VARIANTS.filter((v) => entries[v]?.state === 'unavailable');
  return { best, others, missing };
}

/** what a backend costs beyond its window: starting it, building the model, the warm-up (a guess) */
export const SETUP_S = 1;

/**
 * Seconds left in a race: the rest of the current window and a window plus its set-up for each
 * backend after it (backends that turn out to be missing end the race sooner).
 */
export function secondsLeft(index: number, total: number, timedMs: number, windowMs: number): number {
  const rest = Math.max(0, windowMs - timedMs) / 1000;
  return rest + (total - index - 1) * (windowMs / 1000 + SETUP_S);
}
