/**
 * rehype-math-search: what the search index keeps of a formula. KaTeX writes each formula three
 * times: the HTML a reader sees, MathML for screen readers, and the TeX source as an annotation
 * inside the MathML. Pagefind indexed all three, so an excerpt read "ln10\ln 10ln10".
 *
 * The index keeps the TeX source alone. It is the one linear form that reads unambiguously in a
 * plain-text excerpt: the HTML's text runs subscripts and fractions together (`h_{t-1}` becomes
 * "ht−1", `\frac{1}{10}` "101"), and so does the MathML's. It also splits into the words a reader
 * types (`\tanh`, `softmax`, `W_{hh}`). The HTML and the MathML's presentation part are marked
 * `data-pagefind-ignore`, and the annotation loses its `\tag{4.42}` (the number shows beside the
 * equation; in an excerpt it was noise); what the reader sees and hears does not change.
 *
 * Runs after rehype-katex.
 */
import type { Element, Root } from 'hast';
import { visit } from 'unist-util-visit';

function hasClass(node: Element, name: string): boolean {
  const className = node.properties.className;
  return Array.isArray(className) && className.includes(name);
}

export function rehypeMathSearch() {
  return function transform(tree: Root): void {
    visit(tree, 'element', (node: Element) => {
      if (hasClass(node, 'katex-html')) {
        node.properties.dataPagefindIgnore = '';
      } else if (node.tagName === 'semantics') {
        for (const child of node.children) {
          if (child.type === 'element' && child.tagName !== 'annotation') child.properties.dataPagefindIgnore = '';
        }
      } else if (node.tagName === 'annotation') {
        for (const child of node.children) {
          if (child.type === 'text') child.value = child.value.replace(/\s*\\tag\*?\{[^{}]*\}\s*/g, ' ').trim();
        }
      }
    });
  };
}
