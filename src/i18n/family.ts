/**
 * One family's UI strings, English and 简体中文 side by side. The Chinese table must have exactly
 * the English keys: a missing or an extra key is a type error in the family's own file.
 */
export function family<const En extends Record<string, string>>(strings: {
  en: En;
  'zh-cn': NoInfer<Record<keyof En, string>>;
}): { en: En; 'zh-cn': Record<keyof En, string> } {
  return strings;
}
