// The translator as the lab builds it: its parameter counts (the page's arithmetic and the text's
// figures), translation, the attention weights' shape and sums (nothing on the padding), padding
// that changes nothing, a training step that lowers the loss, and no tensor left behind.
import { readFileSync } from 'node:fs';
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { encodeInput, INPUT_LENGTH, INPUT_VOCAB, OUTPUT_LENGTH, OUTPUT_VOCAB, trimPadding } from '../../data/dates';
import { DATES_KERNEL, DATES_MEASURED, DATES_SETTINGS, translatorParams } from '../../models/dates-presets';
import { buildTranslator, exactMatches, oneHot, positionsOf, translate } from './model';

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
    // attention adds only the keys' and the values' projections
    expect(translatorParams(true) - translatorParams(false)).toBe(2 * 64 * 64);
    for (const file of ['applications.mdx', 'zh-cn/applications.mdx']) {
      const text = read(file);
      expect(text).toContain('<AttentionLab />');
      expect(text).toContain(`${thousands(translatorParams(true))} `);
      expect(text).toContain(`${thousands(translatorParams(false))} `);
      expect(text).toContain(`Input((None, ${INPUT_VOCAB.length}))`);
      expect(text).toContain(`Input((${OUTPUT_LENGTH}, ${OUTPUT_LENGTH}))`);
      expect(text).toContain(`Conv1D(${DATES_SETTINGS.units}, ${DATES_KERNEL}, padding='same', activation='relu')`);
      expect(text).toContain(`Dense(${OUTPUT_VOCAB.length}, activation='softmax')`);
    }
  });

  it('quotes the measured run in both locales', () => {
    const { attention, plain } = DATES_MEASURED;
    for (const file of ['applications.mdx', 'zh-cn/applications.mdx']) {
      const text = read(file).replace(/\s+/g, ' ');
      for (const v of [attention.epoch2, attention.epoch3, plain.epoch1, plain.epoch8, plain.test])
        expect(text).toContain(`${v.toFixed(1)} %`);
      expect(text).toMatch(new RegExp(`${attention.secondsTo99} (seconds|秒)`));
      expect(text).toMatch(new RegExp(`${attention.seconds} (seconds|秒)`));
      expect(text).toContain(
        `learning rate ${DATES_SETTINGS.learningRate}`.replace(
          'learning rate',
          file.startsWith('zh') ? '学习率' : 'learning rate',
        ),
      );
    }
  });

  it('translates, with attention weights that sum to 1 over the characters and are 0 on the padding', async () => {
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
    // the same date padded on the left to 16 characters: the padding gets no weight, and the
    // output and the characters' weights are those of the unpadded date
    const padded = encodeInput('3 May 2021').subarray(INPUT_LENGTH - 16);
    const again = await translate(translator, padded, 1, 16, true);
    expect([...again.ids]).toEqual([...ids]);
    for (let t = 0; t < OUTPUT_LENGTH; t++) {
      const row = again.weights!.subarray(t * 16, (t + 1) * 16);
      for (let j = 0; j < 6; j++) expect(row[j]).toBe(0);
      for (let j = 0; j < length; j++) expect(row[6 + j]).toBeCloseTo(weights![t * length + j]!, 5);
    }
    translator.model.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('without attention, pads without changing the translation', async () => {
    const translator = buildTranslator({ attention: false, units: 8 }, 5);
    const { inputs, length } = trimPadding(encodeInput('2021年5月3日'), 1, INPUT_LENGTH);
    const { ids, weights } = await translate(translator, inputs, 1, length, true);
    expect(weights).toBeUndefined();
    const padded = await translate(translator, encodeInput('2021年5月3日'), 1, INPUT_LENGTH);
    expect([...padded.ids]).toEqual([...ids]);
    translator.model.dispose();
  });

  it('trains: a few steps on one batch lower the loss', async () => {
    const translator = buildTranslator({ attention: false, units: 8 }, 4);
    translator.model.compile({ optimizer: tf.train.adam(0.05), loss: 'categoricalCrossentropy' });
    const n = 4;
    const ids = new Int32Array(n * INPUT_LENGTH);
    for (let i = 0; i < n; i++) ids.set(encodeInput(`${i + 1} May 2021`), i * INPUT_LENGTH);
    const targets = new Int32Array(n * OUTPUT_LENGTH);
    for (let i = 0; i < n; i++) targets.set([2, 0, 2, 1, 10, 0, 5, 10, 0, i + 1], i * OUTPUT_LENGTH);
    const x = oneHot(ids, n, INPUT_LENGTH, INPUT_VOCAB.length);
    const previous = positionsOf(n);
    const y = oneHot(targets, n, OUTPUT_LENGTH, OUTPUT_VOCAB.length);
    const first = (await translator.model.trainOnBatch([x, previous], y)) as number;
    let last = first;
    for (let i = 0; i < 20; i++) last = (await translator.model.trainOnBatch([x, previous], y)) as number;
    expect(last).toBeLessThan(first * 0.7);
    tf.dispose([x, previous, y]);
    translator.model.dispose();
  });

  it('feeds every date the same one-hot output positions and counts exact matches', () => {
    const positions = positionsOf(2);
    expect(positions.shape).toEqual([2, OUTPUT_LENGTH, OUTPUT_LENGTH]);
    expect(positions.arraySync()[1]![3]).toEqual([0, 0, 0, 1, 0, 0, 0, 0, 0, 0]);
    positions.dispose();
    const targets = Int32Array.from([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1]);
    const wrong = targets.slice();
    wrong[15] = 0;
    expect(exactMatches(targets, targets, 2)).toBe(2);
    expect(exactMatches(wrong, targets, 2)).toBe(1);
  });
});
