/**
 * Character-level text for the generating LSTM (`lstm-text`): how the build turns Moby-Dick and the
 * Tang five-character quatrains into token ids, and the two baselines the model is measured
 * against. Free of TensorFlow.js and of Node: the data pipeline and the worker both use it.
 *
 *   English   lower-cased; curly quotes and dashes made plain; every run of white space one space;
 *             the alphabet EN_CHARS (id 0 is any other character, shown as �)
 *   Chinese   poems of exactly four lines of five Han characters (two couplets "xxxxx，xxxxx。"),
 *             deduplicated, one poem after another with a line break between them; the vocabulary
 *             is the most frequent characters of the training poems (id 0 for the rest)
 * Losses are in nats per character here; the page shows bits (÷ ln 2).
 */

/** id 0: a character outside the vocabulary */
export const OOV = 0;
export const OOV_CHAR = '�';
/** the English alphabet after id 0 */
export const EN_CHARS = ' abcdefghijklmnopqrstuvwxyz0123456789.,;:!?\'"-()';
/** the Chinese vocabulary: the line break between poems, then this many frequent characters */
export const ZH_VOCAB = 3000;

/** Moby-Dick's text in the small English alphabet (see the module's comment). */
export function normaliseEnglish(text: string): string {
  return text
    .toLowerCase()
    .replace(/[‘’]/g, "'")
    .replace(/[“”]/g, '"')
    .replace(/[—–]/g, '-')
    .replace(/\s+/g, ' ')
    .trim();
}

/** The token ids of `text` in `vocab` (id = index; unknown characters → OOV). */
export function encode(text: string, vocab: readonly string[]): Uint8Array | Int32Array {
  const index = new Map(vocab.map((c, i) => [c, i]));
  const chars = Array.from(text);
  const out = vocab.length <= 256 ? new Uint8Array(chars.length) : new Int32Array(chars.length);
  chars.forEach((c, i) => (out[i] = index.get(c) ?? OOV));
  return out;
}

export const decode = (ids: ArrayLike<number>, vocab: readonly string[]): string =>
  Array.from(ids, (id) => vocab[id] ?? OOV_CHAR).join('');

export const englishVocab = (): string[] => [OOV_CHAR, ...Array.from(EN_CHARS)];

const QUATRAIN = /^(?:\p{Script=Han}{5}，\p{Script=Han}{5}。){2}$/u;

/** A five-character quatrain (五言绝句): its 24 characters, or undefined for any other poem. */
export function quatrainText(paragraphs: readonly string[]): string | undefined {
  const text = paragraphs.join('').replace(/\s+/g, '');
  return QUATRAIN.test(text) ? text : undefined;
}

/** The most frequent characters of `texts` (ties in code-point order), at most `size`. */
export function frequentChars(texts: readonly string[], size: number): string[] {
  const counts = new Map<string, number>();
  for (const text of texts) for (const c of text) counts.set(c, (counts.get(c) ?? 0) + 1);
  return [...counts]
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .slice(0, size)
    .map(([c]) => c);
}

/** Which split item `i` of a list goes to: every tenth to validation, every tenth (offset 5) to test. */
export const splitOf = (i: number): 'train' | 'validation' | 'test' =>
  i % 10 === 9 ? 'validation' : i % 10 === 4 ? 'test' : 'train';

/** Counts of each id (length `vocab`). */
function unigramCounts(ids: ArrayLike<number>, vocab: number): Float64Array {
  const counts = new Float64Array(vocab);
  for (let i = 0; i < ids.length; i++) counts[ids[i]!]! += 1;
  return counts;
}

/** Add-one unigram probabilities estimated on `train`. */
export function unigramModel(train: ArrayLike<number>, vocab: number): Float64Array {
  const counts = unigramCounts(train, vocab);
  const total = train.length + vocab;
  return counts.map((c) => (c + 1) / total);
}

/**
 * Cross-entropy (nats per character) under the add-one unigram model of `train` of every character
 * of `valid` after its first (the characters a next-character model is scored on): what a model
 * that ignores context pays.
 */
export function unigramCrossEntropy(train: ArrayLike<number>, valid: ArrayLike<number>, vocab: number): number {
  const p = unigramModel(train, vocab);
  let sum = 0;
  for (let i = 1; i < valid.length; i++) sum -= Math.log(p[valid[i]!]!);
  return sum / (valid.length - 1);
}

/**
 * Cross-entropy (nats per character) of `valid` under the bigram model of `train` with Witten–Bell
 * smoothing: P(b | a) = (count(a b) + T(a)·P(b)) / (count(a) + T(a)), where T(a) is the number of
 * different characters seen after a and P the add-one unigram: a model that sees exactly one
 * character back, with no constant to tune. Scores the same characters as the unigram's.
 */
export function bigramCrossEntropy(train: ArrayLike<number>, valid: ArrayLike<number>, vocab: number): number {
  const p = unigramModel(train, vocab);
  const pairs = new Map<number, number>();
  const from = new Float64Array(vocab);
  const kinds = new Float64Array(vocab);
  for (let i = 1; i < train.length; i++) {
    const key = train[i - 1]! * vocab + train[i]!;
    const n = pairs.get(key) ?? 0;
    if (n === 0) kinds[train[i - 1]!]! += 1;
    pairs.set(key, n + 1);
    from[train[i - 1]!]! += 1;
  }
  let sum = 0;
  for (let i = 1; i < valid.length; i++) {
    const a = valid[i - 1]!;
    const b = valid[i]!;
    const t = kinds[a]!;
    sum -= Math.log(t === 0 ? p[b]! : ((pairs.get(a * vocab + b) ?? 0) + t * p[b]!) / (from[a]! + t));
  }
  return sum / (valid.length - 1);
}

/**
 * Draws an index from softmax(logits / temperature) with `random()` in [0, 1). A temperature at or
 * below 1e-3 is greedy: the largest logit (the first of equal ones).
 */
export function sampleIndex(logits: ArrayLike<number>, temperature: number, random: () => number): number {
  let best = 0;
  for (let i = 1; i < logits.length; i++) if (logits[i]! > logits[best]!) best = i;
  if (!(temperature > 1e-3)) return best;
  const top = logits[best]!;
  const weights = Array.from(logits, (l) => Math.exp((l - top) / temperature));
  let r = random() * weights.reduce((a, b) => a + b, 0);
  for (let i = 0; i < weights.length; i++) {
    r -= weights[i]!;
    if (r < 0) return i;
  }
  return best;
}

/** A small seeded generator (mulberry32) for sampling and for picking training windows. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
