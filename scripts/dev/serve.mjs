// A small static file server for the built book: `npm start`, `npm run preview` and the browser
// tests use it. It serves `dist/` (or --dir) under the site's base path (BASE_PATH or --base),
// exactly as a plain static host would, plus the headers the book asks of a host:
//   Cross-Origin-Opener-Policy: same-origin and Cross-Origin-Embedder-Policy: require-corp, which
//   make the page cross-origin isolated so TensorFlow.js's WASM backend can use threads;
//   and whatever the build's _headers file asks (its Content-Security-Policy: scripts/integrations/csp.ts).
// Text files (HTML, JS, CSS, JSON, SVG, WASM) are sent gzipped to browsers that accept it, as static
// hosts do.
//
// Usage: node scripts/dev/serve.mjs [--dir dist] [--base /book/] [--port 4321] [--host 127.0.0.1]

import { createServer } from 'node:http';
import { createReadStream, readFileSync, statSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { parseArgs } from 'node:util';
import { headersFor, readHeaderRules } from './headers.mjs';

/** @type {Record<string, string>} */
const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.wasm': 'application/wasm',
  '.txt': 'text/plain; charset=utf-8',
  '.xml': 'application/xml',
  '.bin': 'application/octet-stream',
  '.pf_meta': 'application/octet-stream',
  '.pf_index': 'application/octet-stream',
  '.pf_fragment': 'application/octet-stream',
  '.pagefind': 'application/octet-stream',
};

export const HOST_HEADERS = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
  'Cross-Origin-Resource-Policy': 'same-origin',
  'X-Content-Type-Options': 'nosniff',
};

/** Text types a host compresses (the datasets are binary and served as they are). */
const COMPRESSIBLE = new Set(['.html', '.js', '.mjs', '.css', '.json', '.svg', '.txt', '.xml', '.wasm']);

/** Normalises a base path to the form `/`, or `/book/`. */
export function normaliseBase(base = '/') {
  const trimmed = base.replace(/^\/+|\/+$/g, '');
  return trimmed ? `/${trimmed}/` : '/';
}

/**
 * Starts the server and resolves once it listens.
 * @param {{ dir?: string, base?: string, port?: number, host?: string }} options
 * @returns {Promise<{ url: string, close: () => Promise<void> }>}
 */
export function serve({ dir = 'dist', base = process.env.BASE_PATH || '/', port = 4321, host = '127.0.0.1' } = {}) {
  const root = resolve(dir);
  const prefix = normaliseBase(base);
  // the build's own headers (its Content-Security-Policy and the rest: scripts/integrations/csp.ts), as a host
  // that reads _headers would send them
  const rules = readHeaderRules(root);
  /** gzipped files, by path and modification time: compressed once, as a host's cache would */
  const gzipped = new Map();
  const server = createServer((req, res) => {
    let url;
    let path;
    try {
      // a request target such as "//" or "//x" is not a path: a bad request, never a crash
      url = new URL(`http://localhost${(req.url ?? '/').startsWith('/') ? req.url : '/'}`);
      path = decodeURIComponent(url.pathname);
    } catch {
      res.writeHead(400).end('Bad request');
      return;
    }
    if (prefix !== '/' && (path === prefix.slice(0, -1) || path === '/')) {
      res.writeHead(302, { Location: prefix }).end();
      return;
    }
    if (!path.startsWith(prefix)) return notFound(res);
    const rel = normalize(path.slice(prefix.length));
    const file = join(root, rel);
    if (file !== root && !file.startsWith(root + sep)) return notFound(res);
    let stat;
    try {
      stat = statSync(file);
    } catch {
      return notFound(res);
    }
    if (stat.isDirectory()) {
      if (!path.endsWith('/')) {
        res.writeHead(301, { Location: `${path}/${url.search}` }).end();
        return;
      }
      return sendFile(res, join(file, 'index.html'), req.method, 200, path, req.headers['accept-encoding']);
    }
    return sendFile(res, file, req.method, 200, path, req.headers['accept-encoding']);
  });

  /**
   * @param {import('node:http').ServerResponse} res
   * @returns {void}
   */
  function notFound(res) {
    const page = join(root, '404.html');
    try {
      statSync(page);
      return sendFile(res, page, 'GET', 404, `${prefix}404.html`);
    } catch {
      res.writeHead(404, { 'Content-Type': 'text/plain' }).end('Not found');
    }
  }

  /**
   * @param {import('node:http').ServerResponse} res
   * @param {string} file
   * @param {string | undefined} method
   * @param {number} [status]
   * @param {string} [path]
   * @param {string | string[]} [acceptEncoding]
   * @returns {void}
   */
  function sendFile(res, file, method, status = 200, path = '', acceptEncoding = '') {
    let stat;
    try {
      stat = statSync(file);
    } catch {
      return notFound(res);
    }
    const headers = {
      'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream',
      'Cache-Control': 'no-cache',
      ...HOST_HEADERS,
      ...headersFor(rules, path),
    };
    // text is sent gzipped to a browser that accepts it, as every common static host does
    if (COMPRESSIBLE.has(extname(file)) && /\bgzip\b/.test(String(acceptEncoding))) {
      const key = `${file}:${stat.mtimeMs}`;
      if (!gzipped.has(key)) gzipped.set(key, gzipSync(readFileSync(file)));
      const body = gzipped.get(key) ?? Buffer.alloc(0);
      res.writeHead(status, {
        ...headers,
        'Content-Encoding': 'gzip',
        Vary: 'Accept-Encoding',
        'Content-Length': body.length,
      });
      res.end(method === 'HEAD' ? undefined : body);
      return;
    }
    res.writeHead(status, { ...headers, 'Content-Length': stat.size });
    if (method === 'HEAD') {
      res.end();
      return;
    }
    createReadStream(file).pipe(res);
  }

  return new Promise((resolvePromise, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      const address = server.address();
      const actualPort = typeof address === 'object' && address ? address.port : port;
      resolvePromise({
        url: `http://${host === '0.0.0.0' ? 'localhost' : host}:${actualPort}${prefix}`,
        close: () => new Promise((done) => server.close(() => done())),
      });
    });
  });
}

const isMain = import.meta.url === `file://${process.argv[1]}`;
if (isMain) {
  const { values } = parseArgs({
    options: {
      dir: { type: 'string', default: process.env.OUT_DIR || 'dist' },
      base: { type: 'string', default: process.env.BASE_PATH || '/' },
      port: { type: 'string', default: process.env.PORT || '4321' },
      host: { type: 'string', default: process.env.HOST || '127.0.0.1' },
    },
  });
  try {
    statSync(join(values.dir, 'index.html'));
  } catch {
    console.error(`No built book in ${values.dir}/: run \`npm run build\` first.`);
    process.exit(1);
  }
  const { url } = await serve({ dir: values.dir, base: values.base, port: Number(values.port), host: values.host });
  console.log(`\n  The book is being served at ${url}\n  (Ctrl+C to stop)\n`);
}
