/** UI strings of the book's own components, English. Keys are shared with every locale. */
export const en = {
  'sourceNotes.context': 'Read it in context',
  'sourceNotes.count.one': '1 correction',
  'sourceNotes.count.other': '{n} corrections',
} as const;

export type UiKey = keyof typeof en;
