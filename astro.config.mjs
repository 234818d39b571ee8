// @ts-check
import { defineConfig } from 'astro/config';
import starlight from '@astrojs/starlight';
import svelte from '@astrojs/svelte';
import remarkMath from 'remark-math';
import rehypeKatex from 'rehype-katex';
import { remarkMermaid } from './src/markdown/remark-mermaid.ts';
import { remarkEquationIds } from './src/markdown/remark-equation-ids.ts';
import { rehypeFailOnMathError } from './src/markdown/rehype-fail-on-math-error.ts';
import { rehypeKeyboardScroll } from './src/markdown/rehype-keyboard-scroll.ts';
import { rehypeMathSearch } from './src/markdown/rehype-math-search.ts';
import { pluginFocusableCode } from './src/markdown/ec-focusable-code.ts';
import { APPENDICES, CHAPTER_GROUP_LABELS, CHAPTER_PARTS, CHAPTERS, LOCALES } from './src/chapters.ts';
import { findChromium, CHROMIUM_ARGS } from './scripts/dev/chromium.mjs';
import { csp } from './scripts/integrations/csp.ts';
import { siteCheck } from './scripts/integrations/check-built.ts';
import { offline } from './scripts/integrations/offline.ts';

/**
 * Hosting under a sub-path: `BASE_PATH=/book/ npm run build` makes every link, asset and the
 * search index live under /book/. `SITE_URL` (optional) sets the canonical origin.
 */
const base = process.env.BASE_PATH || '/';

export default defineConfig({
  // Starlight reads chapters from `<srcDir>/content/docs`; the project keeps them in top-level content/.
  srcDir: '.',
  base,
  site: process.env.SITE_URL || undefined,
  trailingSlash: 'always',
  outDir: process.env.OUT_DIR || './dist',
  vite: {
    // the training worker loads WebGPU and WASM backends on demand (code-split chunks), which an
    // IIFE worker cannot do; module workers are in every browser the labs support
    worker: { format: 'es' },
  },
  markdown: {
    remarkPlugins: [
      remarkMath,
      remarkEquationIds,
      [remarkMermaid, { launchOptions: { executablePath: findChromium(), args: CHROMIUM_ARGS } }],
    ],
    rehypePlugins: [
      [rehypeKatex, { strict: 'error', output: 'htmlAndMathml' }],
      rehypeFailOnMathError,
      // the search index keeps each formula's TeX source once, not its HTML and MathML too
      rehypeMathSearch,
      rehypeKeyboardScroll,
    ],
  },
  integrations: [
    starlight({
      title: { en: 'Deep Learning, Hands On', 'zh-CN': '交互式深度学习' },
      description:
        'An interactive, bilingual deep-learning textbook: CNN, RNN, LSTM and GAN, derived and trained live in your browser.',
      defaultLocale: 'root',
      locales: LOCALES,
      // a chapter split into pages is a group: its overview first, then its parts
      sidebar: [...CHAPTERS, ...APPENDICES].map((slug) => {
        const parts = CHAPTER_PARTS[/** @type {keyof typeof CHAPTER_PARTS} */ (slug)];
        const label = CHAPTER_GROUP_LABELS[/** @type {keyof typeof CHAPTER_GROUP_LABELS} */ (slug)];
        if (!parts || !label) return { slug };
        return {
          label: label.en,
          translations: { 'zh-CN': label['zh-CN'] },
          items: [slug, ...parts.map((part) => `${slug}/${part}`)],
        };
      }),
      customCss: ['katex/dist/katex.min.css', './src/styles/book.css'],
      // Without JavaScript, tabs cannot switch: show every panel (the article's Python and the
      // TypeScript one after the other) instead of hiding all but the first.
      head: [
        {
          tag: 'noscript',
          content:
            '<style>starlight-tabs [role="tabpanel"][hidden]{display:block} starlight-tabs [role="tablist"]{display:none}</style>',
        },
      ],
      // Wrap long code lines instead of scrolling them: readable on a 360-px phone, and few
      // scrollable regions that keyboard users would have to focus first; a block that still
      // overflows (a long token) is focusable from the HTML on (src/markdown/ec-focusable-code.ts).
      expressiveCode: { defaultProps: { wrap: true }, plugins: [pluginFocusableCode()] },
      lastUpdated: false,
      // pages/404.astro: one page not found for both locales (a static host serves one 404.html)
      disable404Route: true,
      pagination: true,
      // Search: Starlight's, loading Pagefind's UI only when the reader goes to search (issue 8's
      // JavaScript budget for text pages)
      // Table of contents: Starlight's, observing a cheaper set of elements (overrides/toc/starlight-toc.ts)
      components: {
        Search: './src/components/overrides/Search.astro',
        TableOfContents: './src/components/overrides/TableOfContents.astro',
        MobileTableOfContents: './src/components/overrides/MobileTableOfContents.astro',
        // Starlight's, keeping the reader's section when switching language
        LanguageSelect: './src/components/overrides/LanguageSelect.astro',
        // Starlight's, preloading KaTeX's two main fonts on pages with math (no layout shift when they arrive)
        Head: './src/components/overrides/Head.astro',
      },
    }),
    svelte(),
    // after the pages are written: fail on a broken internal link or anchor, or an image without alt
    // text (scripts/integrations/check-built.ts); then hash the pages' inline scripts into a
    // Content-Security-Policy (scripts/integrations/csp.ts)
    siteCheck(),
    csp(),
    // last: the service worker that keeps the finished build readable offline (scripts/integrations/offline.ts)
    offline(),
  ],
});
