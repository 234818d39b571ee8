import { createHash } from 'node:crypto';
import { mkdtempSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { applyCsp, headersFor, inlineScriptHashes, policy, readHeaderRules, unsafeInline, WORKER_POLICY } from './csp';

const sha = (text: string) => createHash('sha256').update(text).digest('base64');

describe('the Content-Security-Policy', () => {
  it('hashes inline scripts, not external ones or data blocks', () => {
    const html =
      '<script>a()</script><script type="module">b()</script><script src="/x.js"></script>' +
      '<script type="application/json">{"c":1}</script>';
    expect(inlineScriptHashes(html)).toEqual([sha('a()'), sha('b()')]);
  });

  it('allows no inline or eval script, only WebAssembly compilation, and only the site itself', () => {
    const p = policy(['abc=']);
    expect(p).toContain("script-src 'self' 'wasm-unsafe-eval' 'sha256-abc='");
    expect(p).not.toMatch(/'unsafe-eval'|script-src[^;]*'unsafe-inline'|https?:/);
    expect(p).not.toContain('frame-ancestors');
    expect(policy([], { header: true })).toContain("frame-ancestors 'none'");
    expect(WORKER_POLICY).not.toMatch(/unsafe-inline|'unsafe-eval'/);
  });

  it('finds what would need unsafe-inline', () => {
    expect(unsafeInline('<button onclick="go()">x</button>')).toMatch(/onclick/);
    expect(unsafeInline('<a href="javascript:go()">x</a>')).toMatch(/javascript:/);
    expect(unsafeInline('<script>if (a) { x.onclick = "y"; }</script><p>online</p>')).toBeUndefined();
  });

  it('writes the meta policy into every page and _headers for the host, under a base path', () => {
    const dist = mkdtempSync(join(tmpdir(), 'csp-'));
    mkdirSync(join(dist, 'math'));
    writeFileSync(join(dist, 'index.html'), '<html><head><title>a</title><script>one()</script></head></html>');
    writeFileSync(join(dist, 'math', 'index.html'), '<html><head><script>two()</script></head></html>');
    expect(applyCsp(dist, '/book/')).toEqual({ pages: 2, hashes: 2 });
    const page = readFileSync(join(dist, 'math', 'index.html'), 'utf8');
    expect(page).toMatch(/^<html><head><meta http-equiv="Content-Security-Policy" content="[^"]*'sha256-/);
    expect(page).toContain(sha('two()'));
    expect(page).not.toContain(sha('one()'));
    // running it twice leaves one meta element
    applyCsp(dist, '/book/');
    expect(readFileSync(join(dist, 'math', 'index.html'), 'utf8').match(/http-equiv/g)).toHaveLength(1);

    const rules = readHeaderRules(dist);
    const mathHeaders = headersFor(rules, '/book/math/');
    expect(mathHeaders['Content-Security-Policy']).toContain(sha('two()'));
    expect(mathHeaders['Cross-Origin-Embedder-Policy']).toBe('require-corp');
    expect(headersFor(rules, '/book/')['Content-Security-Policy']).toContain(sha('one()'));
    expect(headersFor(rules, '/book/_astro/train.worker-x.js')['Content-Security-Policy']).toBe(WORKER_POLICY);
    expect(headersFor(rules, '/book/data/manifest.json')['Content-Security-Policy']).toBeUndefined();
  });

  it('fails the build on an inline event handler', () => {
    const dist = mkdtempSync(join(tmpdir(), 'csp-'));
    writeFileSync(join(dist, 'index.html'), '<html><head></head><body><img src="a.png" onerror="x()"></body></html>');
    expect(() => applyCsp(dist)).toThrow(/index\.html: an inline event handler \(onerror/);
  });
});
