// The character model: the parameter count the page and the text state is the built model's, the
// sampler's plain-JavaScript cell computes what the layers model computes, and the sparse loss is
// the usual cross-entropy.
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { seededRandom } from '../../data/char-text';
import { charModelParams, CHAR_PRESETS, parseLstmTextCommand, parseLstmTextJob, type CharModelConfig } from './job';
import { buildCharModel, nextCharLoss, readWeights } from './model';
import { CharSampler } from './sampler';

beforeAll(async () => {
  await tf.setBackend('cpu');
  await tf.ready();
});

describe('the character LSTM', () => {
  it.each([
    [{ embedding: 32, units: 128, layers: 1 }, 49],
    [{ embedding: 64, units: 128, layers: 1 }, 3002],
    [{ embedding: 8, units: 16, layers: 2 }, 30],
  ] as [CharModelConfig, number][])(
    '%o over %i characters has the parameters charModelParams counts',
    (config, vocab) => {
      const model = buildCharModel(config, vocab, 1);
      expect(model.countParams()).toBe(charModelParams(config, vocab));
      model.dispose();
    },
  );

  it('samples with the same numbers as the layers model, one character at a time', async () => {
    const config: CharModelConfig = { embedding: 6, units: 10, layers: 2 };
    const model = buildCharModel(config, 12, 4);
    const ids = [3, 1, 4, 1, 5, 9, 2, 6];
    const logits = tf.tidy(() => model.predict(tf.tensor2d([ids], [1, ids.length], 'int32')) as tf.Tensor);
    const expected = (await logits.data()) as Float32Array;
    const sampler = new CharSampler(await readWeights(model, config, 12));
    ids.forEach((id, t) => {
      sampler.feed(id);
      Array.from(sampler.logits).forEach((v, j) => expect(v).toBeCloseTo(expected[t * 12 + j]!, 4));
    });
    logits.dispose();
    model.dispose();
  });

  it('writes greedily at a temperature near 0: the same text every time', async () => {
    const config: CharModelConfig = { embedding: 4, units: 8, layers: 1 };
    const model = buildCharModel(config, 9, 2);
    const weights = await readWeights(model, config, 9);
    const a = new CharSampler(weights).write([1, 2], 30, 0.001, seededRandom(1));
    const b = new CharSampler(weights).write([1, 2], 30, 0.001, seededRandom(99));
    expect(a).toEqual(b);
    const c = new CharSampler(weights).write([1, 2], 30, 1.5, seededRandom(99));
    expect(c).not.toEqual(a);
    model.dispose();
  });

  it('scores the next character by its cross-entropy', () => {
    const loss = tf.tidy(() => {
      const logits = tf.tensor3d([
        [
          [0, 0, Math.log(2)],
          [0, 0, 0],
        ],
      ]);
      return nextCharLoss(logits, tf.tensor2d([[2, 0]], [1, 2], 'int32')).dataSync()[0]!;
    });
    expect(loss).toBeCloseTo((-Math.log(0.5) - Math.log(1 / 3)) / 2, 5);
  });

  it('checks its payloads', () => {
    const preset = CHAR_PRESETS['moby-dick'];
    const job = {
      ...preset,
      corpus: 'moby-dick',
      seed: 1,
      seedText: 'call me',
      dataset: { kind: 'manifest', name: 'moby-dick', manifestUrl: 'http://x/data/manifest.json' },
    };
    expect(parseLstmTextJob(job).model).toEqual(preset.model);
    expect(() => parseLstmTextJob({ ...job, model: { ...preset.model, layers: 3 } })).toThrow(/layers/);
    expect(() => parseLstmTextCommand({ kind: 'sample', temperature: 0, seedText: '', length: 5, seed: 1 })).toThrow(
      /temperature/,
    );
  });
});
