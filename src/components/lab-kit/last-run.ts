/**
 * A lab's last finished run, as the lab exposes it on its root element (`data-last-run`, JSON), so
 * that the page's exercises can check a task "done with the lab" from the lab's own result, and a
 * reader's tools can read it too. Written by the kit (LabPanel, from `Lab.lastRun`) and by the labs
 * with their own root (the plane playground); free of Svelte and the DOM.
 */
import type { SettingValue } from './runs';

export type RunOutcome = 'done' | 'stopped' | 'diverged' | 'failed';

export interface LastRun {
  /** finished, stopped by the reader, ended by a loss that was not finite, or failed otherwise */
  outcome: RunOutcome;
  /** the last training loss and accuracy (null when not a number: a diverged run's loss) */
  loss: number | null;
  acc: number | null;
  /** the last evaluation on the test set, if any */
  testLoss: number | null;
  testAcc: number | null;
  backend: string | null;
  /** the run's settings, as a kept run records them */
  settings: Record<string, SettingValue>;
  /** the lab's own results (finite numbers only), e.g. the forecaster's `lstmRmse` and `naiveRmse` */
  extra: Record<string, number>;
}

const finite = (value: number | undefined): number | null =>
  value === undefined || !Number.isFinite(value) ? null : value;

/** A run summary with every number that is not finite written as null (JSON has no NaN). */
export function lastRun(run: {
  outcome: RunOutcome;
  loss?: number;
  acc?: number;
  testLoss?: number;
  testAcc?: number;
  backend?: string;
  settings: Record<string, SettingValue>;
  extra?: Record<string, number>;
}): LastRun {
  return {
    outcome: run.outcome,
    loss: finite(run.loss),
    acc: finite(run.acc),
    testLoss: finite(run.testLoss),
    testAcc: finite(run.testAcc),
    backend: run.backend ?? null,
    settings: { ...run.settings },
    extra: Object.fromEntries(Object.entries(run.extra ?? {}).filter(([, v]) => Number.isFinite(v))),
  };
}

/** The value of `data-last-run`: the summary as JSON, or nothing while no run has ended. */
export const lastRunAttribute = (run: LastRun | undefined): string | undefined =>
  run === undefined ? undefined : JSON.stringify(run);
