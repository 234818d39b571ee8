// The Chinese edition speaks one Chinese: one word for each recurring term, 等人 for "et al.", no
// English words left in its prose or its formulas' text, and a title of its own rather than the
// established Chinese title of Dive into Deep Learning, which the book recommends as another book.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { familyStrings } from '../i18n/families';
import { zhCN } from '../i18n/zh-cn';

const root = fileURLToPath(new URL('../../', import.meta.url));
const zhDir = join(root, 'content/docs/zh-cn');

function mdxFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? mdxFiles(join(dir, entry.name)) : entry.name.endsWith('.mdx') ? [join(dir, entry.name)] : [],
  );
}

/** The reader-facing text of a page: without its front matter's keys, code blocks and inline code. */
function prose(source: string): string {
  return source
    .replace(/^```[\s\S]*?^```/gm, '')
    .replace(/`[^`\n]*`/g, '')
    .replace(/^import .*$/gm, '');
}

const pages = mdxFiles(zhDir).map((file) => ({ file: file.slice(root.length), text: readFileSync(file, 'utf8') }));
const strings = Object.entries({ ...zhCN, ...familyStrings('zh-cn') }).map(([key, text]) => ({
  file: `src/i18n (${key})`,
  text,
}));

/** Every place, in the pages' prose and the Chinese UI strings, where `pattern` matches. */
function findAll(pattern: RegExp, sources = [...pages.map((p) => ({ ...p, text: prose(p.text) })), ...strings]) {
  return sources.flatMap(({ file, text }) =>
    [...text.matchAll(pattern)].map((m) => `${file}: …${text.slice(Math.max(0, m.index - 12), m.index + 16)}…`),
  );
}

describe('the Chinese edition', () => {
  it('has pages to check', () => {
    expect(pages.length).toBeGreaterThan(10);
  });

  it('writes 等人 for "et al." after an author', () => {
    expect(
      findAll(/[A-Za-zéü\p{Script=Han}-] ?等(?=[，,）)；])/gu).filter((hit) => !/相等|同等|平等/.test(hit)),
    ).toEqual([]);
  });

  it('has one word for each recurring term', () => {
    expect(findAll(/实验室/g)).toEqual([]); // lab: 实验
    expect(findAll(/权值共享|参数共享/g)).toEqual([]); // weight sharing: 权重共享
    expect(findAll(/修正线性单元|整流线性单元/g)).toEqual([]); // ReLU: 线性整流函数
  });

  it('leaves no English word in its formulas or its prose', () => {
    const formulaWords = pages.flatMap(({ file, text }) =>
      [...text.matchAll(/\\text\{(if|and|otherwise|direct)\b/g)].map((m) => `${file}: ${m[0]}`),
    );
    expect(formulaWords).toEqual([]);
    // "Service Worker" is the name of a browser feature; a worker that trains is a 后台线程
    expect(findAll(/(?<!Service |Web )\bworkers?\b/gi)).toEqual([]);
  });

  it('has a title of its own, the same in the site header and on the home page', () => {
    const config = readFileSync(join(root, 'astro.config.mjs'), 'utf8');
    const title = config.match(/'zh-CN': '([^']+)'/)?.[1];
    expect(title).toBeDefined();
    expect(title).not.toBe('动手学深度学习');
    const home = pages.find((p) => p.file.endsWith('zh-cn/index.mdx'))!.text;
    expect(home).toMatch(new RegExp(`^title: ${title}$`, 'm'));
  });
});
