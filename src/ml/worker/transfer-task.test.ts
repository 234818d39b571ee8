import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { articleCnn, buildModel, disposeModel } from '../models/build-model';
import { cellSteps } from '../tasks/transfer/job';
import { convLayers, transferModel } from '../tasks/transfer/models';
import { cpuSession } from './session-harness';
import { quadrantImages } from './quadrants.fixture';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const hyper = { learningRate: 0.01, batchSize: 8, epochs: 1, optimizer: 'adam', seed: 1 } as const;

describe('the transfer task', () => {
  it('builds frozen, fine-tuned and fresh models from a source', () => {
    const config = articleCnn([12, 12, 1]);
    const source = buildModel(config, 7);
    const kernel = (m: tf.LayersModel, i: number) => Array.from(convLayers(m)[i]!.getWeights()[0]!.dataSync());
    const frozen = transferModel(config, 1, source, 'frozen');
    const tuned = transferModel(config, 1, source, 'finetune');
    const fresh = transferModel(config, 1, source, 'scratch');
    for (const i of [0, 1]) {
      expect(kernel(frozen, i)).toEqual(kernel(source, i));
      expect(kernel(tuned, i)).toEqual(kernel(source, i));
      expect(kernel(fresh, i)).not.toEqual(kernel(source, i));
    }
    expect(convLayers(frozen).map((l) => l.trainable)).toEqual([false, false]);
    expect(convLayers(tuned).map((l) => l.trainable)).toEqual([false, true]);
    expect(convLayers(fresh).map((l) => l.trainable)).toEqual([true, true]);
    // the head is new and trains in every strategy
    expect(frozen.trainableWeights.map((w) => w.shape.length)).toEqual([2, 1, 2, 1]);
    [source, frozen, tuned, fresh].forEach(disposeModel);
  });

  it('trains at least minSteps batches and passes over every example', () => {
    expect(cellSteps(100, { batchSize: 32, epochs: 1 }, 60)).toBe(60);
    expect(cellSteps(1000, { batchSize: 32, epochs: 2 }, 10)).toBe(64);
    expect(cellSteps(5, { batchSize: 32, epochs: 3 }, 1)).toBe(3);
  });

  it('trains the source, runs every cell, reports accuracies and filters, and frees every tensor', async () => {
    const harness = cpuSession();
    const baseline = tf.memory().numTensors;
    const { n, images, labels } = quadrantImages();
    const arrays = { images, labels, imageShape: [12, 12, 1], classes: 10 };
    // the target: the same images with their labels moved (a new task on the same kind of input)
    const moved = { ...arrays, labels: labels.map((l) => (l + 1) % 4) };
    await harness.session.handle({
      type: 'start',
      runId: 1,
      task: 'transfer',
      job: {
        model: articleCnn([12, 12, 1]),
        hyper,
        source: { kind: 'inline', name: 'quad', train: arrays, test: arrays },
        target: { kind: 'inline', name: 'moved', train: moved, test: moved },
        testLimit: n,
        counts: [8, n],
        minSteps: 2,
        sourceLimit: n,
      },
    });
    expect(harness.states().at(-1)).toBe('done');
    const progress = harness.of('progress');
    // source: 4 batches; cells: 3 × max(2, 1) + 3 × max(2, 4)
    expect(progress.at(-1)!.totalBatches).toBe(4 + 6 + 12);
    expect(progress.at(-1)!.batch).toBe(22);
    const cells = harness
      .of('snapshot')
      .filter((m) => m.kind === 'transfer-cells')
      .at(-1)!;
    expect(cells.shape).toEqual([6, 4]);
    const rows = Array.from({ length: 6 }, (_, i) => Array.from(cells.data.slice(i * 4, i * 4 + 4)));
    expect(rows.map((r) => [r[0], r[1]])).toEqual([
      [0, 8],
      [1, 8],
      [2, 8],
      [0, n],
      [1, n],
      [2, n],
    ]);
    for (const r of rows) {
      expect(r[2]).toBeGreaterThanOrEqual(0);
      expect(r[2]).toBeLessThanOrEqual(1);
      expect(r[3]).toBeGreaterThanOrEqual(0);
    }
    const filters = harness.of('snapshot').filter((m) => m.kind === 'transfer-filters');
    expect(filters.map((f) => [f.labels, f.shape])).toEqual([
      [['source'], [3, 3, 1, 32]],
      [['scratch'], [3, 3, 1, 32]],
    ]);
    expect(filters[0]!.data).not.toEqual(filters[1]!.data);
    expect(harness.of('evaluation')).toHaveLength(1);
    await harness.session.handle({ type: 'reset' });
    expect(tf.memory().numTensors).toBe(baseline);
  }, 120_000);
});
