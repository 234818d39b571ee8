/**
 * The book's content check: reads every chapter source (MDX) and reports, with `file:line`,
 *  - a chapter that exists in one locale but not the other,
 *  - a locale pair whose skeleton differs (headings, display equations, code blocks and their
 *    languages, mermaid diagrams, asides, components, in order; and the count of inline equations),
 *  - an internal link or anchor that does not resolve to a page or heading of the book,
 *  - an equation KaTeX cannot typeset in strict mode.
 * Pure functions over source text, so the tests can feed it broken fixtures as well as the book.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import GithubSlugger from 'github-slugger';
import katex from 'katex';
import type { Root, RootContent, Heading } from 'mdast';
import { toString } from 'mdast-util-to-string';
import remarkDirective from 'remark-directive';
import remarkFrontmatter from 'remark-frontmatter';
import remarkGfm from 'remark-gfm';
import remarkMath from 'remark-math';
import remarkMdx from 'remark-mdx';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { parse as parseYaml } from 'yaml';
import { equationId, equationTag } from './remark-equation-ids';

export type SkeletonKind = 'heading' | 'math' | 'code' | 'mermaid' | 'aside' | 'component';

export interface SkeletonItem {
  kind: SkeletonKind;
  /** heading depth, code language, aside type or component name */
  detail: string;
  line: number;
}

export interface Equation {
  value: string;
  display: boolean;
  line: number;
}

export interface LinkRef {
  href: string;
  line: number;
}

export interface PageSource {
  /** path as reported in messages, e.g. content/docs/zh-cn/math.mdx */
  file: string;
  /** the page's URL path relative to the site base, e.g. /zh-cn/math/ */
  url: string;
  title: string | undefined;
  skeleton: SkeletonItem[];
  inlineMath: number;
  equations: Equation[];
  links: LinkRef[];
  /** ids a link may point at: headings, numbered equations (eq-4-3) and Starlight's _top */
  headingIds: Set<string>;
  /** equation tags used twice on the page */
  duplicateIds: { id: string; line: number }[];
}

/** The Markdown parser every content tool shares (MDX, GFM, math, directives, frontmatter). */
export const processor = unified()
  .use(remarkParse)
  .use(remarkFrontmatter)
  .use(remarkMdx)
  .use(remarkGfm)
  .use(remarkMath)
  .use(remarkDirective);

const ASIDE_TYPES = new Set(['note', 'tip', 'caution', 'danger']);

/** `content/docs/zh-cn/math.mdx` → `/zh-cn/math/`; `index.mdx` → `/`. `rel` is relative to content/docs. */
export function pageUrlFor(rel: string): string {
  const withoutExt = rel
    .split(sep)
    .join('/')
    .replace(/\.mdx?$/, '');
  const slug = withoutExt === 'index' ? '' : withoutExt.replace(/\/index$/, '');
  return slug ? `/${slug}/` : '/';
}

function lineOf(node: { position?: { start: { line: number } } }): number {
  return node.position?.start.line ?? 0;
}

