// The attention explorer's arithmetic against TensorFlow.js's own ops (matMul, softmax, a band
// mask), the sinusoidal encoding against its defining properties, and the block's parameter count
// (4.79) against the layers TensorFlow.js builds.
import * as tf from '@tensorflow/tfjs';
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { mulberry32 } from '../random';
import {
  attention,
  blockParams,
  sinusoidalEncoding,
  softmaxRows,
  times,
  timesTransposed,
  type Grid,
} from './attention-step';

beforeAll(async () => {
  await tf.setBackend('cpu');
  await tf.ready();
});

const random = mulberry32(7);
const grid = (rows: number, cols: number): Grid =>
  Array.from({ length: rows }, () => Array.from({ length: cols }, () => Math.round((random() * 6 - 3) * 100) / 100));

function expectClose(actual: Grid, expected: Grid, digits = 5) {
  expect(actual.length).toBe(expected.length);
  actual.forEach((row, i) => row.forEach((x, j) => expect(x, `(${i}, ${j})`).toBeCloseTo(expected[i]![j]!, digits)));
}

/** softmax(QKᵀ/√d_k + M) V with TensorFlow.js ops; M is 0 or −1e9 above the diagonal. */
function reference(q: Grid, k: Grid, v: Grid, causal: boolean) {
  return tf.tidy(() => {
    const [Q, K, V] = [tf.tensor2d(q), tf.tensor2d(k), tf.tensor2d(v)];
    let scaled = tf.matMul(Q, K, false, true).div(Math.sqrt(q[0]!.length));
    if (causal) {
      const keep = tf.linalg.bandPart(tf.ones([q.length, k.length]), -1, 0);
      scaled = scaled.add(tf.scalar(1).sub(keep).mul(-1e9));
    }
    const weights = tf.softmax(scaled);
    return { weights: weights.arraySync() as Grid, output: tf.matMul(weights, V).arraySync() as Grid };
  });
}

describe('attention', () => {
  it.each([
    [4, 4, 4],
    [3, 5, 2],
    [6, 8, 8],
  ])('equals TensorFlow.js for %i tokens, d_k = %i, d_v = %i, with and without the causal mask', (n, dk, dv) => {
    const [q, k, v] = [grid(n, dk), grid(n, dk), grid(n, dv)];
    expectClose(
      timesTransposed(q, k),
      tf.tidy(() => tf.matMul(tf.tensor2d(q), tf.tensor2d(k), false, true).arraySync() as Grid),
    );
    for (const causal of [false, true]) {
      const step = attention(q, k, v, { causal });
      const ref = reference(q, k, v, causal);
      expectClose(step.weights, ref.weights);
      expectClose(step.output, ref.output, 4);
    }
    expect(tf.memory().numTensors).toBe(0);
  });

  it('scales by √d_k, masks later keys with −∞ and weights them exactly 0', () => {
    const q = [
      [1, 0, 1, 0],
      [0, 2, 0, 0],
    ];
    const step = attention(q, q, [[1], [3]], { causal: true });
    expect(step.divisor).toBe(2);
    expect(step.scores).toEqual([
      [2, 0],
      [0, 4],
    ]);
    expect(step.scaled).toEqual([
      [1, -Infinity],
      [0, 2],
    ]);
    expect(step.weights[0]).toEqual([1, 0]);
    // row 1: e⁰/(e⁰ + e²) on the first key
    const a = 1 / (1 + Math.exp(2));
    expect(step.weights[1]![0]).toBeCloseTo(a, 12);
    expect(step.output[1]![0]).toBeCloseTo(a * 1 + (1 - a) * 3, 12);
    // unscaled: the same scores, a sharper row
    const raw = attention(q, q, [[1], [3]], { scale: false });
    expect(raw.divisor).toBe(1);
    expect(raw.weights[1]![1]).toBeGreaterThan(step.weights[1]![1]!);
  });

  it('does not overflow on large scores, and every row of weights sums to 1', () => {
    const w = softmaxRows([[1000, 999, -1000]]);
    expect(w[0]![0]).toBeCloseTo(1 / (1 + Math.exp(-1)), 12);
    expect(w[0]!.reduce((a, b) => a + b)).toBeCloseTo(1, 12);
    expect(() => times([[1, 2]], [[1]])).toThrow();
  });
});

