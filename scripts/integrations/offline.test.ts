import { mkdtempSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runInNewContext } from 'node:vm';
import { DATA_CACHE } from '../../src/ml/data/fetch-verified';
import { applyOffline, isPrecached, serviceWorkerSource } from './offline';

function build(files: Record<string, string | number>): string {
  const dir = mkdtempSync(join(tmpdir(), 'offline-'));
  for (const [path, content] of Object.entries(files)) {
    const file = join(dir, ...path.split('/'));
    mkdirSync(join(file, '..'), { recursive: true });
    writeFileSync(file, typeof content === 'number' ? Buffer.alloc(content) : content);
  }
  return dir;
}

describe('the offline reader', () => {
  it('caches the build but not the big datasets or host files', () => {
    expect(isPrecached('math/index.html', 1000)).toBe(true);
    expect(isPrecached('_astro/tfjs.js', 3e6)).toBe(true);
    expect(isPrecached('data/manifest.json', 3000)).toBe(true);
    expect(isPrecached('data/mnist/train-images.u8', 47e6)).toBe(false);
    // a dataset's gzipped chunks are small, yet kept by the labs or the read-offline control only
    expect(isPrecached('data/mnist/train-images.u8.3.gz', 400e3)).toBe(false);
    expect(isPrecached('data/series/co2.f32.0.gz', 2e3)).toBe(false);
    expect(isPrecached('data/emoji/samples.png', 100e3)).toBe(true);
    expect(isPrecached('_headers', 100)).toBe(false);
  });

  it('writes a service worker that lists every page by its URL under the base path, and a new version for new content', () => {
    const files = {
      'index.html': '<html><head><title>a</title></head><body></body></html>',
      'math/index.html': '<html><head></head></html>',
      '_astro/app.js': 'x',
      'data/manifest.json': '{}',
      'data/mnist/train-images.u8': 600 * 1024,
      'data/mnist/train-images.u8.0.gz': 100 * 1024,
    };
    const dir = build(files);
    const first = applyOffline(dir, '/book/');
    expect(first.files).toBe(5); // both pages, the script, the manifest and register-sw.js
    const sw = readFileSync(join(dir, 'sw.js'), 'utf8');
    for (const url of [
      '/book/',
      '/book/math/',
      '/book/_astro/app.js',
      '/book/data/manifest.json',
      '/book/register-sw.js',
    ])
      expect(sw).toContain(JSON.stringify(url));
    expect(sw).not.toContain('train-images');
    // chunks fetched by a lab are not copied into the build's cache (the lab keeps them)
    expect(sw).toContain("url.pathname.startsWith(BASE + 'data/') && url.pathname.endsWith('.gz')) return;");
    expect(sw).not.toContain('skipWaiting');
    expect(readFileSync(join(dir, 'index.html'), 'utf8')).toContain(
      '<script type="module" src="/book/register-sw.js"></script></head>',
    );
    const list = JSON.parse(readFileSync(join(dir, 'offline.json'), 'utf8'));
    expect(list.version).toBe(first.version);
    expect(list.files).toHaveLength(5);
    // the same build again: the same version, one registration per page
    expect(applyOffline(dir, '/book/').version).toBe(first.version);
    expect(readFileSync(join(dir, 'index.html'), 'utf8').match(/register-sw/g)).toHaveLength(1);
    // one changed file: a new version, so a new cache
    writeFileSync(join(dir, '_astro', 'app.js'), 'y');
    expect(applyOffline(dir, '/book/').version).not.toBe(first.version);
  });

  it('on activation, deletes older builds and the old data cache, and keeps the current ones', async () => {
    const listeners: Record<string, (event: unknown) => void> = {};
    const keys = ['book-site-old', 'book-site-new', 'book-data-v1', DATA_CACHE, 'someone-else'];
    const deleted: string[] = [];
    let done: Promise<unknown> = Promise.resolve();
    runInNewContext(serviceWorkerSource('new', '/', []), {
      self: {
        addEventListener: (type: string, fn: (e: unknown) => void) => (listeners[type] = fn),
        clients: { claim: () => {} },
      },
      caches: { keys: async () => keys, delete: async (k: string) => deleted.push(k) },
      URL,
    });
    listeners.activate!({ waitUntil: (p: Promise<unknown>) => (done = p) });
    await done;
    expect(deleted.sort()).toEqual(['book-data-v1', 'book-site-old']);
  });
});
