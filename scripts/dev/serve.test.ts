import { request } from 'node:http';
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serve } from './serve.mjs';

let server: { url: string; close: () => Promise<void> };
const dir = mkdtempSync(join(tmpdir(), 'serve-'));

beforeAll(async () => {
  mkdirSync(join(dir, 'math'));
  writeFileSync(join(dir, 'index.html'), '<html><head></head><body>home</body></html>');
  writeFileSync(join(dir, 'math', 'index.html'), '<html>math</html>');
  writeFileSync(join(dir, '_headers'), "/*\n  X-Test: yes\n\n/math/\n  Content-Security-Policy: default-src 'self'\n");
  server = await serve({ dir, base: '/', port: 0 });
});
afterAll(() => server.close());

/** A raw request, so odd targets reach the server as written. */
function get(path: string, headers: Record<string, string> = {}) {
  const { port } = new URL(server.url);
  return new Promise<{ status: number; headers: Record<string, unknown>; body: string }>((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, headers }, (res) => {
      let body = '';
      res.setEncoding('latin1');
      res.on('data', (c) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('the preview server', () => {
  it('answers odd request targets without crashing', async () => {
    for (const path of ['//', '//x', '/%E0%A4%A', '/../../etc/passwd']) {
      expect([200, 400, 404]).toContain((await get(path)).status);
    }
    expect((await get('/')).body).toContain('home');
  });

  it("sends the build's _headers and gzips text for browsers that accept it", async () => {
    const math = await get('/math/', { 'Accept-Encoding': 'gzip' });
    expect(math.headers['content-security-policy']).toBe("default-src 'self'");
    expect(math.headers['x-test']).toBe('yes');
    expect(math.headers['content-encoding']).toBe('gzip');
    expect(math.headers['cross-origin-embedder-policy']).toBe('require-corp');
    const plain = await get('/');
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.headers['content-security-policy']).toBeUndefined();
  });
});
