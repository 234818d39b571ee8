import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { initWasmForNode } from './node-wasm';

describe('UnsortedSegmentSum on WASM (the gradient of an embedding)', () => {
  let previous: string | undefined;
  beforeAll(async () => {
    previous = tf.engine().backendName;
    await initWasmForNode();
  });
  afterAll(async () => {
    if (previous) await tf.setBackend(previous);
  });
  it("matches the CPU backend's sums, dropping ids out of range", async () => {
    const x = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
    const ids = [2, 0, 2, -1, 9];
    const sums = async () =>
      tf.tidy(() => tf.unsortedSegmentSum(tf.tensor2d(x, [5, 2]), tf.tensor1d(ids, 'int32'), 4)).array();
    await tf.setBackend('cpu');
    const cpu = await sums();
    await tf.setBackend('wasm');
    expect(await sums()).toEqual(cpu);
    expect(cpu).toEqual([
      [3, 4],
      [0, 0],
      [6, 8],
      [0, 0],
    ]);
  });
  it('lets an embedding layer train on WASM', async () => {
    await tf.setBackend('wasm');
    const table = tf.variable(tf.ones([5, 2]));
    const before = tf.memory().numTensors;
    const optimizer = tf.train.sgd(0.5);
    optimizer.minimize(() => tf.gather(table, tf.tensor1d([1, 1, 3], 'int32')).sum() as tf.Scalar);
    const rows = (await table.array()) as number[][];
    expect(rows[1]).toEqual([0, 0]);
    expect(rows[3]).toEqual([0.5, 0.5]);
    expect(rows[0]).toEqual([1, 1]);
    optimizer.dispose();
    expect(tf.memory().numTensors).toBeLessThanOrEqual(before);
    table.dispose();
  });
});
