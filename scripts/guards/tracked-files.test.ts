// The repository stays small: nothing tracked outside the committed data folder (scripts/data/) is
// over 2 MB, and no Debian package is tracked at all (CI installs `dataset-fashion-mnist` with apt;
// a 30.9 MB .deb once sat at the root by mistake).
import { execFileSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));
export const MAX_TRACKED_BYTES = 2 * 1024 * 1024;
export const DATA_FOLDER = 'scripts/data/';

/** The tracked files over the limit outside the data folder, with their sizes. */
export function oversized(files: Array<[path: string, bytes: number]>): string[] {
  return files
    .filter(([path, bytes]) => !path.startsWith(DATA_FOLDER) && bytes > MAX_TRACKED_BYTES)
    .map(([path, bytes]) => `${path} (${(bytes / 1e6).toFixed(1)} MB)`);
}

function trackedFiles(): Array<[string, number]> {
  const out = execFileSync('git', ['ls-files', '-z'], { cwd: root, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  return out
    .split('\0')
    .filter((path) => path !== '' && existsSync(join(root, path)))
    .map((path) => [path, statSync(join(root, path)).size]);
}

describe('tracked files', () => {
  it('the rule sees a big file outside the data folder and allows one inside it', () => {
    expect(oversized([['big.deb', 31e6]])).toEqual(['big.deb (31.0 MB)']);
    expect(oversized([['scripts/data/spoken-digits/train-images.u8.gz', 5e6]])).toEqual([]);
    expect(oversized([['src/small.ts', 1000]])).toEqual([]);
  });

  // a checkout without git (an unpacked archive) has nothing to list
  it.skipIf(!existsSync(join(root, '.git')))('nothing over 2 MB is tracked outside scripts/data/, and no .deb', () => {
    const files = trackedFiles();
    expect(files.length).toBeGreaterThan(100);
    expect(oversized(files)).toEqual([]);
    expect(files.map(([path]) => path).filter((path) => path.endsWith('.deb'))).toEqual([]);
  });
});
