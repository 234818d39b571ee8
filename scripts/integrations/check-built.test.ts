import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkBuiltSite, forbiddenWordsIn, visibleText } from './check-built';

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

describe('words about how the book was built', () => {
  const page = (body: string) =>
    `<html><head><title>npm run in the head is not seen</title></head><body>${body}</body></html>`;

  it('finds each forbidden phrase in prose, inline code, alt text and Chinese', () => {
    const found = (body: string) => forbiddenWordsIn(page(body)).map((hit: string) => hit.split('"')[1]);
    expect(found('<p>Measured with <code>npm run bench</code> on this book’s build machine.</p>')).toEqual([
      'npm run',
      'bench',
      'build machine',
    ]);
    expect(found('<p>other seeds gave 95–97 % in our runs; the first version of the data had 19 voices</p>')).toEqual([
      'in our runs',
      'first version of the data',
    ]);
    expect(found('<p>built from the config in <code>src/ml/models/model-config.ts</code></p>')).toEqual(['src/']);
    expect(found('<p>(<code>scripts/sweep-fashion.ts</code>, seeds 1, 2 and 3)</p>')).toEqual(['scripts/']);
    expect(found('<img src="a.png" alt="a chart from the bench">')).toEqual(['bench']);
    expect(found('<p>在本书构建机上用实测</p>')).toEqual(['构建机']);
    expect(found('<p>本书的构建机器上</p>')).toEqual(['构建机', '本书的构建']);
    expect(found('<p>我们的运行中</p>')).toEqual(['我们的运行']);
  });

  it('allows "benchmark", URLs that contain src/, code blocks and everything outside the body', () => {
    expect(
      forbiddenWordsIn(page('<p>a record on the TIMIT phoneme benchmark; benchmarks such as ImageNet</p>')),
    ).toEqual([]);
    expect(
      forbiddenWordsIn(
        page('<a href="https://github.com/x/y/tree/main/src/">https://github.com/x/y/tree/main/src/</a>'),
      ),
    ).toEqual([]);
    expect(
      forbiddenWordsIn(page('<pre><code>python scripts/train.py  # npm run build</code></pre><p>fine</p>')),
    ).toEqual([]);
    expect(forbiddenWordsIn(page('<script>const a = "npm run bench";</script><style>.bench{}</style>'))).toEqual([]);
    expect(forbiddenWordsIn(page('<p>a workbench, a benchmark, rebench</p>'))).toEqual([]);
  });

  it('reads the visible text: tags removed, entities decoded, whitespace folded', () => {
    expect(visibleText('<body><p>a&nbsp;<b>b</b>\n &amp; c&#39;s <span aria-label="d">e</span></p></body>')).toBe(
      " a b & c's e d",
    );
  });

  it('makes the site check fail on such a page, naming it', () => {
    const dir = site({ 'index.html': page('<p>Measured in our runs.</p>') });
    expect(checkBuiltSite(dir, '/')).toEqual([
      'index.html: words about how the book was built: "in our runs" in “…Measured in our runs.…”',
    ]);
  });
});
