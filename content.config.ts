// Astro content collections. With `srcDir: '.'` Astro reads this file from the project root and
// Starlight reads the chapters from `content/docs/` (English at its root, Chinese in `zh-cn/`).
import { defineCollection } from 'astro:content';
import { docsLoader } from '@astrojs/starlight/loaders';
import { docsSchema } from '@astrojs/starlight/schema';

export const collections = {
  docs: defineCollection({ loader: docsLoader(), schema: docsSchema() }),
};
