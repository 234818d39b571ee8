/**
 * The page's translator for the kit's small parts deep inside a lab (a chart's download buttons),
 * so that every chart gets them without a `t` passed through each island: LabPanel provides it,
 * and a lab without LabPanel passes `t` to the chart itself.
 */
import { getContext, setContext } from 'svelte';
import type { Translate } from '../../i18n';

const KEY = Symbol('lab-translate');

/** Provides `t` to the components inside (call during a component's setup). */
export function provideTranslate(t: () => Translate): void {
  setContext(KEY, t);
}

/** The translator a parent provided, if any (call during a component's setup). */
export function contextTranslate(): (() => Translate) | undefined {
  return getContext<(() => Translate) | undefined>(KEY);
}
