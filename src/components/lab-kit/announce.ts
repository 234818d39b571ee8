/** What a lab reads aloud (politely) after each epoch, in the reader's language. */
import type { useTranslations } from '../../i18n';
import type { NumberFormat } from '../../i18n/format';
import type { TestPoint } from './lab.svelte';

/**
 * "Epoch 2: test loss 0.0712, accuracy 97.8 %"; epoch −1 is the evaluation of a loaded model, not
 * the end of an epoch, and says so.
 */
export function announceEpoch(
  t: ReturnType<typeof useTranslations>,
  format: NumberFormat,
  point: Pick<TestPoint, 'epoch' | 'loss' | 'acc'>,
): string {
  return t(point.epoch < 0 ? 'lab.announce.loaded' : 'lab.announce.epoch', {
    epoch: point.epoch + 1,
    loss: format(point.loss, 4),
    acc: `${format(point.acc * 100, 1)} %`,
  });
}