/** Parses one MDX chapter source into the facts the checks compare. */
export function analyseSource(source: string, file: string, url: string): PageSource {
  const tree = processor.parse(source) as Root;
  const page: PageSource = {
    file,
    url,
    title: undefined,
    skeleton: [],
    inlineMath: 0,
    equations: [],
    links: [],
    headingIds: new Set(['_top']),
    duplicateIds: [],
  };
  const slugger = new GithubSlugger();

  const walk = (nodes: RootContent[]) => {
    for (const node of nodes) {
      const line = lineOf(node);
      switch (node.type) {
        case 'yaml': {
          const data = (parseYaml(node.value) ?? {}) as { title?: string; hero?: { actions?: { link?: string }[] } };
          page.title = data.title;
          for (const action of data.hero?.actions ?? []) if (action.link) page.links.push({ href: action.link, line });
          break;
        }
        case 'heading': {
          page.skeleton.push({ kind: 'heading', detail: `h${(node as Heading).depth}`, line });
          let id = slugger.slug(toString(node));
          if (id.endsWith('-')) id = id.slice(0, -1);
          page.headingIds.add(id);
          break;
        }
        case 'math': {
          // A numbered equation's tag is part of the skeleton: both locales number alike.
          const tag = equationTag(node.value);
          page.skeleton.push({ kind: 'math', detail: tag ? `display (${tag})` : 'display', line });
          page.equations.push({ value: node.value, display: true, line });
          if (tag) {
            if (page.headingIds.has(equationId(tag))) page.duplicateIds.push({ id: equationId(tag), line });
            page.headingIds.add(equationId(tag));
          }
          break;
        }
        case 'inlineMath':
          page.inlineMath += 1;
          page.equations.push({ value: node.value, display: false, line });
          break;
        case 'code':
          page.skeleton.push(
            node.lang === 'mermaid'
              ? { kind: 'mermaid', detail: 'mermaid', line }
              : { kind: 'code', detail: node.lang ?? 'text', line },
          );
          break;
        case 'containerDirective':
          if (ASIDE_TYPES.has(node.name)) page.skeleton.push({ kind: 'aside', detail: node.name, line });
          break;
        case 'mdxJsxFlowElement':
        case 'mdxJsxTextElement':
          if (node.name && /^[A-Z]/.test(node.name)) {
            // an exercise's id and kind are part of the skeleton: both locales have the same exercises
            const attr = (name: string) =>
              node.attributes.find((a) => a.type === 'mdxJsxAttribute' && a.name === name)?.value ?? '';
            const detail =
              node.name === 'Exercise' ? `Exercise ${String(attr('id'))} ${String(attr('kind'))}` : node.name;
            page.skeleton.push({ kind: 'component', detail, line });
          }
          for (const attr of node.attributes) {
            if (
              attr.type === 'mdxJsxAttribute' &&
              (attr.name === 'href' || attr.name === 'link') &&
              typeof attr.value === 'string'
            ) {
              page.links.push({ href: attr.value, line });
            }
          }
          break;
        case 'link':
          page.links.push({ href: node.url, line });
          break;
        case 'definition':
          page.links.push({ href: node.url, line });
          break;
        default:
          break;
      }
      if ('children' in node && Array.isArray(node.children)) walk(node.children as RootContent[]);
    }
  };
  walk(tree.children);
  return page;
}

const describe = (item: SkeletonItem | undefined) => (item ? `${item.kind} ${item.detail}` : 'nothing');

/** Problems (one line each, with file:line) where two locales of a chapter differ in structure. */
export function compareStructure(a: PageSource, b: PageSource): string[] {
  const problems: string[] = [];
  const n = Math.max(a.skeleton.length, b.skeleton.length);
  for (let i = 0; i < n; i += 1) {
    const x = a.skeleton[i];
    const y = b.skeleton[i];
    if (!x || !y || x.kind !== y.kind || x.detail !== y.detail) {
      problems.push(
        `${a.file}:${x?.line ?? 'end'} has ${describe(x)} where ${b.file}:${y?.line ?? 'end'} has ${describe(y)} ` +
          `(item ${i + 1} of the skeleton: headings, equations, code, diagrams, asides and components must match in order)`,
      );
      break;
    }
  }
  if (a.inlineMath !== b.inlineMath) {
    problems.push(`${a.file}:1: has ${a.inlineMath} inline equations but ${b.file} has ${b.inlineMath}`);
  }
  return problems;
}

/** Resolves an href found on `fromUrl`; undefined for external or non-page links. */
export function resolveInternal(fromUrl: string, href: string): { path: string; hash: string } | undefined {
  if (/^[a-z][a-z0-9+.-]*:/i.test(href) || href.startsWith('//')) return undefined;
  const url = new URL(href, `http://book.invalid${fromUrl}`);
  return { path: decodeURI(url.pathname), hash: decodeURIComponent(url.hash.slice(1)) };
}

