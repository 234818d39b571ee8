/**
 * The GAN labs' training fields as shared settings (lab-kit/share.ts): a link's value is accepted
 * exactly when the typed one would be (parseBounded with GAN_LIMITS).
 */
import type { useTranslations } from '../../../i18n';
import { GAN_LIMITS, type GanField, type RawGanFields } from '../../../ml/gan/gan-fields';
import { parseBounded } from '../../../ml/hyperparameters';
import { decodePoints, encodePoints, type ShareField } from '../../lab-kit/share';

export function ganShareFields(
  fields: readonly GanField[],
  raw: () => RawGanFields,
  t: ReturnType<typeof useTranslations>,
): ShareField[] {
  return fields.map((name) => ({
    name,
    label: t(`gan.field.${name}`),
    read: () => raw()[name],
    write: (value: string) => {
      raw()[name] = value;
    },
    accept: (value: string) => typeof parseBounded(value, GAN_LIMITS[name]) === 'number',
  }));
}

/** at most this many drawn points travel in a link, each coordinate rounded to 2 decimals */
export const MAX_SHARED_POINTS = 200;
const RANGE = { min: -3.5, max: 3.5 };

/** A drawn target (flat x, y, x, y…) as a shared setting: compact `x,y;x,y` text. */
export function drawnShareField(
  label: string,
  drawn: { get: () => number[]; set: (flat: number[]) => void },
): ShareField {
  const pairs = (flat: number[]) =>
    Array.from({ length: flat.length / 2 }, (_, i) => ({ x: flat[2 * i]!, y: flat[2 * i + 1]! }));
  return {
    name: 'points',
    label,
    read: () => encodePoints(pairs(drawn.get()), 2, MAX_SHARED_POINTS),
    write: (value) => drawn.set((decodePoints(value, MAX_SHARED_POINTS, RANGE) ?? []).flatMap((p) => [p.x, p.y])),
    accept: (value) => decodePoints(value, MAX_SHARED_POINTS, RANGE) !== undefined,
  };
}
