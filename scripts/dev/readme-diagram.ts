// `npx vite-node scripts/dev/readme-diagram.ts`: draws the README's architecture diagram,
// .github/architecture.mmd, into .github/architecture.svg with the book's own mermaid renderer
// (src/markdown/remark-mermaid.ts, light theme), and records the source's SHA-256 in the SVG so that
// scripts/guards/readme-diagram.test.ts fails when the source changes without a new drawing.
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Element, ElementContent } from 'hast';
import { toHtml } from 'hast-util-to-html';
import type { Root } from 'mdast';
import { VFile } from 'vfile';
import { remarkMermaid } from '../../src/markdown/remark-mermaid';
import { CHROMIUM_ARGS, ensureChromium } from './chromium.mjs';

const SOURCE = fileURLToPath(new URL('../../.github/architecture.mmd', import.meta.url));
const OUT = fileURLToPath(new URL('../../.github/architecture.svg', import.meta.url));

const source = readFileSync(SOURCE, 'utf8');
const tree: Root = { type: 'root', children: [{ type: 'code', lang: 'mermaid', value: source.trim() }] };
const transform = remarkMermaid({
  launchOptions: { executablePath: ensureChromium(), args: CHROMIUM_ARGS },
  cacheDir: false,
});
await transform(tree, new VFile({ path: SOURCE }));
const figure = tree.children[0]?.data as { hChildren?: ElementContent[] } | undefined;
const scroll = figure?.hChildren?.[0] as Element | undefined;
const light = scroll?.children[0] as Element | undefined;
const svg = light?.children.find((child): child is Element => child.type === 'element' && child.tagName === 'svg');
if (!svg) throw new Error('the renderer returned no SVG');
writeFileSync(
  OUT,
  `<!-- source: .github/architecture.mmd, sha256 ${createHash('sha256').update(source).digest('hex')} -->\n${toHtml(svg, { space: 'svg' })}\n`,
);
console.log(`[diagram] ${OUT}`);

process.exit(0);
