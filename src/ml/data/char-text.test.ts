import { describe, expect, it } from 'vitest';
import {
  bigramCrossEntropy,
  decode,
  encode,
  englishVocab,
  frequentChars,
  normaliseEnglish,
  OOV,
  quatrainText,
  sampleIndex,
  seededRandom,
  splitOf,
  unigramCrossEntropy,
} from './char-text';

describe('character corpora', () => {
  it('keeps only five-character quatrains: two couplets of five Han characters', () => {
    expect(quatrainText(['床前明月光，疑是地上霜。', '舉頭望明月，低頭思故鄉。'])).toBe(
      '床前明月光，疑是地上霜。舉頭望明月，低頭思故鄉。',
    );
    // seven characters a line, eight lines, a missing mark, Latin letters: not a 五言绝句
    expect(quatrainText(['朝辭白帝彩雲間，千里江陵一日還。', '兩岸猿聲啼不住，輕舟已過萬重山。'])).toBeUndefined();
    expect(quatrainText(Array(4).fill('床前明月光，疑是地上霜。'))).toBeUndefined();
    expect(quatrainText(['床前明月光疑是地上霜。', '舉頭望明月，低頭思故鄉。'])).toBeUndefined();
    expect(quatrainText(['床前明月a，疑是地上霜。', '舉頭望明月，低頭思故鄉。'])).toBeUndefined();
  });

  it('lower-cases English into its small alphabet, unknown characters to id 0', () => {
    const text = normaliseEnglish('Call me “Ishmael”—\n\n  SOME years…');
    expect(text).toBe('call me "ishmael"- some years…');
    const vocab = englishVocab();
    const ids = encode(text, vocab);
    expect(ids.at(-1)).toBe(OOV);
    expect(decode(ids.subarray(0, 7), vocab)).toBe('call me');
  });

  it('ranks characters by frequency and splits 8 : 1 : 1 by position', () => {
    expect(frequentChars(['abcab', 'b'], 2)).toEqual(['b', 'a']);
    const splits = Array.from({ length: 20 }, (_, i) => splitOf(i));
    expect(splits.filter((s) => s === 'validation')).toHaveLength(2);
    expect(splits.filter((s) => s === 'test')).toHaveLength(2);
  });
});

describe('baselines on a toy text', () => {
  const abab = Uint8Array.from({ length: 1000 }, (_, i) => i % 2);

  it('the unigram pays ln 2 per character on a text of two equally common letters', () => {
    expect(unigramCrossEntropy(abab, abab, 2)).toBeCloseTo(Math.LN2, 6);
  });

  it('the bigram predicts a strict alternation almost for free, and nothing for a coin', () => {
    expect(bigramCrossEntropy(abab, abab, 2)).toBeLessThan(0.01);
    const random = seededRandom(3);
    const coin = Uint8Array.from({ length: 20000 }, () => (random() < 0.5 ? 1 : 0));
    expect(bigramCrossEntropy(coin.subarray(0, 10000), coin.subarray(10000), 2)).toBeCloseTo(Math.LN2, 2);
  });
});

describe('sampling with a temperature', () => {
  const logits = [1, 3, 2.5, -1];

  it('is the argmax as the temperature goes to 0', () => {
    const random = seededRandom(1);
    for (const t of [0, 1e-4, 1e-3]) expect(sampleIndex(logits, t, random)).toBe(1);
    const counts = [0, 0, 0, 0];
    for (let i = 0; i < 2000; i++) counts[sampleIndex(logits, 0.01, random)]! += 1;
    expect(counts[1]).toBe(2000);
  });

  it('follows softmax(logits / T): at T = 1 the frequencies match, higher T flattens them', () => {
    const random = seededRandom(7);
    const draw = (t: number) => {
      const counts = [0, 0, 0, 0];
      for (let i = 0; i < 20000; i++) counts[sampleIndex(logits, t, random)]! += 1;
      return counts.map((c) => c / 20000);
    };
    const z = logits.map(Math.exp);
    const sum = z.reduce((a, b) => a + b);
    draw(1).forEach((f, i) => expect(f).toBeCloseTo(z[i]! / sum, 1));
    expect(draw(5)[3]!).toBeGreaterThan(draw(1)[3]! * 3);
  });
});
