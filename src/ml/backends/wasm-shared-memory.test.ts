/**
 * The WASM kernels that share their input's memory instead of copying it: Identity, and Cast to the
 * dtype a tensor already has (plus Cast to bool, which the stock kernel got wrong for negatives).
 */
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { initWasmForNode } from './node-wasm';

beforeAll(async () => {
  await initWasmForNode();
});

afterAll(async () => {
  await tf.setBackend('cpu');
});

describe('Identity on WASM', () => {
  it('shares its input’s memory instead of copying it, and frees it only when both tensors are gone', async () => {
    await tf.setBackend('wasm');
    const start = tf.memory();
    const x = tf.tensor2d([1, 2, 3, 4, 5, 6], [2, 3]);
    const buffers = tf.memory().numDataBuffers;
    const y = tf.clone(x); // TensorFlow.js's clone is the Identity kernel
    expect(tf.memory().numDataBuffers).toBe(buffers);
    x.dispose();
    expect(Array.from(await y.data())).toEqual([1, 2, 3, 4, 5, 6]);
    expect(y.shape).toEqual([2, 3]);
    y.dispose();
    expect(tf.memory().numDataBuffers).toBe(start.numDataBuffers);
    expect(tf.memory().numTensors).toBe(start.numTensors);
    // strings: the stock kernel
    const s = tf.tensor1d(['a', 'b'], 'string');
    const t = tf.clone(s);
    s.dispose();
    expect(await t.data()).toEqual(['a', 'b']);
    t.dispose();
    await tf.setBackend('cpu');
  });
});

describe('Cast on WASM', () => {
  it('shares the memory of a cast to the same dtype (the ReLU gradient’s), and converts other casts', async () => {
    await tf.setBackend('wasm');
    const reluGrad = () =>
      tf.tidy(() =>
        tf.grad((v: tf.Tensor) =>
          tf
            .relu(v)
            .mul(tf.tensor1d([3, 4, 5]))
            .sum(),
        )(tf.tensor1d([2, -1, 0.5])),
      );
    // the first gradient leaves the engine's cached constants behind: not counted
    reluGrad().dispose();
    const start = tf.memory();
    const x = tf.tensor1d([1.5, 0, -2]);
    const buffers = tf.memory().numDataBuffers;
    const same = tf.cast(x, 'float32');
    expect(tf.memory().numDataBuffers).toBe(buffers);
    const ints = tf.cast(x, 'int32');
    const flags = tf.cast(x, 'bool');
    expect(tf.memory().numDataBuffers).toBe(buffers + 2);
    x.dispose();
    expect(Array.from(await same.data())).toEqual([1.5, 0, -2]);
    expect(Array.from(await ints.data())).toEqual([1, 0, -2]);
    expect(Array.from(await flags.data())).toEqual([1, 0, 1]);
    const fromInts = tf.tidy(() => tf.cast(tf.tensor1d([-3, 0, 7], 'int32'), 'bool'));
    expect(Array.from(await fromInts.data())).toEqual([1, 0, 1]);
    fromInts.dispose();
    // the ReLU gradient through it: dy where x > 0
    const g = reluGrad();
    expect(Array.from(await g.data())).toEqual([3, 0, 5]);
    tf.dispose([same, ints, flags, g]);
    expect(tf.memory().numDataBuffers).toBe(start.numDataBuffers);
    expect(tf.memory().numTensors).toBe(start.numTensors);
    await tf.setBackend('cpu');
  });
});
