// Build hygiene: after `astro build`, every page of the output is read back and the build fails on
//   - a link (<a href>) to a page or file of the site that does not exist,
//   - a link to an anchor (#id) that the target page does not have,
//   - an image (<img>) without an alt attribute (alt="" is allowed: it marks a decorative image),
//   - words about how the book was built or measured (`FORBIDDEN_WORDS`) in a page's visible text,
// naming each page and link. External links (other schemes) are not fetched: the book must work
// offline, and their availability is not the build's to decide. An Astro integration in
// astro.config.mjs runs this on every production build (`siteCheck`).

import { existsSync, readFileSync, statSync } from 'node:fs';
import { join, posix } from 'node:path';
import type { AstroIntegration } from 'astro';
import { afterBuild, builtPages, sitePrefix } from './build-output';

const decode = (s: string): string => {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
};
const unescapeHtml = (s: string): string =>
  s
    .replace(/&amp;/g, '&')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>');

/**
 * Words a reader should never meet: the book says what was measured on what kind of machine ("on a
 * 2-core laptop-class CPU without a GPU, in Chromium"), never how its authors ran it. Each entry is a
 * name (used in the message) and a pattern, matched case-insensitively:
 *   - "bench" only as a whole word, so "benchmark" (the TIMIT benchmark) and "benchmarks" stay allowed;
 *   - "src/" and "scripts/" only where a path starts, so a URL such as https://…/tree/main/src/ does not
 *     match (a "/" or a letter before them);
 *   - the Chinese phrases as they are written (Chinese has no word boundaries).
 */
