import type { Nodes } from 'hast';
import { fromHtml } from 'hast-util-from-html';
import rehypeKatex from 'rehype-katex';
import rehypeStringify from 'rehype-stringify';
import remarkMath from 'remark-math';
import remarkParse from 'remark-parse';
import remarkRehype from 'remark-rehype';
import { unified } from 'unified';
import { describe, expect, it } from 'vitest';
import { rehypeMathSearch } from './rehype-math-search';

const render = (markdown: string) =>
  String(
    unified()
      .use(remarkParse)
      .use(remarkMath)
      .use(remarkRehype)
      .use(rehypeKatex, { output: 'htmlAndMathml' })
      .use(rehypeMathSearch)
      .use(rehypeStringify)
      .processSync(markdown),
  );

/** The text Pagefind indexes: everything outside elements marked data-pagefind-ignore. */
function indexedText(html: string): string {
  const text = (node: Nodes): string => {
    if (node.type === 'text') return node.value;
    if (node.type === 'element' && node.properties.dataPagefindIgnore !== undefined) return '';
    return 'children' in node ? node.children.map(text).join('') : '';
  };
  return text(fromHtml(html, { fragment: true }))
    .replace(/\s+/g, ' ')
    .trim();
}

describe('rehypeMathSearch', () => {
  it('leaves the TeX source of a formula, once, to the search index', () => {
    const html = render('A loss of $\\ln 10 \\approx 2.3026$ means chance.');
    expect(indexedText(html)).toBe('A loss of \\ln 10 \\approx 2.3026 means chance.');
    // what the reader sees is unchanged: KaTeX's HTML, and its MathML for screen readers
    expect(html).toContain('<span class="katex-html" aria-hidden="true" data-pagefind-ignore="">');
    expect(html).toMatch(/<semantics><mrow data-pagefind-ignore="">/);
  });

  it('drops the equation number from the indexed source', () => {
    const html = render('$$\n-\\ln \\frac{1}{10} = \\ln 10 \\tag{5.5}\n$$');
    expect(indexedText(html)).toBe('-\\ln \\frac{1}{10} = \\ln 10');
    expect(html).toContain('(5.5)');
  });
});
