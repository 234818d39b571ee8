/**
 * Collects the book's "About the source" asides from a chapter's MDX source, with the heading
 * each one sits under, for the appendix that lists every departure from the article.
 */
import GithubSlugger from 'github-slugger';
import type { Root, RootContent } from 'mdast';
import { toString } from 'mdast-util-to-string';
import { processor } from './content-check';

/** Aside labels that mark a correction of the article, per locale. */
export const SOURCE_NOTE_LABELS = ['About the source', '关于原文'] as const;

export interface SourceNote {
  /** plain text of the aside, without its label */
  text: string;
  /** the heading the aside follows (undefined before the first heading) */
  heading: { text: string; id: string } | undefined;
  line: number;
}

function isLabel(node: RootContent): boolean {
  return node.type === 'paragraph' && Boolean((node.data as { directiveLabel?: boolean } | undefined)?.directiveLabel);
}

export function collectSourceNotes(source: string): SourceNote[] {
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
