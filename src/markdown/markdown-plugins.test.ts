// The two build guards: a malformed equation or an invalid mermaid diagram stops the build with
// the file and line, instead of shipping red KaTeX or an empty diagram box.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import rehypeKatex from 'rehype-katex';
import rehypeStringify from 'rehype-stringify';
import remarkMath from 'remark-math';
import remarkParse from 'remark-parse';
import remarkRehype from 'remark-rehype';
import { unified } from 'unified';
import { VFile } from 'vfile';
import { describe, expect, it } from 'vitest';
import { findChromium, CHROMIUM_ARGS } from '../../scripts/chromium.mjs';
import { rehypeFailOnMathError } from './rehype-fail-on-math-error';
import { metaTitle, remarkMermaid } from './remark-mermaid';

function mathPipeline() {
  return unified()
    .use(remarkParse)
    .use(remarkMath)
    .use(remarkRehype)
    .use(rehypeKatex, { strict: 'error' })
    .use(rehypeFailOnMathError)
    .use(rehypeStringify);
}

describe('rehypeFailOnMathError', () => {
  it('lets good math through as KaTeX markup', async () => {
    const out = String(await mathPipeline().process(new VFile({ path: 'good.mdx', value: 'Area $\\pi r^2$.' })));
    expect(out).toContain('class="katex"');
    expect(out).not.toContain('katex-error');
  });

  it('fails with file, line and column on a malformed equation', async () => {
    const file = new VFile({ path: 'content/docs/bad.mdx', value: 'Intro.\n\nBroken $\\frac{1}{$ here.' });
    await expect(mathPipeline().process(file)).rejects.toThrow(/content\/docs\/bad\.mdx:3:8: KaTeX:/);
  });

  it('fails on a strict-mode warning too', async () => {
    const file = new VFile({ path: 'w.mdx', value: 'Unicode in math $é$.' });
    await expect(mathPipeline().process(file)).rejects.toThrow(/w\.mdx:1:/);
  });
});

describe('metaTitle', () => {
  it('reads a quoted title from the fence meta', () => {
    expect(metaTitle('title="Concept map"')).toBe('Concept map');
    expect(metaTitle("title='概念图'")).toBe('概念图');
    expect(metaTitle(undefined)).toBeUndefined();
  });
});

const chromium = findChromium();

describe.skipIf(!chromium)('remarkMermaid (renders in headless Chromium)', () => {
  const options = {
    launchOptions: { executablePath: chromium, args: CHROMIUM_ARGS },
    cacheDir: mkdtempSync(join(tmpdir(), 'mermaid-')),
  };
  const pipeline = () => unified().use(remarkParse).use(remarkMermaid, options).use(remarkRehype).use(rehypeStringify);

  it('replaces a fence with light and dark inline SVGs and a caption', async () => {
    const value = '```mermaid title="Two boxes"\nflowchart LR\n  A[Input] --> B[Output]\n```\n';
    const out = String(await pipeline().process(new VFile({ path: 'ok.mdx', value })));
    expect(out).toMatch(/^<figure class="mermaid-diagram"/);
    expect(out.match(/<svg/g)).toHaveLength(2);
    expect(out).toContain('class="mermaid-light"');
    expect(out).toContain('class="mermaid-dark"');
    expect(out).toContain('>Input<');
    expect(out).toContain('<figcaption>Two boxes</figcaption>');
    expect(out).not.toContain('<pre>');
  });

  it('fails with file and line on an invalid diagram', async () => {
    const value = 'Text.\n\n```mermaid\nflowchart TD\n  A[open --> \n```\n';
    await expect(pipeline().process(new VFile({ path: 'content/docs/broken.mdx', value }))).rejects.toThrow(
      /content\/docs\/broken\.mdx:6: Invalid mermaid diagram: Parse error on line 3/,
    );
  });
});
