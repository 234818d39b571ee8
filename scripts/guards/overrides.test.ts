// The copies of Starlight's components in src/components/overrides/ are Starlight's code, in
// Starlight's formatting, except in marked blocks: a line containing `book: begin, replaces N line(s)`
// opens a block (in the comment syntax of where it stands: `//` in a script, `{/* … */}` in markup),
// a line containing `book: end` closes it, and the block stands where N of upstream's lines stood.
// This test puts each copy beside the pinned Starlight in node_modules and fails on any difference
// outside the blocks, so an upgrade of Starlight shows exactly what to carry over.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));
const STARLIGHT = `${root}node_modules/@astrojs/starlight/`;
const COPIES = `${root}src/components/overrides/`;

/** The Starlight version the copies were made from (bump it, and this list, together). */
export const PINNED = '0.37.7';

/** Each copy and the upstream file it was copied from. */
export const COPIED: Record<string, string> = {
  'Search.astro': 'components/Search.astro',
  'TableOfContents.astro': 'components/TableOfContents.astro',
  'MobileTableOfContents.astro': 'components/MobileTableOfContents.astro',
  'toc/TableOfContentsList.astro': 'components/TableOfContents/TableOfContentsList.astro',
  'toc/starlight-toc.ts': 'components/TableOfContents/starlight-toc.ts',
};

const BEGIN = /book: begin, replaces (\d+) lines?\b/;
const END = /book: end\b/;

/** Where a copy departs from upstream outside its marked blocks: one line per difference. */
export function unmarkedDrift(copy: string, upstream: string): string[] {
  const ours = copy.split('\n');
  const theirs = upstream.split('\n');
  const problems: string[] = [];
  let u = 0;
  for (let c = 0; c < ours.length; c++) {
    const line = ours[c] ?? '';
    const begin = BEGIN.exec(line);
    if (begin) {
      const end = ours.findIndex((l, i) => i > c && END.test(l));
      if (end < 0) return [...problems, `line ${c + 1}: a book block that never ends`];
      u += Number(begin[1]);
      c = end;
      continue;
    }
    if (END.test(line)) return [...problems, `line ${c + 1}: a book block that never began`];
    if (u >= theirs.length) {
      problems.push(`line ${c + 1}: not in Starlight's file (${JSON.stringify(line)})`);
    } else if (line !== theirs[u]) {
      problems.push(`line ${c + 1}: ${JSON.stringify(line)} where Starlight has ${JSON.stringify(theirs[u])}`);
    }
    u++;
  }
  if (u < theirs.length) problems.push(`Starlight's lines ${u + 1}–${theirs.length} are missing from the copy`);
  return problems;
}

describe("the copies of Starlight's components", () => {
  it('are compared with the pinned Starlight', () => {
    const { version } = JSON.parse(readFileSync(`${STARLIGHT}package.json`, 'utf8')) as { version: string };
    expect(version).toBe(PINNED);
  });

  it('the comparison sees a changed line, a removed line and an unclosed block, and allows a marked one', () => {
    const upstream = 'a\nb\nc';
    expect(unmarkedDrift('a\nb\nc', upstream)).toEqual([]);
    expect(unmarkedDrift('a\n// book: begin, replaces 1 line: why\nB\n// book: end\nc', upstream)).toEqual([]);
    expect(unmarkedDrift('a\nB\nc', upstream)).toEqual(['line 2: "B" where Starlight has "b"']);
    expect(unmarkedDrift('a\nc', upstream)).toHaveLength(2);
    expect(unmarkedDrift('a\n// book: begin, replaces 1 line\nB', upstream)).toEqual([
      'line 2: a book block that never ends',
    ]);
    expect(unmarkedDrift('a\n  b\nc', upstream)).toHaveLength(1);
  });

  it("search-global.css is Starlight's global search style, verbatim", () => {
    // the one block moved out of Search.astro: the lines between upstream's `<style is:global>` and its `</style>`
    const upstream = readFileSync(`${STARLIGHT}components/Search.astro`, 'utf8').split('\n');
    const start = upstream.indexOf('<style is:global>');
    const end = upstream.indexOf('</style>', start);
    expect(start).toBeGreaterThan(0);
    const body = upstream.slice(start + 1, end).join('\n') + '\n';
    expect(readFileSync(`${COPIES}search-global.css`, 'utf8')).toBe(body);
  });

  for (const [copy, upstream] of Object.entries(COPIED)) {
    it(`${copy} differs from Starlight's ${upstream} only in marked blocks`, () => {
      const ours = readFileSync(COPIES + copy, 'utf8');
      expect(ours).toMatch(BEGIN);
      expect(unmarkedDrift(ours, readFileSync(STARLIGHT + upstream, 'utf8'))).toEqual([]);
    });
  }
});
