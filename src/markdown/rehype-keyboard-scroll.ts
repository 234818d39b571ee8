/**
 * rehype-keyboard-scroll: blocks that may be wider than the column scroll sideways inside their
 * own box on a phone: display equations (`.katex-display`) and tables (Starlight makes them
 * `overflow: auto`). A keyboard user must be able to scroll them too, so they become focusable
 * (tabindex 0). A screen reader announces an equation's MathML and a table as a table.
 */
import type { Element, Root } from 'hast';
import { visit } from 'unist-util-visit';

function isScrollable(node: Element): boolean {
  if (node.tagName === 'table') return true;
  const className = node.properties.className;
  return Array.isArray(className) && className.includes('katex-display');
}

export function rehypeKeyboardScroll() {
  return function transform(tree: Root): void {
    visit(tree, 'element', (node: Element) => {
      if (isScrollable(node)) node.properties.tabIndex = 0;
    });
  };
}
