/**
 * The batch-size sweep's result in words (the FAQ quotes it): the batch size that reached the
 * target in the least training time, and whether the steps to target fell as 1/B between the
 * smallest and the largest batch size that reached it (the linear-scaling regime, below the
 * critical batch size) or less (past it). Plain functions of the result rows, tested without a browser.
 */
import type { SweepResult } from '../../../ml/tasks/batch-lab/job';

/** Steps counted as falling "as 1/B" when they fall by at least this share of the batch ratio. */
export const LINEAR_SHARE = 0.7;

export interface SweepSummary {
  /** the batch size that reached the target soonest, undefined when none did */
  best?: SweepResult;
  /** the smallest and the largest batch size that reached the target, when two or more did */
  scaling?: { small: number; large: number; batchRatio: number; stepRatio: number; linear: boolean };
}

export function sweepSummary(results: readonly SweepResult[]): SweepSummary {
  const reached = results.filter((r) => r.toTarget).sort((a, b) => a.batchSize - b.batchSize);
  const best = [...reached].sort((a, b) => a.toTarget!.seconds - b.toTarget!.seconds).at(0);
  const summary: SweepSummary = {};
  if (best) summary.best = best;
  const small = reached.at(0);
  const large = reached.at(-1);
  if (small && large && small !== large) {
    const batchRatio = large.batchSize / small.batchSize;
    const stepRatio = small.toTarget!.steps / large.toTarget!.steps;
    summary.scaling = {
      small: small.batchSize,
      large: large.batchSize,
      batchRatio,
      stepRatio,
      linear: stepRatio >= LINEAR_SHARE * batchRatio,
    };
  }
  return summary;
}

/**
 * The sweep's numbers for the lab's last run (`data-last-run`'s `extra`, read by the chapter's
 * exercises): the best batch size and its seconds, and for every batch size that reached the target
 * its seconds and steps to it (`seconds16`, `steps16` …); a batch size that did not has neither.
 */
export function sweepExtra(results: readonly SweepResult[]): Record<string, number> {
  const best = sweepSummary(results).best;
  const extra: Record<string, number> = best ? { bestBatch: best.batchSize, bestSeconds: best.toTarget!.seconds } : {};
  for (const r of results)
    if (r.toTarget) {
      extra[`seconds${r.batchSize}`] = r.toTarget.seconds;
      extra[`steps${r.batchSize}`] = r.toTarget.steps;
    }
  return extra;
}
