/**
 * The gradient audit: every gradient the book's models need, computed on the WASM backend (with the
 * project's kernels) and on the CPU backend (tfjs's reference), must agree.
 */
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { articleCnn, buildModel, disposeModel } from '../models/build-model';
import { mulberry32 } from '../random';
import { initWasmForNode } from './node-wasm';
import { useSimdKernels } from './simd-kernels';

const random = mulberry32(7);
const values = (n: number) => Float32Array.from({ length: n }, () => random() * 2 - 1);
const size = (shape: number[]) => shape.reduce((a, b) => a * b, 1);

async function on<T>(backend: string, f: () => T): Promise<T> {
  await tf.setBackend(backend);
  return f();
}

function maxError(a: Float32Array | number[], b: Float32Array | number[]): number {
  expect(a.length).toBe(b.length);
  let worst = 0;
  for (let i = 0; i < a.length; i++) worst = Math.max(worst, Math.abs(a[i]! - b[i]!));
  return worst;
}

beforeAll(async () => {
  await initWasmForNode();
});

it("puts the project's kernels in place of the stock ones, keeping each stock setup", () => {
  for (const name of ['BatchMatMul', 'Cast', 'Conv2D', 'Conv2DBackpropInput', 'Identity', 'MaxPoolGrad', 'Sum']) {
    const kernel = tf.getKernel(name, 'wasm') as { project?: boolean; setupFunc?: unknown } | undefined;
    expect(kernel?.project, name).toBe(true);
    // the stock Cast and Identity are JavaScript, with no C++ function to bind
    if (name !== 'Cast' && name !== 'Identity') expect(typeof kernel?.setupFunc, name).toBe('function');
  }
  expect(tf.getKernel('Conv2DBackpropFilter', 'wasm'), 'Conv2DBackpropFilter').toBeDefined();
});

afterAll(async () => {
  await tf.setBackend('cpu');
});

describe('Conv2DBackpropFilter on WASM', () => {
  const cases: Array<{
    x: [number, number, number, number];
    k: [number, number];
    co: number;
    s: [number, number];
    pad: 'same' | 'valid';
  }> = [];
  for (const pad of ['valid', 'same'] as const) {
    for (const s of [
      [1, 1],
      [2, 2],
      [3, 2],
    ] as const) {
      cases.push({ x: [2, 9, 11, 3], k: [3, 3], co: 4, s: [s[0], s[1]], pad });
      cases.push({ x: [3, 8, 7, 2], k: [2, 4], co: 5, s: [s[0], s[1]], pad });
      cases.push({ x: [1, 13, 10, 1], k: [5, 3], co: 2, s: [s[0], s[1]], pad });
    }
  }
  // the article's own layers: 28×28×1 → 32 filters (batch 32), and 13×13×32 → 64 filters (batch 4,
  // to keep the CPU reference quick)
  cases.push({ x: [32, 28, 28, 1], k: [3, 3], co: 32, s: [1, 1], pad: 'valid' });
  cases.push({ x: [4, 13, 13, 32], k: [3, 3], co: 64, s: [1, 1], pad: 'valid' });
  // patches over 4 M floats: the batch goes in two slices (4 images, then 2) whose products are summed
  cases.push({ x: [6, 64, 64, 24], k: [3, 3], co: 1, s: [1, 1], pad: 'same' });

  for (const c of cases) {
    it(`x ${c.x.join('×')}, kernel ${c.k.join('×')}→${c.co}, stride ${c.s.join('×')}, ${c.pad}`, async () => {
      const filterShape: [number, number, number, number] = [c.k[0], c.k[1], c.x[3], c.co];
      const xData = values(size(c.x));
      const outShape = await on('cpu', () => {
        const y = tf.conv2d(tf.tensor4d(xData, c.x), tf.zeros(filterShape) as tf.Tensor4D, c.s, c.pad);
        const shape = y.shape;
        tf.dispose(y);
        return shape;
      });
      const dyData = values(size(outShape));
      const grad = (backend: string) =>
        on(backend, () => {
          const before = tf.memory().numTensors;
          const g = tf.tidy(() => {
            const x = tf.tensor4d(xData, c.x);
            const dy = tf.tensor4d(dyData, outShape);
            // the filter gradient exactly as tfjs's conv2d gradient asks for it
            const f = (w: tf.Tensor) =>
              tf
                .conv2d(x, w as tf.Tensor4D, c.s, c.pad)
                .mul(dy)
                .sum();
            return tf.grad(f)(tf.zeros(filterShape));
          });
          const data = g.dataSync() as Float32Array;
          g.dispose();
          expect(tf.memory().numTensors).toBe(before);
          return data;
        });
      const reference = await grad('cpu');
      // Each gradient entry sums batch·OH·OW products; for the small shapes the error must be under
      // 1e-4 outright. The article's layers sum ~20,000 terms into entries of size ~50, where
      // float32 rounding in a different summation order alone reaches a few 1e-4: there the error
      // is measured relative to the largest entry.
      const scale = Math.max(1, ...Array.from(reference, Math.abs));
      const terms = c.x[0] * outShape[1]! * outShape[2]!;
      // the SIMD gather product, then the patches written by JavaScript (where SIMD is missing)
      for (const simd of [true, false]) {
        useSimdKernels(simd);
        expect(maxError(await grad('wasm'), reference) / (terms > 2000 ? scale : 1)).toBeLessThan(1e-4);
      }
      useSimdKernels(true);
    });
  }
});

