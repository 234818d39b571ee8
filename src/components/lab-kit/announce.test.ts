import { describe, expect, it } from 'vitest';
import { useTranslations } from '../../i18n';
import { numberFormat } from '../../i18n/format';
import { announceEpoch } from './announce';

describe('announceEpoch', () => {
  const t = useTranslations(undefined);
  const format = numberFormat(undefined);
  it('reads an epoch with its loss and accuracy', () => {
    const text = announceEpoch(t, format, { epoch: 1, loss: 0.07123, acc: 0.9781 });
    expect(text).toContain('0.0712');
    expect(text).toContain('97.8 %');
    expect(text).toBe(t('lab.announce.epoch', { epoch: 2, loss: '0.0712', acc: '97.8 %' }));
  });
  it('says a loaded model was evaluated, not that an epoch ended', () => {
    expect(announceEpoch(t, format, { epoch: -1, loss: 0.1, acc: 0.9 })).toBe(
      t('lab.announce.loaded', { epoch: 0, loss: '0.1000', acc: '90.0 %' }),
    );
  });
});