export const FORBIDDEN_WORDS: Array<[name: string, pattern: RegExp]> = [
  ['npm run', /\bnpm\s+run\b/i],
  ['vite-node', /\bvite-node\b/i],
  ['bench', /\bbench\b/i],
  ['build machine', /\bbuild[\s-]+machines?\b/i],
  ['in our runs', /\bour\s+runs\b/i],
  ['first version of the data', /\bfirst\s+version\s+of\s+the\s+data\b/i],
  ['src/', /(?<![\w./-])src\//i],
  ['scripts/', /(?<![\w./-])scripts\//i],
  ['构建机', /构建机/],
  ['我们的运行', /我们的运行/],
  ['我们运行', /我们运行/],
  ['本书的构建', /本书的构建/],
];

/**
 * The text a reader can see, or hear from a screen reader, in a built page: the <body> without
 * <script>, <style>, <template> and code blocks (<pre>: code the reader reads or runs, such as their
 * own Python, may name a path like any program does), with tags removed and entities decoded.
 * Inline <code> in a sentence is prose and stays. Attribute values (alt, aria-label, title) stay too,
 * because they are read aloud or shown on hover.
 */
export function visibleText(html: string): string {
  const body = /<body\b[\s\S]*<\/body>/i.exec(html)?.[0] ?? html;
  const spoken: string[] = [];
  const withoutBlocks = body
    .replace(/<(script|style|template|pre)\b[\s\S]*?<\/\1\s*>/gi, ' ')
    .replace(/<!--[\s\S]*?-->/g, ' ');
  for (const m of withoutBlocks.matchAll(/\s(?:alt|aria-label|title)\s*=\s*"([^"]*)"/gi)) spoken.push(m[1] ?? '');
  const text = `${withoutBlocks.replace(/<[^>]*>/g, ' ')} ${spoken.join(' ')}`;
  return unescapeHtml(text)
    .replace(/&nbsp;|&#160;/g, ' ')
    .replace(/&#(\d+);/g, (_, n: string) => String.fromCodePoint(Number(n)))
    .replace(/&#x([0-9a-f]+);/gi, (_, n: string) => String.fromCodePoint(parseInt(n, 16)))
    .replace(/\s+/g, ' ');
}

/** The forbidden words in one page's visible text, each with a little of what surrounds it. */
export function forbiddenWordsIn(html: string): string[] {
  const text = visibleText(html);
  const found: string[] = [];
  for (const [name, pattern] of FORBIDDEN_WORDS) {
    const m = pattern.exec(text);
    if (m) {
      const from = Math.max(0, m.index - 40);
      found.push(`"${name}" in “…${text.slice(from, m.index + m[0].length + 40).trim()}…”`);
    }
  }
  return found;
}

/** Every id (and legacy name anchor) in a page. */
export function idsOf(html: string): Set<string> {
  const ids = new Set<string>();
  for (const m of html.matchAll(/\s(?:id|name)\s*=\s*"([^"]*)"/g)) ids.add(unescapeHtml(m[1] ?? ''));
  return ids;
}

/**
 * Problems in one built site (its output folder; `base` is the site's base path, '/' or '/book/'),
 * one line per problem.
 */
export function checkBuiltSite(dir: string, base = '/'): string[] {
  const prefix = sitePrefix(base);
  const idCache = new Map<string, Set<string>>();
  const idsOfFile = (file: string): Set<string> => {
    let ids = idCache.get(file);
    if (!ids) idCache.set(file, (ids = idsOf(readFileSync(file, 'utf8'))));
    return ids;
  };
  /** the file a site path names, or undefined */
  const fileFor = (sitePath: string): string | undefined => {
    if (!sitePath.startsWith(prefix)) return undefined;
    const rel = sitePath.slice(prefix.length);
    const candidate = join(dir, ...rel.split('/').filter(Boolean));
    if (sitePath.endsWith('/'))
      return existsSync(join(candidate, 'index.html')) ? join(candidate, 'index.html') : undefined;
    if (existsSync(candidate) && statSync(candidate).isFile()) return candidate;
    if (existsSync(join(candidate, 'index.html'))) return join(candidate, 'index.html');
    return undefined;
  };
  const problems: string[] = [];
  for (const rel of builtPages(dir)) {
    const file = join(dir, rel);
    const html = readFileSync(file, 'utf8');
    const pagePath = prefix + rel.replace(/index\.html$/, '');
    const where = `${rel}`;
    for (const m of html.matchAll(/<img\b[^>]*>/gi)) {
      if (!/\salt\s*=/.test(m[0])) problems.push(`${where}: an image without alt text: ${m[0].slice(0, 120)}`);
    }
    for (const hit of forbiddenWordsIn(html)) problems.push(`${where}: words about how the book was built: ${hit}`);
    // links inside <script> or <template> are code, not links
    const markup = html.replace(/<script\b[\s\S]*?<\/script>/gi, '');
    for (const m of markup.matchAll(/<a\b[^>]*\shref\s*=\s*"([^"]*)"/gi)) {
      const href = unescapeHtml(m[1] ?? '');
      if (
        href === '' ||
        href === '#' ||
        href === '#_top' ||
        /^[a-z][a-z0-9+.-]*:/i.test(href) ||
        href.startsWith('//')
      ) {
        continue;
      }
      const [pathPart, fragment] = href.split('#', 2);
      let target: string | undefined = file;
      if (pathPart) {
        const withoutQuery = pathPart.split('?')[0] ?? '';
        const sitePath = withoutQuery.startsWith('/')
          ? withoutQuery
          : posix.join(posix.dirname(pagePath + 'x'), withoutQuery) + (withoutQuery.endsWith('/') ? '/' : '');
        target = fileFor(decode(sitePath));
        if (!target) {
          problems.push(`${where}: a link to a page that does not exist: ${href}`);
          continue;
        }
      }
      if (fragment && target.endsWith('.html') && !idsOfFile(target).has(decode(fragment))) {
        problems.push(`${where}: a link to an anchor that does not exist: ${href}`);
      }
    }
  }
  return problems;
}

/**
 * The Astro integration: fails a production build on a broken link, anchor, missing alt text or
 * words about the book's making.
 */
export function siteCheck(): AstroIntegration {
  return afterBuild('book-site-check', (dir, base, logger) => {
    const problems = checkBuiltSite(dir, base);
    if (problems.length > 0) {
      throw new Error(
        `the built site has ${problems.length} broken link(s), image(s) without alt text or words about its making:\n  ${problems.join('\n  ')}`,
      );
    }
    logger.info(
      `links, anchors, alt text and words about the book's making checked in ${builtPages(dir).length} pages`,
    );
  });
}
