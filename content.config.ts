// Astro content collections. With `srcDir: '.'` Astro reads this file from the project root and
// Starlight reads the chapters from `content/docs/` (English at its root, Chinese in `zh-cn/`) and
// its UI strings' additions from `content/i18n/`.
import { defineCollection } from 'astro:content';
import { docsLoader, i18nLoader } from '@astrojs/starlight/loaders';
import { docsSchema, i18nSchema } from '@astrojs/starlight/schema';

export const collections = {
  docs: defineCollection({ loader: docsLoader(), schema: docsSchema() }),
  // Strings Starlight has no translation of for a locale. Its zh-CN has none for the search
  // dialog (Pagefind's UI), which then said "13 results for LSTM" on Chinese pages: Starlight
  // passes its English defaults, and this build of Pagefind's UI does not pick a language from
  // the page's <html lang> by itself.
  i18n: defineCollection({ loader: i18nLoader(), schema: i18nSchema() }),
};
