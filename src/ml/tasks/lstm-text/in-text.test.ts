// The Applications chapter's character LSTM (both locales) is the model the lab builds: the same
// layers in the Keras and TensorFlow.js listings, the same vocabularies and parameter counts.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { englishVocab, ZH_VOCAB } from '../../data/char-text';
import { CHAR_PRESETS, charModelParams } from './job';

const read = (rel: string) => readFileSync(new URL(`../../../../content/docs/${rel}`, import.meta.url), 'utf8');
const thousands = (n: number) => n.toLocaleString('en-US');

describe.each(['applications.mdx', 'zh-cn/applications.mdx'])('%s, the LSTM that writes', (file) => {
  const text = read(file);
  const en = CHAR_PRESETS['moby-dick'].model;
  const zh = CHAR_PRESETS.quatrains.model;
  const vocab = { en: englishVocab().length, zh: ZH_VOCAB + 2 };

  it('shows the lab and the model it builds, in both libraries', () => {
    expect(text).toContain('<CharLab />');
    expect(text).toContain(`vocab = ${vocab.en}`);
    expect(text).toContain(`layers.Embedding(vocab, ${en.embedding})`);
    expect(text).toContain(`Embedding(vocab, ${zh.embedding})`);
    expect(text).toContain(`layers.LSTM(${en.units}, return_sequences=True)`);
    expect(text).toContain(`tf.layers.lstm({ units: ${en.units}, returnSequences: true`);
    expect(zh.units).toBe(en.units);
    expect(en.layers).toBe(1);
    expect(zh.layers).toBe(1);
  });

  it('states the parameter counts of the built model for both corpora', () => {
    expect(text).toContain(`**${thousands(charModelParams(en, vocab.en))}**`);
    expect(text).toContain(`**${thousands(charModelParams(zh, vocab.zh))}**`);
    expect(text).toContain(thousands(vocab.zh));
  });
});
