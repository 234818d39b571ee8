// The text classifiers' sizes: the formula the page and the chapter use (text-params.ts) against the
// models TensorFlow.js builds, and the counts written in the Applications chapter (both locales).
import { readFileSync } from 'node:fs';
import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { multiHot, textModel } from './text-models';
import { TEXT_DEFAULTS, textParams } from './text-params';

const SPAM = { ...TEXT_DEFAULTS, vocabulary: 6002 };

describe('textParams', () => {
  it.each(['bow', 'bag', 'conv', 'lstm'] as const)('%s: the count of the built model', (kind) => {
    for (const size of [SPAM, { ...SPAM, vocabulary: 4002, units: 7, filters: 3, embedding: 5 }]) {
      const model = textModel(kind, size, 1);
      expect(textParams(kind, size)).toBe(model.countParams());
      model.dispose();
    }
  });
  it('gives two class probabilities for token ids (or a bag of words)', () => {
    const ids = new Int32Array(2 * SPAM.length).fill(3);
    for (const kind of ['bag', 'conv', 'lstm'] as const) {
      const model = textModel(kind, SPAM, 1);
      const y = tf.tidy(() => model.predict(tf.tensor2d(ids, [2, SPAM.length], 'int32')) as tf.Tensor);
      expect(y.shape).toEqual([2, 2]);
      tf.dispose([y]);
      model.dispose();
    }
  });
});

describe('textModel', () => {
  it("starts the LSTM's forget gate at 1 and frees every tensor on dispose", async () => {
    const before = tf.memory().numTensors;
    for (const kind of ['bow', 'bag', 'conv', 'lstm'] as const) textModel(kind, SPAM, 1).dispose();
    expect(tf.memory().numTensors).toBe(before);
    const lstm = textModel('lstm', SPAM, 1);
    const bias = Array.from(await lstm.layers[1]!.getWeights()[2]!.data());
    const u = TEXT_DEFAULTS.units;
    expect(bias.slice(u, 2 * u).every((b) => b === 1)).toBe(true);
    expect(bias.slice(0, u).every((b) => b === 0)).toBe(true);
    lstm.dispose();
  });
});

describe('multiHot', () => {
  it('marks each token present once, leaving padding out', () => {
    expect(Array.from(multiHot(Int32Array.from([2, 2, 0, 1, 3, 0]), 3, 4))).toEqual([0, 0, 1, 0, 0, 1, 0, 1]);
  });
});

describe.each(['applications.mdx', 'zh-cn/applications.mdx'])('%s, the text classifiers', (file) => {
  const text = readFileSync(new URL(`../../../content/docs/${file}`, import.meta.url), 'utf8');
  const thousands = (n: number) => n.toLocaleString('en-US');
  it('states the parameter counts of the models the lab builds on the spam vocabulary', () => {
    expect(text).toContain('<ClassifyLab');
    for (const kind of ['bow', 'bag', 'conv', 'lstm'] as const)
      expect(text).toContain(thousands(textParams(kind, SPAM)));
    expect(text).toContain(`LSTM(${TEXT_DEFAULTS.units})`);
    expect(text).toContain(`tf.layers.lstm({ units: ${TEXT_DEFAULTS.units}`);
    expect(text).toContain(`Conv1D(${TEXT_DEFAULTS.filters}, ${TEXT_DEFAULTS.kernel}`);
  });
});