describe('Conv2DBackpropInput and MaxPoolGrad on WASM', () => {
  for (const pad of ['valid', 'same'] as const) {
    for (const [x, k, co, stride] of [
      [[2, 9, 11, 3], [3, 3], 4, 1],
      [[3, 8, 7, 2], [2, 4], 5, 1],
      [[2, 9, 11, 3], [3, 3], 4, 2],
    ] as Array<[[number, number, number, number], [number, number], number, number]>) {
      it(`input gradient: x ${x.join('×')}, kernel ${k.join('×')}→${co}, stride ${stride}, ${pad}`, async () => {
        const filterShape: [number, number, number, number] = [k[0], k[1], x[3], co];
        const wData = values(size(filterShape));
        const xData = values(size(x));
        const grad = (backend: string) =>
          on(backend, () => {
            const g = tf.tidy(() => {
              const w = tf.tensor4d(wData, filterShape);
              return tf.grad((input: tf.Tensor) =>
                tf
                  .conv2d(input as tf.Tensor4D, w, stride, pad)
                  .square()
                  .sum(),
              )(tf.tensor4d(xData, x));
            });
            const data = g.dataSync() as Float32Array;
            g.dispose();
            return data;
          });
        const reference = await grad('cpu');
        const scale = Math.max(1, ...Array.from(reference, Math.abs));
        expect(maxError(await grad('wasm'), reference) / scale).toBeLessThan(1e-5);
      });
    }
    for (const [x, pool, stride] of [
      [[2, 8, 8, 3], 2, 2],
      [[2, 9, 7, 2], 3, 2],
      [[1, 10, 10, 4], 3, 1],
      [[2, 26, 26, 32], 2, 2],
      [[2, 11, 11, 8], 2, 2],
      // odd sides: 'valid' leaves the last row and column out of every window, 'same' pads them
      [[2, 9, 7, 2], 2, 2],
    ] as Array<[[number, number, number, number], number, number]>) {
      for (const ties of [false, true]) {
        it(`max-pool gradient: x ${x.join('×')}, pool ${pool}, stride ${stride}, ${pad}${ties ? ', with ties' : ''}`, async () => {
          // ties: ReLU outputs are full of equal zeros; each window's gradient must go to one place
          const xData = ties ? values(size(x)).map((v) => Math.max(0, Math.round(v))) : values(size(x));
          const grad = (backend: string) =>
            on(backend, () => {
              const g = tf.tidy(() =>
                tf.grad((input: tf.Tensor) => {
                  const pooled = tf.maxPool(input as tf.Tensor4D, pool, stride, pad);
                  // a distinct weight per output, so a gradient sent to the wrong place shows
                  const weights = tf.range(1, 1 + pooled.size).reshape(pooled.shape);
                  return pooled.mul(weights).sum();
                })(tf.tensor4d(xData, x)),
              );
              const data = g.dataSync() as Float32Array;
              g.dispose();
              return data;
            });
          const reference = await grad('cpu');
          // the SIMD kernel where it applies, then the JavaScript one (as without WebAssembly SIMD)
          for (const simd of [true, false]) {
            useSimdKernels(simd);
            expect(maxError(await grad('wasm'), reference)).toBe(0);
          }
          useSimdKernels(true);
        });
      }
    }
  }
});

