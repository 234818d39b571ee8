import { describe, expect, it } from 'vitest';
import { buildVocabulary, dedupeAndSplit, encode, hashOf, indexOf, OOV, PAD, tokenize } from './text-tokens';

describe('tokenize', () => {
  it('cuts English into lower-case words, keeping $ and ! and dropping other punctuation', () => {
    expect(tokenize("FREE money!!! Don't wait: $100 now.", 'words')).toEqual([
      'free',
      'money',
      '!',
      '!',
      '!',
      "don't",
      'wait',
      '$',
      '100',
      'now',
    ]);
  });
  it('cuts Chinese into Han characters, dropping punctuation, Latin letters and spaces', () => {
    expect(tokenize('白日依山盡，黃河 入海流。abc', 'chars')).toEqual([
      '白',
      '日',
      '依',
      '山',
      '盡',
      '黃',
      '河',
      '入',
      '海',
      '流',
    ]);
  });
});

describe('vocabulary and ids', () => {
  const docs = [['b', 'a', 'b'], ['c', 'b', 'a'], ['d']];
  it('puts padding and unknown first, then tokens by frequency (ties in code-point order)', () => {
    expect(buildVocabulary(docs, 3)).toEqual(['<pad>', '<unk>', 'b', 'a', 'c']);
  });
  it('maps unknown tokens to OOV, truncates and pads with 0', () => {
    const index = indexOf(buildVocabulary(docs, 3));
    expect(Array.from(encode(['a', 'zzz', 'b'], index, 5))).toEqual([3, OOV, 2, PAD, PAD]);
    expect(Array.from(encode(['a', 'b', 'c', 'a'], index, 2))).toEqual([3, 2]);
  });
});

describe('dedupeAndSplit', () => {
  const texts = Array.from({ length: 3000 }, (_, i) => `text ${i % 2500}`);
  const splits = dedupeAndSplit(texts, (t) => t);
  it('keeps each text once', () => {
    const all = [...splits.train, ...splits.validation, ...splits.test];
    expect(all).toHaveLength(2500);
    expect(new Set(all).size).toBe(2500);
  });
  it('puts no text in two splits', () => {
    const train = new Set(splits.train);
    expect(splits.validation.some((t) => train.has(t))).toBe(false);
    expect(splits.test.some((t) => train.has(t) || splits.validation.includes(t))).toBe(false);
  });
  it('splits about 80/10/10, by the text alone', () => {
    expect(splits.train.length / 2500).toBeCloseTo(0.8, 1);
    expect(splits.test.length / 2500).toBeCloseTo(0.1, 1);
    expect(hashOf('text 7') % 10).toBe(hashOf('text 7') % 10);
    const again = dedupeAndSplit([...texts].reverse(), (t) => t);
    expect(new Set(again.test)).toEqual(new Set(splits.test));
  });
});