describe('sinusoidalEncoding', () => {
  const pe = sinusoidalEncoding(50, 8);
  it('is sin, cos of pos/10000^(2i/d), alternating', () => {
    expect(pe[0]).toEqual([0, 1, 0, 1, 0, 1, 0, 1]);
    expect(pe[3]![0]).toBeCloseTo(Math.sin(3), 12);
    expect(pe[3]![1]).toBeCloseTo(Math.cos(3), 12);
    expect(pe[3]![2]).toBeCloseTo(Math.sin(3 / 10000 ** (2 / 8)), 12);
    expect(pe[3]![7]).toBeCloseTo(Math.cos(3 / 10000 ** (6 / 8)), 12);
  });

  it('moves by a rotation that depends on the offset only (4.75)', () => {
    // each (sin, cos) pair at pos + k is the pair at pos rotated by the angle k·ω_i
    for (const k of [1, 5]) {
      for (const pos of [0, 7, 30]) {
        for (let i = 0; i < 4; i++) {
          const w = 1 / 10000 ** ((2 * i) / 8);
          const [s, c] = [pe[pos]![2 * i]!, pe[pos]![2 * i + 1]!];
          expect(pe[pos + k]![2 * i]).toBeCloseTo(s * Math.cos(k * w) + c * Math.sin(k * w), 12);
          expect(pe[pos + k]![2 * i + 1]).toBeCloseTo(c * Math.cos(k * w) - s * Math.sin(k * w), 12);
        }
      }
    }
    // and the dot product of two positions depends on their distance only
    const dot = (a: number, b: number) => pe[a]!.reduce((s, x, c) => s + x * pe[b]![c]!, 0);
    expect(dot(3, 10)).toBeCloseTo(dot(20, 27), 12);
  });
});

describe('blockParams', () => {
  it.each([
    [4, 16],
    [32, 64],
    [512, 2048],
  ])('counts the weights TensorFlow.js builds for one block with d = %i, d_ff = %i', (d, dff) => {
    const shape = [null, 10, d];
    const dense = (units: number, input: number) => {
      const layer = tf.layers.dense({ units });
      layer.build([null, 10, input]);
      return layer.countParams();
    };
    const norm = () => {
      const layer = tf.layers.layerNormalization();
      layer.build(shape);
      return layer.countParams();
    };
    const count = blockParams(d, dff);
    expect(count.attention).toBe(4 * dense(d, d));
    expect(count.feedForward).toBe(dense(dff, d) + dense(d, dff));
    expect(count.norms).toBe(2 * norm());
    expect(count.total).toBe(4 * d * d + 2 * d * dff + 9 * d + dff);
  });

  it('gives 3,152,384 for the base model of "Attention is all you need" (d = 512, d_ff = 2048)', () => {
    expect(blockParams(512, 2048).total).toBe(3_152_384);
  });
});

describe.each(['math/attention.mdx', 'zh-cn/math/attention.mdx'])('%s, the parameters of one block', (file) => {
  const text = readFileSync(new URL(`../../../content/docs/${file}`, import.meta.url), 'utf8');
  const thousands = (n: number) => n.toLocaleString('en-US');
  it('states the counts of (4.79) and the LSTM beside it, as TensorFlow.js builds them', () => {
    const base = blockParams(512, 2048);
    expect(text).toContain(
      `${thousands(base.attention)} + ${thousands(base.feedForward)} + ${thousands(base.norms)} = **${thousands(base.total)}**`,
    );
    expect(text).toContain(thousands(6 * base.total));
    expect(text).toContain(`**${thousands(blockParams(64, 128).total)}**`);
    const lstm = tf.sequential({ layers: [tf.layers.lstm({ units: 64, inputShape: [10, 64] })] });
    expect(text).toContain(`= ${thousands(lstm.countParams()).replace(',', '{,}')}$`);
    lstm.dispose();
    expect(text).toContain(`count_params())  # ${base.total}`);
  });
});
