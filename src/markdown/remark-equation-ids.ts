/**
 * remark-equation-ids: makes numbered equations linkable. A display equation that carries
 * `\tag{4.3}` is wrapped in `<div class="equation" id="eq-4-3">`, so any page can link to
 * `../math/#eq-4-3`. The id is derived from the tag, so the English and Chinese pages share it
 * and the content check can verify links to it.
 */
import type { Root } from 'mdast';
import { visit } from 'unist-util-visit';

/** The tag of a display equation (`\tag{4.3}` → `4.3`), if any. */
export function equationTag(tex: string): string | undefined {
  return /\\tag\*?\{([^{}]+)\}/.exec(tex)?.[1]?.trim();
}

/** `4.3` → `eq-4-3`; `A.1` → `eq-a-1`. */
export function equationId(tag: string): string {
  return `eq-${tag
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')}`;
}

export function remarkEquationIds() {
  return function transform(tree: Root): void {
    visit(tree, 'math', (node, index, parent) => {
      const tag = equationTag(node.value);
      if (!tag || !parent || index === undefined) return;
      parent.children[index] = {
        type: 'equationBlock',
        position: node.position,
        children: [node],
        data: { hName: 'div', hProperties: { className: ['equation'], id: equationId(tag) } },
      } as never;
    });
  };
}