describe('BatchMatMul with transposed operands on WASM', () => {
  for (const [a, b, ta, tb] of [
    [[5, 7], [7, 3], false, false],
    [[7, 5], [7, 3], true, false],
    [[5, 7], [3, 7], false, true],
    [[7, 5], [3, 7], true, true],
    [[2, 6, 4], [2, 6, 5], true, false],
    [[64, 784], [64, 256], true, false],
  ] as Array<[number[], number[], boolean, boolean]>) {
    it(`${a.join('×')}${ta ? 'ᵀ' : ''} · ${b.join('×')}${tb ? 'ᵀ' : ''}, without leaking`, async () => {
      const aData = values(size(a as never));
      const bData = values(size(b as never));
      const product = (backend: string) =>
        on(backend, () => {
          const before = tf.memory().numTensors;
          const p = tf.tidy(() => tf.matMul(tf.tensor(aData, a), tf.tensor(bData, b), ta, tb));
          const data = p.dataSync() as Float32Array;
          p.dispose();
          expect(tf.memory().numTensors).toBe(before);
          return data;
        });
      const reference = await product('cpu');
      const scale = reference.reduce((m, v) => Math.max(m, Math.abs(v)), 1);
      expect(maxError(await product('wasm'), reference) / scale).toBeLessThan(1e-5);
    });
  }
});

describe('Sum on WASM', () => {
  // over every axis but the last (a bias gradient): the project's one-pass kernel; others: stock
  for (const [shape, axis, keepDims] of [
    [[32, 26, 26, 32], [0, 1, 2], false],
    [[9, 23], 0, false],
    [[2, 3, 7], [0, 1], true],
    [[3, 4, 5], [1, 0], true],
    [[7, 3], 0, false],
    [[7, 3], -2, true],
    [[3, 4, 5], [0, 2], false],
    [[3, 4, 5], -1, false],
    [[6], 0, false],
  ] as Array<[number[], number | number[], boolean]>) {
    it(`x ${shape.join('×')}, axis ${String(axis)}${keepDims ? ', keeping dims' : ''}, without leaking`, async () => {
      const data = values(size(shape));
      const summed = (backend: string) =>
        on(backend, () => {
          const before = tf.memory().numTensors;
          const y = tf.tidy(() => tf.sum(tf.tensor(data, shape), axis, keepDims));
          const result = { shape: y.shape, data: y.dataSync() as Float32Array };
          y.dispose();
          expect(tf.memory().numTensors).toBe(before);
          return result;
        });
      const reference = await summed('cpu');
      // the SIMD kernel, then the JavaScript one (as without WebAssembly SIMD)
      for (const simd of [true, false]) {
        useSimdKernels(simd);
        const wasm = await summed('wasm');
        expect(wasm.shape).toEqual(reference.shape);
        expect(maxError(wasm.data, reference.data)).toBeLessThan(1e-3);
      }
      useSimdKernels(true);
    });
  }
});

/**
 * The models of the book, each as small as its chapter's island uses it: every trainable weight's
 * gradient on WASM against the CPU backend's. A kernel WASM lacks fails here by name.
 */
