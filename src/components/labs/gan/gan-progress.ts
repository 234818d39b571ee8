/** The GAN labs' progress line: iterations, not epochs and batches. */
import type { useTranslations } from '../../../i18n';
import type { NumberFormat } from '../../../i18n/format';
import type { Progress } from '../../lab-kit/lab.svelte';

export function ganProgressText(
  t: ReturnType<typeof useTranslations>,
  format: NumberFormat,
  progress: Pick<Progress, 'batch' | 'totalBatches' | 'samplesPerSec'>,
): string {
  return t('gan.progress', {
    iteration: format(progress.batch),
    total: format(progress.totalBatches),
    rate: format(progress.samplesPerSec, 1),
  });
}

/**
 * A GAN run's own results for `data-last-run` (lab-kit/last-run.ts), from its last frame: the
 * iteration, the distance to the target and, on a ring, how many of its modes are covered.
 */
export function ganResults(
  frame: { iteration: number; distance?: number; covered?: number; modes?: number } | undefined,
): Record<string, number> {
  if (!frame) return {};
  return {
    iteration: frame.iteration,
    ...(frame.distance === undefined ? {} : { distance: frame.distance }),
    ...(frame.modes === undefined ? {} : { modes: frame.modes, covered: frame.covered ?? 0 }),
  };
}
