// The book's Content-Security-Policy, computed from the build itself.
//
// After `astro build` (an integration in astro.config.mjs calls `applyCsp`), every HTML page is
// scanned for inline <script> elements: Astro's island loader and Starlight's theme script are
// inline. Their SHA-256 hashes go into the policy, so no 'unsafe-inline' script is ever allowed, and
// no 'unsafe-eval' either: the only relaxation is 'wasm-unsafe-eval', which WebAssembly needs
// (TensorFlow.js's WASM backend and Pagefind's search). Then:
//   - each page gets a <meta http-equiv="Content-Security-Policy"> with its own hashes, for hosts
//     that cannot set headers (a meta policy cannot carry frame-ancestors, so that one is only in
//     the header);
//   - dist/_headers (the format of Netlify and Cloudflare Pages) gets each page's policy as a
//     header, the workers' policy for the scripts in _astro/, and the other headers the book asks
//     of a host for every file; scripts/dev/serve.mjs sends the same.
// Workers get their policy from their own script's response, not from the page. TensorFlow.js's
// threaded WASM backend starts its helper threads from blob: URLs and loads its code into them by
// importScripts(blob:), so the workers' policy allows blob: scripts; the pages' policy does not (the
// page-thread fallback of the labs therefore runs WASM single-threaded: src/ml/worker/client.ts).
// An inline event handler (onclick="…") or a javascript: URL would need 'unsafe-inline': the build
// fails on one, naming the page.

import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import { afterBuild, builtPages, sitePrefix, urlOf } from './build-output';

export { headersFor, readHeaderRules } from '../dev/headers.mjs';

/** Directives besides script-src, shared by the header and the meta policy. */
const BASE_DIRECTIVES = [
  "default-src 'self'",
  // KaTeX, Expressive Code, Mermaid's SVGs and Svelte set inline styles; styles cannot run code
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  // every fetch goes to the site itself: data, models, the search index
  "connect-src 'self'",
  // the training worker is a same-origin module; TensorFlow.js's threaded WASM starts its helper
  // threads from a blob: URL
  "worker-src 'self' blob:",
  "media-src 'self' blob:",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "manifest-src 'self'",
];

/** Headers a host should send with every file (COOP/COEP make the page cross-origin isolated, for WASM threads). */
export const SECURITY_HEADERS = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
  'Cross-Origin-Resource-Policy': 'same-origin',
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Permissions-Policy': 'camera=(), geolocation=(), microphone=(self), payment=(), usb=()',
};

/** The policy of the worker scripts (served from _astro/): no inline code, blob: for WASM threads. */
export const WORKER_POLICY = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval' blob:",
  "worker-src 'self' blob:",
  "connect-src 'self'",
  "object-src 'none'",
].join('; ');

/**
 * The policy for a set of inline-script hashes (base64 SHA-256 digests); `header` adds the
 * directives a <meta> policy cannot carry.
 */
export function policy(hashes: Iterable<string>, { header = false }: { header?: boolean } = {}): string {
  const sources = [...new Set(hashes)].sort().map((h) => `'sha256-${h}'`);
  return [
    ...BASE_DIRECTIVES,
    ["script-src 'self' 'wasm-unsafe-eval'", ...sources].join(' '),
    ...(header ? ["frame-ancestors 'none'"] : []),
  ].join('; ');
}

const INLINE_SCRIPT = /<script\b([^>]*)>([\s\S]*?)<\/script>/gi;
const EVENT_HANDLER = /<[a-z][^>]*\s(on[a-z]+)\s*=\s*["'][^"']/i;
const JS_URL = /\s(?:href|src|action)\s*=\s*["']\s*javascript:/i;

/** The hashes of a page's inline scripts (those without src, whose type runs as JavaScript). */
export function inlineScriptHashes(html: string): string[] {
  const hashes: string[] = [];
  for (const match of html.matchAll(INLINE_SCRIPT)) {
    const attrs = match[1] ?? '';
    if (/\bsrc\s*=/.test(attrs)) continue;
    const type = /\btype\s*=\s*["']?([^"'\s>]+)/i.exec(attrs)?.[1]?.toLowerCase();
    // data blocks (JSON, Astro's island props) are not executed, so CSP does not apply to them
    if (type && type !== 'module' && type !== 'text/javascript' && type !== 'application/javascript') continue;
    hashes.push(
      createHash('sha256')
        .update(match[2] ?? '', 'utf8')
        .digest('base64'),
    );
  }
  return hashes;
}

/** What would need 'unsafe-inline' in a page: an inline event handler or a javascript: URL. */
export function unsafeInline(html: string): string | undefined {
  const withoutScripts = html.replace(INLINE_SCRIPT, '');
  const handler = EVENT_HANDLER.exec(withoutScripts);
  if (handler) return `an inline event handler (${handler[1]}=…)`;
  if (JS_URL.test(withoutScripts)) return 'a javascript: URL';
  return undefined;
}

/**
 * Puts the policy into every page of a build (its output folder) and writes `_headers`; `base` is
 * the site's base path, e.g. / or /book/.
 */
export function applyCsp(dist: string | URL, base = '/'): { pages: number; hashes: number } {
  const dir = dist instanceof URL ? fileURLToPath(dist) : dist;
  const prefix = sitePrefix(base);
  const all = new Set<string>();
  const problems: string[] = [];
  const pages = builtPages(dir);
  const pageRules: Array<[string, string]> = [];
  for (const rel of pages) {
    const file = join(dir, rel);
    let html = readFileSync(file, 'utf8');
    const problem = unsafeInline(html);
    if (problem) problems.push(`${rel}: ${problem}`);
    const hashes = inlineScriptHashes(html);
    for (const h of hashes) all.add(h);
    html = html.replace(/<meta http-equiv="Content-Security-Policy"[^>]*>/i, '');
    const meta = `<meta http-equiv="Content-Security-Policy" content="${policy(hashes)}">`;
    // first in <head>, before any script or style it governs
    html = html.replace(/<head([^>]*)>/i, (head) => `${head}${meta}`);
    writeFileSync(file, html);
    pageRules.push([urlOf(prefix, rel), policy(hashes, { header: true })]);
  }
  if (problems.length > 0) {
    throw new Error(`these pages would need 'unsafe-inline' scripts:\n  ${problems.join('\n  ')}`);
  }
  const block = (path: string, headers: Record<string, string>) =>
    [path, ...Object.entries(headers).map(([k, v]) => `  ${k}: ${v}`)].join('\n');
  const blocks = [
    '# Written by scripts/integrations/csp.ts at build time. Netlify and Cloudflare Pages read this file as is;\n# for other hosts, see "Hosting" in README.md.',
    block(`${prefix}*`, SECURITY_HEADERS),
    ...pageRules
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([path, p]) => block(path, { 'Content-Security-Policy': p })),
    block(`${prefix}_astro/*`, { 'Content-Security-Policy': WORKER_POLICY }),
  ];
  writeFileSync(join(dir, '_headers'), `${blocks.join('\n\n')}\n`);
  return { pages: pages.length, hashes: all.size };
}

/** The Astro integration: runs `applyCsp` on the output of every production build. */
export function csp(): AstroIntegration {
  return afterBuild('book-csp', (dir, base, logger) => {
    const { pages, hashes } = applyCsp(dir, base);
    logger.info(`Content-Security-Policy in ${pages} pages and _headers (${hashes} inline-script hashes)`);
  });
}
