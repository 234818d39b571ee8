import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkBuiltSite } from './check-built.mjs';

function site(pages: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'site-'));
  for (const [path, html] of Object.entries(pages)) {
    const file = join(dir, ...path.split('/'));
    mkdirSync(join(file, '..'), { recursive: true });
    writeFileSync(file, html);
  }
  return dir;
}

describe('the built-site check', () => {
  const good = {
    'index.html': '<a href="math/#eq-1">x</a><a href="/book/zh-cn/math/">中</a><a href="#top">t</a><h1 id="top">T</h1>',
    'math/index.html':
      '<h2 id="eq-1">E</h2><a href="../">home</a><a href="../data/a.json">data</a><a href="https://example.org/">out</a><img src="a.png" alt="">',
    'zh-cn/math/index.html':
      '<h2 id="动手试试平面上的-gan">试</h2><a href="#%E5%8A%A8%E6%89%8B%E8%AF%95%E8%AF%95%E5%B9%B3%E9%9D%A2%E4%B8%8A%E7%9A%84-gan">x</a><a href="../../math/#eq-1">en</a>',
    'data/a.json': '{}',
  };

  it('accepts pages whose links, anchors and images are all right, under a base path', () => {
    expect(checkBuiltSite(site(good), '/book/')).toEqual([]);
  });

  it('names a missing page, a missing anchor and an image without alt text', () => {
    const dir = site({
      ...good,
      'index.html': '<a href="nowhere/">x</a><a href="math/#eq-2">y</a><img src="b.png"><a href="#gone">z</a>',
    });
    expect(checkBuiltSite(dir, '/book/')).toEqual([
      'index.html: an image without alt text: <img src="b.png">',
      'index.html: a link to a page that does not exist: nowhere/',
      'index.html: a link to an anchor that does not exist: math/#eq-2',
      'index.html: a link to an anchor that does not exist: #gone',
    ]);
  });

  it('ignores links in scripts and other schemes', () => {
    const dir = site({
      'index.html': '<script>const a = "<a href=\\"nowhere/\\">";</script><a href="mailto:x@y.z">m</a>',
    });
    expect(checkBuiltSite(dir, '/')).toEqual([]);
  });
});
