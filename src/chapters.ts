/**
 * The book's chapters, in the source article's order. The sidebar, the content check and the
 * browser tests all read this list, so they cannot disagree about what the book contains.
 */
export const CHAPTERS = [
  'background',
  'core-concepts',
  'algorithms',
  'math',
  'practice',
  'applications',
  'tools-and-resources',
  'outlook',
  'faq',
] as const;

/** Pages after the nine chapters, in sidebar order. */
export const APPENDICES = ['about-the-source'] as const;

export type ChapterSlug = (typeof CHAPTERS)[number];

/** Locales: English at the site root, Simplified Chinese under /zh-cn/. */
export const LOCALES = {
  root: { label: 'English', lang: 'en' },
  'zh-cn': { label: '简体中文', lang: 'zh-CN' },
} as const;

/** Content directory of each locale, relative to `content/docs/`. */
export const LOCALE_DIRS = { root: '', 'zh-cn': 'zh-cn' } as const;
