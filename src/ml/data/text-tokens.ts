/**
 * Tokens of the language labs, the same at build time (scripts/pipelines/build-classify.ts turns
 * the corpora into token ids) and on the page (the reader's own text is cut the same way, then
 * mapped to ids in the worker). English is cut into lower-case words (and the symbols `$` and `!`,
 * which spam is fond of); Chinese into Han characters, one token each (punctuation dropped).
 * Id 0 is padding, id 1 stands for any token outside the vocabulary.
 */
export type TokenKind = 'words' | 'chars';

export const PAD = 0;
export const OOV = 1;
/** the two reserved names at the head of every vocabulary */
export const RESERVED = ['<pad>', '<unk>'] as const;

const WORD = /[a-z0-9]+(?:'[a-z]+)?|[$!]/g;
const HAN = /\p{Script=Han}/u;

export function tokenize(text: string, kind: TokenKind): string[] {
  if (kind === 'words') return text.toLowerCase().match(WORD) ?? [];
  return Array.from(text).filter((c) => HAN.test(c));
}

/**
 * The `size` most frequent tokens of `documents` (ties in code-point order), after the two
 * reserved names: index = id.
 */
export function buildVocabulary(documents: readonly string[][], size: number): string[] {
  const counts = new Map<string, number>();
  for (const doc of documents) for (const t of doc) counts.set(t, (counts.get(t) ?? 0) + 1);
  const sorted = [...counts.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  return [...RESERVED, ...sorted.slice(0, size).map(([t]) => t)];
}

/** Token → id, from a vocabulary (reserved names included). */
export const indexOf = (vocabulary: readonly string[]): Map<string, number> =>
  new Map(vocabulary.map((t, i) => [t, i]));

/** The first `length` tokens as ids (OOV for unknown ones), padded with 0 at the end. */
export function encode(tokens: readonly string[], index: ReadonlyMap<string, number>, length: number): Int32Array {
  const ids = new Int32Array(length);
  for (let i = 0; i < Math.min(length, tokens.length); i++) ids[i] = index.get(tokens[i]!) ?? OOV;
  return ids;
}

export type Split = 'train' | 'validation' | 'test';

/** FNV-1a of a string: a split that depends on the text only, never on its position. */
export function hashOf(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/**
 * Drops repeated texts (the same token sequence, as the model would see it), then gives each
 * remaining text a split by the hash of its tokens: 80 % train, 10 % validation, 10 % test. Two
 * equal texts would have the same hash, and only one of them is kept, so no text is in two splits.
 */
export function dedupeAndSplit<T>(items: readonly T[], keyOf: (item: T) => string): Record<Split, T[]> {
  const seen = new Set<string>();
  const out: Record<Split, T[]> = { train: [], validation: [], test: [] };
  for (const item of items) {
    const key = keyOf(item);
    if (seen.has(key)) continue;
    seen.add(key);
    const bucket = hashOf(key) % 10;
    out[bucket < 8 ? 'train' : bucket === 8 ? 'validation' : 'test'].push(item);
  }
  return out;
}
