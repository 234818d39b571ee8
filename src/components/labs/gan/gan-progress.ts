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
