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
import { findChromium, CHROMIUM_ARGS } from '../../scripts/dev/chromium.mjs';
import { rehypeFailOnMathError } from './rehype-fail-on-math-error';
import { metaTitle, remarkMermaid, sizeDiagram } from './remark-mermaid';

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

describe('sizeDiagram', () => {
  const svg =
    '<svg id="mmdabc-0" width="100%" xmlns="http://www.w3.org/2000/svg" style="max-width: 600.5px;" viewBox="0 0 600.5 300">' +
    '<style>#mmdabc-0{font-family:Arial;font-size:18px;fill:#333;}</style><text>A</text></svg>';

  it('reads the natural width and label size, and hands them to the CSS instead of a max-width', () => {
    const { svg: sized, size } = sizeDiagram(svg);
    expect(size).toEqual({ width: 601, labelPx: 18 });
    expect(sized).toMatch(/^<svg id="mmdabc-0" [^>]*style="--diagram-w: 601px; --diagram-label: 18"/);
    expect(sized).not.toContain('max-width');
    expect(sized.endsWith('<text>A</text></svg>')).toBe(true);
  });

  it('refuses an SVG without a viewBox', () => {
    expect(() => sizeDiagram('<svg id="x"><text>A</text></svg>')).toThrow(/viewBox/);
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
    // small enough for a phone at 10-px labels: nothing to scroll, so no extra tab stop
    expect(out).toMatch(
      /<div class="mermaid-scroll"><div class="mermaid-light"><svg [^>]*style="--diagram-w: \d+px; --diagram-label: 16"/,
    );
  });

  it('makes a diagram that may scroll on a phone focusable, named by its caption', async () => {
    const boxes = Array.from({ length: 8 }, (_, i) => `B${i}[Step ${i}]`).join(' --> ');
    const value = `\`\`\`mermaid title="Eight steps"\nflowchart LR\n  ${boxes}\n\`\`\`\n`;
    const out = String(await pipeline().process(new VFile({ path: 'wide.mdx', value })));
    expect(out).toContain('<div class="mermaid-scroll" tabindex="0" role="group" aria-label="Eight steps">');
  });

  it('fails with file and line on an invalid diagram', async () => {
    const value = 'Text.\n\n```mermaid\nflowchart TD\n  A[open --> \n```\n';
    await expect(pipeline().process(new VFile({ path: 'content/docs/broken.mdx', value }))).rejects.toThrow(
      /content\/docs\/broken\.mdx:6: Invalid mermaid diagram: Parse error on line 3/,
    );
  });
});
