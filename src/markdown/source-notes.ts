/**
 * Collects the book's "About the source" asides from a chapter's MDX source, with the heading
 * each one sits under, for the appendix that lists every departure from the article. Each aside
 * comes as plain text and as HTML rendered the way the chapters render it (math typeset by KaTeX
 * at build time, emphasis, code and links kept), so the appendix shows formulas, not TeX.
 */
import GithubSlugger from 'github-slugger';
import type { Element, Root as HastRoot } from 'hast';
import type { Root, RootContent } from 'mdast';
import { toString } from 'mdast-util-to-string';
import rehypeKatex from 'rehype-katex';
import rehypeStringify from 'rehype-stringify';
import remarkRehype from 'remark-rehype';
import { unified } from 'unified';
import { visit } from 'unist-util-visit';
import { processor } from './content-check';
import { rehypeFailOnMathError } from './rehype-fail-on-math-error';
import { rehypeMathSearch } from './rehype-math-search';

/** Aside labels that mark a correction of the article, per locale. */
export const SOURCE_NOTE_LABELS = ['About the source', '关于原文'] as const;

export interface SourceNote {
  /** plain text of the aside, without its label */
  text: string;
  /** the aside's body as HTML, math typeset (KaTeX, HTML and MathML, as in the chapters) */
  html: string;
  /** the heading the aside follows (undefined before the first heading) */
  heading: { text: string; id: string } | undefined;
  line: number;
}

export interface CollectOptions {
  /**
   * Where the chapter is and where its notes will be shown, as URL paths (`/zh-cn/math/`,
   * `/zh-cn/about-the-source/`): relative links in a note, written for the chapter, are rewritten
   * to reach the same place from the page that shows them.
   */
  rebase?: { from: string; to: string };
}

/** `href` written on page `from` → the same target written on page `to` (both URL paths ending in /). */
export function rebaseHref(href: string, from: string, to: string): string {
  if (/^[a-z][a-z0-9+.-]*:|^\/\//i.test(href) || href.startsWith('/')) return href;
  const target = new URL(href, `http://book${from}`);
  const up = to.split('/').filter(Boolean).length;
  return '../'.repeat(up) + target.pathname.slice(1) + target.search + target.hash;
}

/** mdast of an aside's body → HTML, through the same math plugins as the chapters. */
const toHtml = unified()
  .use(remarkRehype)
  .use(rehypeKatex, { strict: 'error', output: 'htmlAndMathml' })
  .use(rehypeFailOnMathError)
  .use(rehypeMathSearch)
  .use(rehypeStringify);

function renderHtml(body: RootContent[], options: CollectOptions): string {
  const tree = toHtml.runSync({ type: 'root', children: body } as Root) as HastRoot;
  const { rebase } = options;
  if (rebase) {
    visit(tree, 'element', (node: Element) => {
      if (node.tagName === 'a' && typeof node.properties.href === 'string')
        node.properties.href = rebaseHref(node.properties.href, rebase.from, rebase.to);
    });
  }
  return toHtml.stringify(tree);
}

function isLabel(node: RootContent): boolean {
  return node.type === 'paragraph' && Boolean((node.data as { directiveLabel?: boolean } | undefined)?.directiveLabel);
}

export function collectSourceNotes(source: string, options: CollectOptions = {}): SourceNote[] {
  const tree = processor.parse(source) as Root;
  const slugger = new GithubSlugger();
  const notes: SourceNote[] = [];
  let heading: SourceNote['heading'];
  const walk = (nodes: RootContent[]) => {
    for (const node of nodes) {
      if (node.type === 'heading') {
        const text = toString(node);
        let id = slugger.slug(text);
        if (id.endsWith('-')) id = id.slice(0, -1);
        heading = { text, id };
      } else if (node.type === 'containerDirective' && node.name === 'caution') {
        const label = node.children.find(isLabel);
        if (label && (SOURCE_NOTE_LABELS as readonly string[]).includes(toString(label).trim())) {
          const body = node.children.filter((child) => !isLabel(child));
          notes.push({
            text: body
              .map((child) => toString(child))
              .join('\n\n')
              .trim(),
            html: renderHtml(body as RootContent[], options),
            heading,
            line: node.position?.start.line ?? 0,
          });
        }
      } else if ('children' in node && Array.isArray(node.children)) {
        walk(node.children as RootContent[]);
      }
    }
  };
  walk(tree.children);
  return notes;
}
