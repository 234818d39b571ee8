// Build hygiene: after `astro build`, every page of the output is read back and the build fails on
//   - a link (<a href>) to a page or file of the site that does not exist,
//   - a link to an anchor (#id) that the target page does not have,
//   - an image (<img>) without an alt attribute (alt="" is allowed: it marks a decorative image),
// naming each page and link. External links (other schemes) are not fetched: the book must work
// offline, and their availability is not the build's to decide. An Astro integration in
// astro.config.mjs runs this on every production build (`siteCheck`).

import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, posix, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

function htmlFiles(dir) {
  return readdirSync(dir).flatMap((name) => {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) return htmlFiles(full);
    return name.endsWith('.html') ? [full] : [];
  });
}

const decode = (s) => {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
};
const unescapeHtml = (s) =>
  s
    .replace(/&amp;/g, '&')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>');

/** Every id (and legacy name anchor) in a page. */
export function idsOf(html) {
  const ids = new Set();
  for (const m of html.matchAll(/\s(?:id|name)\s*=\s*"([^"]*)"/g)) ids.add(unescapeHtml(m[1]));
  return ids;
}

/**
 * Problems in one built site.
 * @param {string} dir the build's output folder
 * @param {string} base the site's base path ('/' or '/book/')
 * @returns {string[]} one line per problem
 */
export function checkBuiltSite(dir, base = '/') {
  const prefix = `/${base.replace(/^\/+|\/+$/g, '')}/`.replace('//', '/');
  const files = htmlFiles(dir);
  const idCache = new Map();
  const idsOfFile = (file) => {
    if (!idCache.has(file)) idCache.set(file, idsOf(readFileSync(file, 'utf8')));
    return idCache.get(file);
  };
  /** the file a site path names, or undefined */
  const fileFor = (sitePath) => {
    if (!sitePath.startsWith(prefix)) return undefined;
    const rel = sitePath.slice(prefix.length);
    const candidate = join(dir, ...rel.split('/').filter(Boolean));
    if (sitePath.endsWith('/'))
      return existsSync(join(candidate, 'index.html')) ? join(candidate, 'index.html') : undefined;
    if (existsSync(candidate) && statSync(candidate).isFile()) return candidate;
    if (existsSync(join(candidate, 'index.html'))) return join(candidate, 'index.html');
    return undefined;
  };
  const problems = [];
  for (const file of files) {
    const html = readFileSync(file, 'utf8');
    const rel = relative(dir, file).split(sep).join('/');
    const pagePath = prefix + rel.replace(/index\.html$/, '');
    const where = `${rel}`;
    for (const m of html.matchAll(/<img\b[^>]*>/gi)) {
      if (!/\salt\s*=/.test(m[0])) problems.push(`${where}: an image without alt text: ${m[0].slice(0, 120)}`);
    }
    // links inside <script> or <template> are code, not links
    const markup = html.replace(/<script\b[\s\S]*?<\/script>/gi, '');
    for (const m of markup.matchAll(/<a\b[^>]*\shref\s*=\s*"([^"]*)"/gi)) {
      const href = unescapeHtml(m[1]);
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
      let target = file;
      if (pathPart) {
        const withoutQuery = pathPart.split('?')[0];
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

/** The Astro integration: fails a production build on a broken link, anchor or missing alt text. */
export function siteCheck() {
  let base = '/';
  return {
    name: 'book-site-check',
    hooks: {
      'astro:config:done': ({ config }) => {
        base = config.base;
      },
      'astro:build:done': ({ dir, logger }) => {
        const out = fileURLToPath(dir);
        const problems = checkBuiltSite(out, base);
        if (problems.length > 0) {
          throw new Error(
            `the built site has ${problems.length} broken link(s) or image(s) without alt text:\n  ${problems.join('\n  ')}`,
          );
        }
        logger.info(`links, anchors and alt text checked in ${htmlFiles(out).length} pages`);
      },
    },
  };
}