describe('gradient audit of the book models on WASM', () => {
  type Case = {
    name: string;
    build: () => tf.LayersModel;
    x: number[];
    y: number[];
    loss: (y: tf.Tensor, p: tf.Tensor) => tf.Tensor;
  };
  const ce = (y: tf.Tensor, p: tf.Tensor) => tf.metrics.categoricalCrossentropy(y, p).mean();
  const bce = (y: tf.Tensor, p: tf.Tensor) => tf.metrics.binaryCrossentropy(y, p).mean();
  const mse = (y: tf.Tensor, p: tf.Tensor) => tf.losses.meanSquaredError(y, p);
  const cases: Case[] = [
    {
      name: 'the article CNN (28×28×1, Adam, softmax cross-entropy)',
      build: () => buildModel(articleCnn([28, 28, 1])),
      x: [4, 28, 28, 1],
      y: [4, 10],
      loss: ce,
    },
    {
      name: 'a simple RNN (tanh) with a dense read-out',
      build: () =>
        tf.sequential({
          layers: [
            tf.layers.simpleRNN({ units: 8, inputShape: [6, 3] }),
            tf.layers.dense({ units: 4, activation: 'softmax' }),
          ],
        }),
      x: [5, 6, 3],
      y: [5, 4],
      loss: ce,
    },
    {
      name: 'an LSTM sequence model',
      build: () =>
        tf.sequential({
          layers: [
            tf.layers.lstm({ units: 8, inputShape: [7, 2], returnSequences: true }),
            tf.layers.lstm({ units: 6 }),
            tf.layers.dense({ units: 1 }),
          ],
        }),
      x: [4, 7, 2],
      y: [4, 1],
      loss: mse,
    },
    {
      name: 'a GAN generator + discriminator (dense, leaky ReLU, batch norm, sigmoid)',
      build: () =>
        tf.sequential({
          layers: [
            tf.layers.dense({ units: 16, inputShape: [2] }),
            tf.layers.leakyReLU({ alpha: 0.2 }),
            tf.layers.batchNormalization(),
            tf.layers.dense({ units: 16, activation: 'tanh' }),
            tf.layers.dense({ units: 1, activation: 'sigmoid' }),
          ],
        }),
      x: [8, 2],
      y: [8, 1],
      loss: bce,
    },
  ];

  for (const c of cases) {
    it(c.name, async () => {
      const xData = values(size(c.x));
      const yData = Float32Array.from({ length: size(c.y) }, (_, i) =>
        c.loss === ce
          ? i % c.y[1]! === (Math.floor(i / c.y[1]!) * 3) % c.y[1]!
            ? 1
            : 0
          : c.loss === bce
            ? i % 2
            : random(),
      );
      let weights: Float32Array[] | undefined;
      const grads = (backend: string) =>
        on(backend, () => {
          const model = c.build();
          if (!weights) weights = model.getWeights().map((w) => values(w.size));
          model.setWeights(model.getWeights().map((w, i) => tf.tensor(weights![i]!, w.shape)));
          const before = tf.memory().numTensors;
          const result = tf.tidy(() => {
            const x = tf.tensor(xData, c.x);
            const y = tf.tensor(yData, c.y);
            const { grads: g } = tf.variableGrads(
              () => c.loss(y, model.apply(x, { training: true }) as tf.Tensor) as tf.Scalar,
              model.trainableWeights.map((w) => (w as unknown as { val: tf.Variable }).val),
            );
            return Object.values(g);
          });
          const data = result.map((t) => t.dataSync() as Float32Array);
          tf.dispose(result);
          expect(tf.memory().numTensors).toBe(before);
          disposeModel(model);
          return data;
        });
      const reference = await grads('cpu');
      const wasm = await grads('wasm');
      expect(wasm.length).toBe(reference.length);
      reference.forEach((r, i) => {
        const scale = Math.max(1, ...Array.from(r, Math.abs));
        expect(maxError(wasm[i]!, r) / scale, `weight ${i}`).toBeLessThan(1e-4);
      });
    });
  }
});

describe('UnsortedSegmentSum on WASM (the gradient of an embedding lookup)', () => {
  it('gives the gradient of a gather as the CPU does, repeated and out-of-range ids included', async () => {
    const table = values(7 * 3);
    const ids = [2, 0, 2, 6, 2, 1];
    const grad = (backend: string) =>
      on(backend, () =>
        tf.tidy(() => {
          const w = tf.tensor2d(table, [7, 3]);
          const g = tf.grad((t: tf.Tensor) =>
            tf.sum(tf.mul(tf.gather(t, tf.tensor1d(ids, 'int32')), tf.range(0, 18).reshape([6, 3]))),
          )(w);
          return Array.from(g.dataSync());
        }),
      );
    const cpu = await grad('cpu');
    const wasm = await grad('wasm');
    expect(maxError(wasm, cpu)).toBeLessThan(1e-5);
    const direct = await on('wasm', () =>
      tf.tidy(() =>
        Array.from(
          tf.unsortedSegmentSum(tf.tensor2d([1, 2, 3, 4, 5, 6], [3, 2]), tf.tensor1d([1, 1, 9], 'int32'), 3).dataSync(),
        ),
      ),
    );
    expect(direct).toEqual([0, 0, 4, 6, 0, 0]);
  });
});
