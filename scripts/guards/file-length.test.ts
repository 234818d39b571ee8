// One file, one job: no source file under src/ is longer than 450 lines (issue "one lab kit"). A file
// that grows past it is split by job (a task's job checks, its run, its inspection; an island's fields,
// its chart, its picture), never trimmed by squeezing lines together.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));
export const MAX_LINES = 450;
const SOURCE = /\.(ts|mts|js|mjs|svelte|astro|css)$/;

/** The files over the limit, with their line counts. */
export function overLong(files: Array<[path: string, text: string]>): string[] {
  return files
    .filter(([path]) => SOURCE.test(path))
    .map(([path, text]) => [path, text.split('\n').length - (text.endsWith('\n') ? 1 : 0)] as const)
    .filter(([, lines]) => lines > MAX_LINES)
    .map(([path, lines]) => `${path} (${lines} lines)`);
}

describe('source files under src/', () => {
  it('the rule counts lines and only looks at source files', () => {
    const long = 'x\n'.repeat(MAX_LINES + 1);
    expect(overLong([['src/a.ts', long]])).toEqual([`src/a.ts (${MAX_LINES + 1} lines)`]);
    expect(overLong([['src/a.ts', 'x\n'.repeat(MAX_LINES)]])).toEqual([]);
    expect(overLong([['src/a.json', long]])).toEqual([]);
  });

  it(`are at most ${MAX_LINES} lines long`, () => {
    const tracked = execFileSync('git', ['ls-files', '-z', 'src'], { cwd: root, encoding: 'utf8' })
      .split('\0')
      .filter((path) => path !== '' && existsSync(join(root, path)));
    expect(overLong(tracked.map((path) => [path, readFileSync(join(root, path), 'utf8')]))).toEqual([]);
  });
});
