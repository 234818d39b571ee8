/**
 * An Expressive Code plugin: every code block's `<pre>` is focusable (tabindex 0, role region) in
 * the HTML itself, so a block that is wider than a phone's column can be scrolled with the keyboard
 * before any script runs, or without JavaScript at all. Expressive Code's own script does the same
 * after measuring, and removes both from a block that turns out to fit; until it has run (or
 * without JavaScript) a wide block would be out of the keyboard's reach.
 */
import type { Element } from 'hast';
import { visit } from 'unist-util-visit';

export function pluginFocusableCode() {
  return {
    name: 'focusable-code',
    hooks: {
      postprocessRenderedBlock({ renderData }: { renderData: { blockAst: Element } }) {
        visit(renderData.blockAst, 'element', (node: Element) => {
          if (node.tagName !== 'pre') return;
          node.properties.tabIndex = 0;
          node.properties.role = 'region';
        });
      },
    },
  };
}
