/**
 * The exercises of the book's pages, read from the MDX sources (for the parity check and for the
 * test that recomputes checked answers with the book's own code): every `<Exercise>` element with its
 * attributes evaluated (literals, arrays and objects only), in page order.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Root, RootContent } from 'mdast';
import { chapterPages, CHAPTERS, sourceFileOf } from '../chapters';
import { processor } from './content-check';

export interface ExerciseSource {
  /** the page's source file, relative to content/docs */
  file: string;
  line: number;
  attributes: Record<string, unknown>;
  /** names of the components on the same page (PlaneLab, CnnLab …) with their `id` attribute if any */
  pageComponents: { name: string; id?: string }[];
}

interface EstreeNode {
  type: string;
  [key: string]: unknown;
}

/** The value of a literal expression (numbers, strings, booleans, arrays, objects, unary minus). */
export function literal(node: EstreeNode): unknown {
  switch (node.type) {
    case 'Program':
      return literal((node.body as EstreeNode[])[0]!);
    case 'ExpressionStatement':
      return literal(node.expression as EstreeNode);
    case 'Literal':
      return node.value;
    case 'UnaryExpression':
      if (node.operator === '-') return -(literal(node.argument as EstreeNode) as number);
      break;
    case 'ArrayExpression':
      return (node.elements as EstreeNode[]).map(literal);
    case 'ObjectExpression':
      return Object.fromEntries(
        (node.properties as EstreeNode[]).map((p) => {
          const key = p.key as EstreeNode;
          return [key.type === 'Identifier' ? key.name : key.value, literal(p.value as EstreeNode)];
        }),
      );
    default:
      break;
  }
  throw new Error(`not a literal: ${node.type}`);
}

interface JsxNode {
  type: string;
  name?: string | null;
  attributes?: { type: string; name?: string; value?: unknown }[];
  position?: { start: { line: number } };
  children?: JsxNode[];
}

function attributesOf(node: JsxNode): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const attr of node.attributes ?? []) {
    if (attr.type !== 'mdxJsxAttribute' || !attr.name) continue;
    const value = attr.value as { data?: { estree?: EstreeNode } } | string | null | undefined;
    if (value === null || value === undefined) out[attr.name] = true;
    else if (typeof value === 'string') out[attr.name] = value;
    else if (value.data?.estree) out[attr.name] = literal(value.data.estree);
  }
  return out;
}

/** The exercises of one page source, in order. */
export function exercisesOf(source: string, file: string): ExerciseSource[] {
  const tree = processor.parse(source) as Root;
  const found: { node: JsxNode; attributes: Record<string, unknown> }[] = [];
  const components: { name: string; id?: string }[] = [];
  const walk = (nodes: JsxNode[]) => {
    for (const node of nodes) {
      if ((node.type === 'mdxJsxFlowElement' || node.type === 'mdxJsxTextElement') && node.name) {
        const attributes = attributesOf(node);
        if (node.name === 'Exercise') found.push({ node, attributes });
        else if (/^[A-Z]/.test(node.name))
          components.push({ name: node.name, id: typeof attributes.id === 'string' ? attributes.id : undefined });
      }
      if (node.children) walk(node.children);
    }
  };
  walk(tree.children as RootContent[] as JsxNode[]);
  return found.map(({ node, attributes }) => ({
    file,
    line: node.position?.start.line ?? 0,
    attributes,
    pageComponents: components,
  }));
}

/** Every chapter's exercises in one locale's folder (`''` or `zh-cn`), by chapter slug. */
export function bookExercises(docsDir: string, localeDir: string): Map<string, ExerciseSource[]> {
  const byChapter = new Map<string, ExerciseSource[]>();
  for (const chapter of CHAPTERS) {
    const pages = chapterPages().filter((p) => p === chapter || p.startsWith(`${chapter}/`));
    const list = pages.flatMap((page) => {
      const rel = join(localeDir, sourceFileOf(page));
      return exercisesOf(readFileSync(join(docsDir, rel), 'utf8'), rel);
    });
    byChapter.set(chapter, list);
  }
  return byChapter;
}