/** Problems for links that point at a missing page or heading. `pages` is keyed by URL path. */
export function checkLinks(page: PageSource, pages: Map<string, PageSource>): string[] {
  const problems: string[] = [];
  for (const link of page.links) {
    if (link.href.startsWith('/')) {
      problems.push(
        `${page.file}:${link.line}: link "${link.href}" is absolute; use a relative link so the book works under a sub-path`,
      );
      continue;
    }
    const target = resolveInternal(page.url, link.href);
    if (!target) continue;
    const path = target.path.endsWith('/') ? target.path : `${target.path}/`;
    const targetPage = pages.get(path);
    if (!targetPage) {
      problems.push(
        `${page.file}:${link.line}: link "${link.href}" resolves to ${path}, which is not a page of the book`,
      );
    } else if (target.hash && !targetPage.headingIds.has(target.hash)) {
      problems.push(
        `${page.file}:${link.line}: link "${link.href}" points at #${target.hash}, which is not a heading of ${targetPage.file}`,
      );
    }
  }
  return problems;
}

/** Problems for equations KaTeX rejects or warns about in strict mode. */
export function checkEquations(page: PageSource): string[] {
  const problems: string[] = [];
  for (const eq of page.equations) {
    try {
      katex.renderToString(eq.value, { displayMode: eq.display, throwOnError: true, strict: 'error' });
    } catch (error) {
      problems.push(
        `${page.file}:${eq.line}: KaTeX cannot typeset "${eq.value.trim().slice(0, 60)}": ${(error as Error).message}`,
      );
    }
  }
  return problems;
}

/** Every .md/.mdx file under `dir`, as paths relative to it. */
export function listSources(dir: string): string[] {
  const out: string[] = [];
  const visitDir = (current: string) => {
    for (const name of readdirSync(current)) {
      const full = join(current, name);
      if (statSync(full).isDirectory()) visitDir(full);
      else if (/\.mdx?$/.test(name)) out.push(relative(dir, full));
    }
  };
  visitDir(dir);
  return out.sort();
}

export interface BookReport {
  pages: Map<string, PageSource>;
  problems: string[];
}

/**
 * Checks a whole docs folder: locale pairs, structure, links, equations.
 * @param docsDir the folder Starlight reads (content/docs)
 * @param locales locale directories other than the root, e.g. ['zh-cn']
 * @param displayRoot how paths appear in messages (relative to the project root)
 */
export function checkBook(docsDir: string, locales: readonly string[], displayRoot = 'content/docs'): BookReport {
  const pages = new Map<string, PageSource>();
  const byLocale = new Map<string, Map<string, PageSource>>();
  for (const rel of listSources(docsDir)) {
    const file = `${displayRoot}/${rel.split(sep).join('/')}`;
    const page = analyseSource(readFileSync(join(docsDir, rel), 'utf8'), file, pageUrlFor(rel));
    pages.set(page.url, page);
    const [first, ...rest] = rel.split(sep);
    const locale = first && locales.includes(first) && rest.length > 0 ? first : '';
    const key = locale ? rest.join('/') : rel.split(sep).join('/');
    if (!byLocale.has(locale)) byLocale.set(locale, new Map());
    byLocale.get(locale)!.set(key, page);
  }
  const problems: string[] = [];
  const root = byLocale.get('') ?? new Map<string, PageSource>();
  for (const locale of locales) {
    const other = byLocale.get(locale) ?? new Map<string, PageSource>();
    for (const [key, page] of root) {
      const twin = other.get(key);
      if (!twin) problems.push(`${page.file}:1: has no ${locale} version (expected ${displayRoot}/${locale}/${key})`);
      else problems.push(...compareStructure(page, twin));
    }
    for (const [key, page] of other) {
      if (!root.has(key)) problems.push(`${page.file}:1: has no English version (expected ${displayRoot}/${key})`);
    }
  }
  for (const page of pages.values()) {
    problems.push(...checkLinks(page, pages), ...checkEquations(page));
    for (const dup of page.duplicateIds)
      problems.push(`${page.file}:${dup.line}: equation id #${dup.id} is used twice on this page`);
  }
  return { pages, problems };
}
