import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyseSource, checkBook, compareStructure, pageUrlFor, resolveInternal } from './content-check';

const chapter = (body: string) => `---\ntitle: T\n---\n\n${body}\n`;

function book(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'book-'));
  for (const [rel, text] of Object.entries(files)) {
    mkdirSync(join(dir, rel, '..'), { recursive: true });
    writeFileSync(join(dir, rel), text);
  }
  return dir;
}

describe('pageUrlFor', () => {
  it('maps sources to Starlight URLs', () => {
    expect(pageUrlFor('index.mdx')).toBe('/');
    expect(pageUrlFor('math.mdx')).toBe('/math/');
    expect(pageUrlFor('zh-cn/index.mdx')).toBe('/zh-cn/');
    expect(pageUrlFor('zh-cn/math.mdx')).toBe('/zh-cn/math/');
  });
});

describe('analyseSource', () => {
  it('records the skeleton in order with lines', () => {
    const page = analyseSource(
      chapter(
        '## A\n\n$x$ and $y$\n\n$$\na^2\n$$\n\n```ts\nlet a = 1;\n```\n\n```mermaid\nflowchart TD\nA-->B\n```\n\n:::caution[About the source]\nx\n:::\n\n### B',
      ),
      'f.mdx',
      '/f/',
    );
    expect(page.skeleton.map((s) => `${s.kind}:${s.detail}`)).toEqual([
      'heading:h2',
      'math:display',
      'code:ts',
      'mermaid:mermaid',
      'aside:caution',
      'heading:h3',
    ]);
    expect(page.skeleton[0]?.line).toBe(5);
    expect(page.inlineMath).toBe(2);
    expect(page.headingIds.has('a')).toBe(true);
  });

  it('collects links from markdown, JSX attributes and the hero', () => {
    const page = analyseSource(
      `---\ntitle: Home\nhero:\n  actions:\n    - text: Go\n      link: background/\n---\n\n[m](math/#x) <LinkCard title="t" href="faq/" />`,
      'index.mdx',
      '/',
    );
    expect(page.links.map((l) => l.href)).toEqual(['background/', 'math/#x', 'faq/']);
  });
});

describe('resolveInternal', () => {
  it('resolves relative links against the page URL and ignores external ones', () => {
    expect(resolveInternal('/zh-cn/math/', '../faq/#q')).toEqual({ path: '/zh-cn/faq/', hash: 'q' });
    expect(resolveInternal('/', 'background/')).toEqual({ path: '/background/', hash: '' });
    expect(resolveInternal('/math/', 'https://example.org/')).toBeUndefined();
    expect(resolveInternal('/math/', 'mailto:a@b.c')).toBeUndefined();
  });
});

describe('compareStructure', () => {
  it('names both files and lines where the locales diverge', () => {
    const en = analyseSource(chapter('## One\n\n## Two'), 'content/docs/a.mdx', '/a/');
    const zh = analyseSource(chapter('## 一\n\n$$\nx\n$$'), 'content/docs/zh-cn/a.mdx', '/zh-cn/a/');
    const [problem] = compareStructure(en, zh);
    expect(problem).toContain('content/docs/a.mdx:7 has heading h2');
    expect(problem).toContain('content/docs/zh-cn/a.mdx:7 has math display');
  });

  it('counts inline equations', () => {
    const en = analyseSource(chapter('$a$ $b$'), 'a.mdx', '/a/');
    const zh = analyseSource(chapter('$a$'), 'zh.mdx', '/zh/');
    expect(compareStructure(en, zh)).toEqual(['a.mdx:1: has 2 inline equations but zh.mdx has 1']);
  });
});

describe('checkBook', () => {
  it('passes a consistent two-locale book', () => {
    const dir = book({
      'index.mdx': chapter('[a](a/)'),
      'a.mdx': chapter('## Intro\n\n[home](../) [self](#intro) [top](#_top)'),
      'zh-cn/index.mdx': chapter('[a](a/)'),
      'zh-cn/a.mdx': chapter('## 简介\n\n[home](../) [self](#简介) [top](#_top)'),
    });
    expect(checkBook(dir, ['zh-cn'], 'docs').problems).toEqual([]);
  });

  it('reports a chapter missing in one locale, with the expected path', () => {
    const dir = book({ 'a.mdx': chapter('x'), 'zh-cn/b.mdx': chapter('y') });
    const { problems } = checkBook(dir, ['zh-cn'], 'docs');
    expect(problems).toContain('docs/a.mdx:1: has no zh-cn version (expected docs/zh-cn/a.mdx)');
    expect(problems).toContain('docs/zh-cn/b.mdx:1: has no English version (expected docs/b.mdx)');
  });

  it('reports broken links and anchors with file and line', () => {
    const dir = book({ 'a.mdx': chapter('## Real\n\n[x](../nope/)\n\n[y](#missing)\n\n[z](/a/)') });
    const { problems } = checkBook(dir, [], 'docs');
    expect(problems).toEqual([
      'docs/a.mdx:7: link "../nope/" resolves to /nope/, which is not a page of the book',
      'docs/a.mdx:9: link "#missing" points at #missing, which is not a heading of docs/a.mdx',
      'docs/a.mdx:11: link "/a/" is absolute; use a relative link so the book works under a sub-path',
    ]);
  });

  it('reports a malformed equation with file and line', () => {
    const dir = book({ 'a.mdx': chapter('Fine $a_1$.\n\n$$\n\\frac{1}{\n$$') });
    const { problems } = checkBook(dir, [], 'docs');
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^docs\/a\.mdx:7: KaTeX cannot typeset/);
  });
});

describe('numbered equations', () => {
  it('are anchors, part of the skeleton, and must be unique', () => {
    const dir = book({
      'm.mdx': chapter('$$\na = b \\tag{4.1}\n$$\n\n$$\nc \\tag{4.1}\n$$\n\n[see](#eq-4-1) [bad](#eq-9-9)'),
    });
    const { pages, problems } = checkBook(dir, [], 'docs');
    expect(pages.get('/m/')?.skeleton.map((s) => s.detail)).toEqual(['display (4.1)', 'display (4.1)']);
    expect(problems).toEqual([
      'docs/m.mdx:13: link "#eq-9-9" points at #eq-9-9, which is not a heading of docs/m.mdx',
      'docs/m.mdx:9: equation id #eq-4-1 is used twice on this page',
    ]);
  });
});
