import type { UiKey } from './en';

/** UI strings, 简体中文. `satisfies` makes a missing or extra key a type error. */
export const zhCN = {
  'sourceNotes.context': '在原处阅读',
  'sourceNotes.count.one': '1 处更正',
  'sourceNotes.count.other': '{n} 处更正',
} as const satisfies Record<UiKey, string>;
