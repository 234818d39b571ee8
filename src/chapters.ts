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

export type ChapterSlug = (typeof CHAPTERS)[number];

/**
 * Chapters too long for one page: the chapter's own page (`<slug>/index.mdx`) is its overview, and
 * each part is a page of its own (`<slug>/<part>.mdx`), in reading order. The sidebar groups them
 * under the chapter; the overview sends links to anchors that moved on to their new page.
 */
export const CHAPTER_PARTS: Partial<Record<ChapterSlug, readonly string[]>> = {
  math: ['models', 'derivations', 'cases', 'attention'],
};

/** The sidebar's label for a split chapter's group, per locale (its overview page keeps the chapter's title). */
export const CHAPTER_GROUP_LABELS: Partial<Record<ChapterSlug, { en: string; 'zh-CN': string }>> = {
  math: { en: '4. Mathematical models and derivations', 'zh-CN': '4. 数学模型与公式推导' },
};

/** Every page of the chapters, in reading order: `math`, `math/models`, … */
export function chapterPages(): string[] {
  return CHAPTERS.flatMap((slug) => [slug, ...(CHAPTER_PARTS[slug] ?? []).map((part) => `${slug}/${part}`)]);
}

/** The source file of a page slug, relative to a locale's content folder. */
export function sourceFileOf(slug: string): string {
  return CHAPTER_PARTS[slug as ChapterSlug] ? `${slug}/index.mdx` : `${slug}.mdx`;
}

/** Pages after the nine chapters, in sidebar order. */
export const APPENDICES = ['about-the-source'] as const;

/** Locales: English at the site root, Simplified Chinese under /zh-cn/. */
export const LOCALES = {
  root: { label: 'English', lang: 'en' },
  'zh-cn': { label: '简体中文', lang: 'zh-CN' },
} as const;

/** Content directory of each locale, relative to `content/docs/`. */
export const LOCALE_DIRS = { root: '', 'zh-cn': 'zh-cn' } as const;
