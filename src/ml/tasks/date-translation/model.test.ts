// The translator as the lab builds it: its parameter counts (the page's arithmetic and the text's
// figures), greedy decoding, the attention weights' shape and sums, a training step that lowers the
// loss, and no tensor left behind.
import { readFileSync } from 'node:fs';
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { encodeInput, INPUT_LENGTH, INPUT_VOCAB, OUTPUT_LENGTH, OUTPUT_VOCAB, trimPadding } from '../../data/dates';
import { DATES_SETTINGS, translatorParams } from '../../models/dates-presets';
import { buildTranslator, exactMatches, oneHot, shiftRight, translate } from './model';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const read = (rel: string) => readFileSync(new URL(`../../../../content/docs/${rel}`, import.meta.url), 'utf8');
const thousands = (n: number) => n.toLocaleString('en-US');

describe('the date translator', () => {
  it('has the parameters the page computes and the text states, in both locales', () => {
    for (const attention of [true, false]) {
      const { model } = buildTranslator({ attention, units: DATES_SETTINGS.units }, 1);
      expect(model.countParams()).toBe(translatorParams(attention));
      model.dispose();
    }
    expect(translatorParams(true) - translatorParams(false)).toBe(64 * 64);
    for (const file of ['applications.mdx', 'zh-cn/applications.mdx']) {
      const text = read(file);
      expect(text).toContain('<AttentionLab />');
      expect(text).toContain(`${thousands(translatorParams(true))} `);
      expect(text).toContain(`${thousands(translatorParams(false))} `);
      expect(text).toContain(`Input((None, ${INPUT_VOCAB.length}))`);
      expect(text).toContain(`Input((${OUTPUT_LENGTH}, ${OUTPUT_VOCAB.length}))`);
      expect(text).toContain(`LSTM(${DATES_SETTINGS.units}, return_sequences=True)`);
    }
  });

  it('decodes greedily, with attention weights that sum to 1 over the input', async () => {
    const before = tf.memory().numTensors;
    const translator = buildTranslator({ attention: true, units: 8 }, 3);
    const { inputs, length } = trimPadding(encodeInput('3 May 2021'), 1, INPUT_LENGTH);
    expect(length).toBe(10);
    const { ids, weights } = await translate(translator, inputs, 1, length, true);
    expect(ids).toHaveLength(OUTPUT_LENGTH);
    expect([...ids].every((i) => i >= 0 && i < OUTPUT_VOCAB.length)).toBe(true);
    expect(weights).toHaveLength(OUTPUT_LENGTH * length);
    for (let t = 0; t < OUTPUT_LENGTH; t++) {
      const row = weights!.subarray(t * length, (t + 1) * length);
      expect(row.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 4);
    }
    translator.model.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('trains: a few steps on one batch lower the loss', async () => {
    const translator = buildTranslator({ attention: false, units: 8 }, 4);
    translator.model.compile({ optimizer: tf.train.adam(0.05), loss: 'categoricalCrossentropy' });
    const n = 4;
    const ids = new Int32Array(n * INPUT_LENGTH);
    for (let i = 0; i < n; i++) ids.set(encodeInput(`${i + 1} May 2021`), i * INPUT_LENGTH);
    const targets = new Int32Array(n * OUTPUT_LENGTH);
    for (let i = 0; i < n; i++) targets.set([3, 1, 3, 2, 11, 1, 6, 11, 1, i + 2], i * OUTPUT_LENGTH);
    const x = oneHot(ids, n, INPUT_LENGTH, INPUT_VOCAB.length);
    const previous = oneHot(shiftRight(targets, n), n, OUTPUT_LENGTH, OUTPUT_VOCAB.length);
    const y = oneHot(targets, n, OUTPUT_LENGTH, OUTPUT_VOCAB.length);
    const first = (await translator.model.trainOnBatch([x, previous], y)) as number;
    let last = first;
    for (let i = 0; i < 20; i++) last = (await translator.model.trainOnBatch([x, previous], y)) as number;
    expect(last).toBeLessThan(first * 0.7);
    tf.dispose([x, previous, y]);
    translator.model.dispose();
  });

  it('shifts targets right behind the start symbol and counts exact matches', () => {
    const targets = Int32Array.from([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1]);
    expect([...shiftRight(targets, 2)]).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 0, 10, 9, 8, 7, 6, 5, 4, 3, 2]);
    const wrong = targets.slice();
    wrong[15] = 0;
    expect(exactMatches(targets, targets, 2)).toBe(2);
    expect(exactMatches(wrong, targets, 2)).toBe(1);
  });
});
