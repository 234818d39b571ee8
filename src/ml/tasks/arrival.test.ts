import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildModel, disposeModel } from '../models/build-model';
import { mulberry32 } from '../random';
import { ArrivalSampler, stillArriving, type BatchSource } from '../core/batch-source';
import type { FromWorker } from '../core/messages';
import { TrainingLoop } from './training-loop';

beforeAll(async () => {
  await tf.setBackend('cpu');
  await tf.ready();
});

/** A source of `size` examples of which `arrived.n` are there; records every batch's indices. */
function growing(size: number, arrived: { n: number }) {
  const calls: Int32Array[] = [];
  const source: BatchSource = {
    size,
    arrived: () => arrived.n,
    batch(indices) {
      calls.push(Int32Array.from(indices));
      return tf.tidy(() => ({
        xs: tf.tensor2d(
          Float32Array.from(indices, (i) => (i % 2) - 0.5),
          [indices.length, 1],
        ),
        ys: tf
          .oneHot(
            tf.tensor1d(
              Int32Array.from(indices, (i) => i % 2),
              'int32',
            ),
            2,
          )
          .toFloat() as tf.Tensor2D,
      }));
    },
  };
  return { source, calls };
}

describe('the sampler of a growing dataset', () => {
  it('draws only examples that have arrived, each once until the arrived ones run out', () => {
    const arrived = { n: 10 };
    const { source } = growing(100, arrived);
    expect(stillArriving(source)).toBe(true);
    const sampler = new ArrivalSampler(source, mulberry32(1));
    const first = [...sampler.next(4), ...sampler.next(6)];
    expect(first.every((i) => i < 10)).toBe(true);
    expect(new Set(first).size).toBe(10); // without replacement
    // nothing new: a further pass over the same ten
    expect(sampler.next(5).every((i) => i < 10)).toBe(true);
    arrived.n = 30;
    const later = sampler.next(30);
    expect(later.every((i) => i < 30)).toBe(true);
    // the twenty new examples all come before any of the ten is repeated a third time
    expect(new Set(later.slice(0, 25)).size).toBe(25);
    arrived.n = 100;
    expect(stillArriving(source)).toBe(false);
    expect(sampler.arrived).toBe(100);
  });

  it('admits examples on a fixed schedule over the chunk ends, so the draws do not depend on how fast they came', () => {
    const steps = [10, 30, 60, 100];
    const draws = (arrivals: (drawn: number) => number) => {
      const arrived = { n: 10 };
      const { source } = growing(100, arrived);
      const sampler = new ArrivalSampler({ ...source, arrivalSteps: steps }, mulberry32(7));
      const out: number[][] = [];
      for (let drawn = 0; drawn < 100; drawn += 5) {
        arrived.n = arrivals(drawn);
        out.push([...sampler.next(5)]);
      }
      return out;
    };
    // everything at once, against chunk by chunk just in time for the schedule (8 per drawn example)
    const fast = draws(() => 100);
    const justInTime = draws((drawn) => steps.filter((s) => s <= Math.max(10, 8 * drawn)).at(-1)!);
    expect(justInTime).toEqual(fast);
    // the first draws come from the first chunk only, though all had arrived
    expect(
      fast
        .slice(0, 1)
        .flat()
        .every((i) => i < 10),
    ).toBe(true);
    // one pass: every example once
    expect(new Set(fast.flat()).size).toBe(100);
    // a line slower than the schedule: only what has arrived is drawn
    const slow = draws((drawn) => (drawn < 50 ? 10 : 100));
    expect(
      slow
        .slice(0, 2)
        .flat()
        .every((i) => i < 10),
    ).toBe(true);
    expect(slow).not.toEqual(fast);
  });

  it('refuses to draw before anything has arrived', () => {
    expect(() => new ArrivalSampler(growing(5, { n: 0 }).source, mulberry32(1)).next(1)).toThrow(/arrived/);
  });

  it('the training loop trains on the arrived examples, says so, and trains as before once all are there', async () => {
    const run = async (arrivedAtStart: number, grow: boolean) => {
      const arrived = { n: arrivedAtStart };
      const { source, calls } = growing(40, arrived);
      const model = buildModel({
        inputShape: [1],
        layers: [{ type: 'dense', units: 2, activation: 'softmax' }],
        optimizer: 'adam',
        learningRate: 0.1,
        loss: 'categoricalCrossentropy',
        batchSize: 8,
      });
      const optimizer = tf.train.sgd(0.1);
      const messages: FromWorker[] = [];
      const loop = new TrainingLoop({
        runId: 1,
        model,
        optimizer,
        source,
        hyper: { learningRate: 0.1, batchSize: 8, epochs: 2, optimizer: 'sgd', seed: 5 },
        post: (m) => messages.push(m),
        reportEvery: 1,
        // the rest arrives after the third batch
        afterBatch: (epoch, batch) => {
          if (grow && epoch === 0 && batch === 3) arrived.n = 40;
        },
      });
      const before = tf.memory().numTensors;
      expect(await loop.run()).toBe('done');
      optimizer.dispose();
      disposeModel(model);
      expect(tf.memory().numTensors).toBeLessThanOrEqual(before);
      return { calls, messages };
    };
    const streamed = await run(8, true);
    const early = streamed.calls.slice(0, 3).flatMap((c) => [...c]);
    expect(early.every((i) => i < 8)).toBe(true);
    const progress = streamed.messages.filter((m) => m.type === 'progress');
    expect(progress[0]).toMatchObject({ arriving: { arrived: 8, total: 40 } });
    expect(progress[4]).not.toHaveProperty('arriving');
    // the second epoch begins with everything there: the same shuffled pass as a run on complete data
    const complete = await run(40, false);
    expect(complete.messages.filter((m) => m.type === 'progress').every((m) => !('arriving' in m))).toBe(true);
    expect(streamed.calls.slice(5).map((c) => [...c])).toEqual(complete.calls.slice(5).map((c) => [...c]));
    expect(streamed.calls.slice(0, 5).map((c) => [...c])).not.toEqual(complete.calls.slice(0, 5).map((c) => [...c]));
  });
});
