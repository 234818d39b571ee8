/**
 * The standard training fields (learning rate, batch size, epochs, seed, optimizer, schedule) as
 * shared settings: every lab whose panel shows them gets them in its link without declaring them.
 * A value is accepted exactly when parseHyperparameters, the check of typed input, accepts it.
 */
import type { useTranslations } from '../../i18n';
import { parseHyperparameters } from '../../ml/hyperparameters';
import type { RawHyper } from './lab.svelte';
import type { ShareField } from './share';

const NAMES = ['learningRate', 'batchSize', 'epochs', 'seed', 'optimizer', 'schedule'] as const;

export function hyperShareFields(raw: () => RawHyper | undefined, t: ReturnType<typeof useTranslations>): ShareField[] {
  const current = raw();
  if (!current) return [];
  return NAMES.filter((name) => name !== 'schedule' || current.schedule !== undefined).map((name) => ({
    name,
    label: t(`hyper.field.${name}`),
    read: () => raw()?.[name] ?? '',
    write: (value: string) => {
      const target = raw();
      if (target) target[name] = value;
    },
    accept: (value: string) => {
      const result = parseHyperparameters({ ...raw(), [name]: value });
      return result.ok || !result.errors.some((e) => e.field === name);
    },
  }));
}
