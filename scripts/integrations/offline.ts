// The offline reader: after `astro build`, this integration writes a service worker for the book.
//
//   dist/sw.js           caches every page, style, font, script, WASM binary and search-index file
//                        of this build on install (the data manifest too, not the datasets' gzipped
//                        chunks: the labs keep those in their own verified cache when first used, or
//                        the read-offline control all at once); serves
//                        the site from that cache first, so after one visit the whole book, its
//                        search and any lab whose data was fetched work with the network off
//   dist/register-sw.js  registers it (an external module: no inline script, so the
//                        Content-Security-Policy needs no hash for it), added to every page
//   dist/offline.json    the version and the list of cached files with their sizes, for the
//                        "read offline" control that downloads everything with a progress bar
//
// Versions: the cache is named after a hash of every cached file's content, so a new build gets a
// new cache. The new worker installs beside the old one and takes over only when no tab of the old
// build is open any more (no skipWaiting), then deletes the old caches: a page is never served a
// mix of two builds' files.

import { createHash } from 'node:crypto';
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AstroIntegration } from 'astro';
import { DATA_CACHE } from '../../src/ml/data/fetch-verified';
import { afterBuild, builtFiles, builtPages, sitePrefix, urlOf } from './build-output';

/** Data files up to this size are cached with the build (the manifest, sample pictures, short series). */
const SMALL_DATA = 512 * 1024;

/**
 * Whether a file of the build is cached on install: everything but host files and the big
 * datasets (those are cached per use by the labs, or all at once by the read-offline control).
 */
export function isPrecached(rel: string, bytes: number): boolean {
  if (rel === '_headers' || rel === 'sw.js' || rel === 'offline.json' || rel.endsWith('.map')) return false;
  // the datasets' compressed chunks (each small) are kept by the labs as they use them, or by the
  // read-offline control: a first visit does not fetch 47 MB of data behind the reader's back
  if (rel.startsWith('data/')) return bytes <= SMALL_DATA && !rel.endsWith('.gz');
  return true;
}

/** The service worker's source for a version, a base path and the list of URLs to cache. */
export function serviceWorkerSource(version: string, base: string, urls: string[]): string {
  return `// The book's service worker (scripts/integrations/offline.ts). Version ${version}.
const VERSION = ${JSON.stringify(version)};
const BASE = ${JSON.stringify(base)};
const CACHE = 'book-site-' + VERSION;
const PRECACHE = ${JSON.stringify(urls)};
// responses bigger than this are not copied into the cache when fetched (datasets' chunks live in
// the labs' own verified cache, DATA_CACHE, and are left alone here)
const RUNTIME_LIMIT = 4 * 1024 * 1024;
// the labs' data cache; older ones (raw files that no longer ship) are deleted on activation
const DATA_CACHE = ${JSON.stringify(DATA_CACHE)};

self.addEventListener('install', (event) => {
  event.waitUntil(caches.open(CACHE).then((cache) => cache.addAll(PRECACHE)));
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) =>
        Promise.all(
          keys
            .filter((k) => (k.startsWith('book-site-') && k !== CACHE) || (k.startsWith('book-data-') && k !== DATA_CACHE))
            .map((k) => caches.delete(k)),
        ),
      )
      .then(() => self.clients.claim()),
  );
});

self.addEventListener('message', (event) => {
  if (event.data && event.data.type === 'version') event.source?.postMessage({ type: 'version', version: VERSION });
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (request.method !== 'GET' || url.origin !== self.location.origin || !url.pathname.startsWith(BASE)) return;
  // a dataset's gzipped chunks are kept, verified, in the labs' own cache: not a second time here
  if (url.pathname.startsWith(BASE + 'data/') && url.pathname.endsWith('.gz')) return;
  event.respondWith(
    (async () => {
      const cache = await caches.open(CACHE);
      // pages are cached by their path; the query (?lab-backend=wasm…) does not change the file
      const cached = await cache.match(request, { ignoreSearch: request.mode === 'navigate' });
      if (cached) return cached;
      let response;
      try {
        response = await fetch(request);
      } catch (error) {
        // offline: a cache-busting query (Pagefind's ?ts=…) names the same file
        const same = await cache.match(request, { ignoreSearch: true });
        if (same) return same;
        throw error;
      }
      const size = Number(response.headers.get('Content-Length') ?? Infinity);
      if (response.ok && response.type === 'basic' && size <= RUNTIME_LIMIT) {
        await cache.put(request, response.clone()).catch(() => {});
      }
      return response;
    })(),
  );
});
`;
}

/**
 * Writes sw.js, register-sw.js and offline.json into a build (its output folder) and links
 * register-sw.js from every page; `base` is the site's base path.
 */
export function applyOffline(dir: string, base = '/'): { files: number; bytes: number; version: string } {
  const prefix = sitePrefix(base);
  const register = `${prefix}register-sw.js`;
  for (const rel of builtPages(dir)) {
    const file = join(dir, rel);
    let html = readFileSync(file, 'utf8');
    if (!html.includes(register)) {
      html = html.replace('</head>', `<script type="module" src="${register}"></script></head>`);
      writeFileSync(file, html);
    }
  }
  writeFileSync(
    join(dir, 'register-sw.js'),
    `// Registers the book's service worker (scripts/integrations/offline.ts), which keeps the book readable offline.
if ('serviceWorker' in navigator) {
  navigator.serviceWorker.register(new URL('sw.js', import.meta.url), { scope: new URL('./', import.meta.url).pathname }).catch(() => {});
}
`,
  );
  const cached = builtFiles(dir).filter((rel) => isPrecached(rel, statSync(join(dir, rel)).size));
  const hash = createHash('sha256');
  const list = cached.sort().map((rel) => {
    const bytes = readFileSync(join(dir, rel));
    hash.update(rel).update(bytes);
    // a folder's index.html is fetched as the folder's URL
    return { url: urlOf(prefix, rel), bytes: bytes.length };
  });
  const version = hash.digest('hex').slice(0, 16);
  writeFileSync(
    join(dir, 'sw.js'),
    serviceWorkerSource(
      version,
      prefix,
      list.map((f) => f.url),
    ),
  );
  const total = list.reduce((n, f) => n + f.bytes, 0);
  writeFileSync(join(dir, 'offline.json'), `${JSON.stringify({ version, bytes: total, files: list })}\n`);
  return { files: list.length, bytes: total, version };
}

/** The Astro integration: runs `applyOffline` on every production build. */
export function offline(): AstroIntegration {
  return afterBuild('book-offline', (dir, base, logger) => {
    const { files: count, bytes, version } = applyOffline(dir, base);
    logger.info(`service worker ${version}: ${count} files, ${(bytes / 1e6).toFixed(1)} MB cached on first visit`);
  });
}
