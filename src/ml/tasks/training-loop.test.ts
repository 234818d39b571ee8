import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Hyperparameters } from '../hyperparameters';
import { articleCnn, buildModel, disposeModel } from '../models/build-model';
import type { FromWorker } from '../core/messages';
import { classify, TrainingLoop, type BatchSource } from './training-loop';

beforeAll(async () => {
  await tf.setBackend('cpu');
  await tf.ready();
});

/** 12×12 images whose class (0–3) is the bright quadrant; optionally poisoned with NaN. */
function quadrantSource(size: number, poison = false): BatchSource & { calls: Int32Array[] } {
  const calls: Int32Array[] = [];
  return {
    size,
    calls,
    batch(indices) {
      calls.push(Int32Array.from(indices));
      return tf.tidy(() => {
        const pixels = new Float32Array(indices.length * 144);
        const labels: number[] = [];
        indices.forEach((example, k) => {
          const q = example % 4;
          labels.push(q);
          for (let r = 0; r < 6; r++)
            for (let c = 0; c < 6; c++)
              pixels[k * 144 + (r + (q < 2 ? 0 : 6)) * 12 + c + (q % 2 ? 6 : 0)] = poison ? Number.NaN : 1;
        });
        return {
          xs: tf.tensor4d(pixels, [indices.length, 12, 12, 1]),
          ys: tf.oneHot(tf.tensor1d(labels, 'int32'), 10).toFloat() as tf.Tensor2D,
        };
      });
    },
  };
}

/** Waits until `predicate` holds (polling), so tests do not depend on how fast a batch trains. */
async function until(predicate: () => boolean, timeoutMs = 20_000): Promise<void> {
  const start = Date.now();
  while (!predicate()) {
    if (Date.now() - start > timeoutMs) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 5));
  }
}

const hyper = (over: Partial<Hyperparameters> = {}): Hyperparameters => ({
  learningRate: 0.01,
  batchSize: 8,
  epochs: 2,
  optimizer: 'adam',
  seed: 3,
  ...over,
});

function setup(over: Partial<Hyperparameters> = {}, poison = false) {
  const messages: FromWorker[] = [];
  const model = buildModel(articleCnn([12, 12, 1]));
  const { learningRate, optimizer: name } = hyper(over);
  const optimizer =
    name === 'sgd'
      ? tf.train.sgd(learningRate)
      : name === 'rmsprop'
        ? tf.train.rmsprop(learningRate)
        : tf.train.adam(learningRate);
  const source = quadrantSource(32, poison);
  const free = () => {
    optimizer.dispose();
    disposeModel(model);
  };
  return { messages, model, optimizer, source, free };
}

/**
 * Starts a run that pauses itself after `pauseAfter` batches (reporting every batch).
 * @returns the loop, the promise of its outcome, and the messages it has posted so far
 */
function startPausingAfter(
  pauseAfter: number,
  runId: number,
  over: Partial<Hyperparameters>,
  parts: ReturnType<typeof setup>,
) {
  const { messages, model, optimizer, source } = parts;
  const loop: TrainingLoop = new TrainingLoop({
    runId,
    model,
    optimizer,
    source,
    hyper: hyper(over),
    reportEvery: 1,
    post: (m) => {
      messages.push(m);
      if (m.type === 'progress' && m.batch === pauseAfter) loop.pause();
    },
  });
  return { loop, done: loop.run(), messages };
}

describe('TrainingLoop', () => {
  it('trains every batch of every epoch, reports progress, ends done and leaks nothing', async () => {
    const baseline = tf.memory().numTensors;
    const { messages, model, optimizer, source, free } = setup();
    const loop = new TrainingLoop({
      runId: 7,
      model,
      optimizer,
      source,
      hyper: hyper(),
      post: (m) => messages.push(m),
      reportEvery: 2,
    });
    expect(await loop.run()).toBe('done');
    expect(loop.state).toBe('done');
    expect(source.calls).toHaveLength(8); // 32 examples / 8 per batch × 2 epochs
    expect(messages.filter((m) => m.type === 'state').map((m) => (m as { state: string }).state)).toEqual([
      'training',
      'done',
    ]);
    const progress = messages.filter((m) => m.type === 'progress');
    expect(progress.map((m) => [m.epoch, m.batch, m.totalBatches])).toEqual([
      [0, 2, 4],
      [0, 4, 4],
      [1, 2, 4],
      [1, 4, 4],
    ]);
    expect(messages.every((m) => !('runId' in m) || m.runId === 7)).toBe(true);
    const epochs = messages.filter((m) => m.type === 'epoch-end');
    expect(epochs).toHaveLength(2);
    expect(epochs[1]!.loss).toBeLessThan(epochs[0]!.loss);
    free();
    expect(tf.memory().numTensors).toBe(baseline);
  });

  it('pauses between batches, steps one batch at a time, and resumes', async () => {
    const parts = setup({ epochs: 1 });
    const { source, free } = parts;
    const { loop, done, messages } = startPausingAfter(1, 1, { epochs: 1 }, parts);
    await until(() => loop.state === 'paused');
    await new Promise((r) => setTimeout(r, 50)); // paused means no further batch
    expect(source.calls).toHaveLength(1);
    loop.step();
    await until(() => messages.filter((m) => m.type === 'progress').length === 2);
    await new Promise((r) => setTimeout(r, 50));
    expect(source.calls).toHaveLength(2);
    expect(loop.state).toBe('paused');
    loop.resume();
    expect(await done).toBe('done');
    expect(source.calls).toHaveLength(4);
    expect(messages.filter((m) => m.type === 'state').map((m) => (m as { state: string }).state)).toEqual([
      'training',
      'paused',
      'training',
      'done',
    ]);
    free();
  });

  it('stops mid-epoch, including while paused, and leaves no tensor behind', async () => {
    const baseline = tf.memory().numTensors;
    const parts = setup();
    const { source, free } = parts;
    const { loop, done } = startPausingAfter(2, 2, {}, parts);
    await until(() => loop.state === 'paused');
    loop.stop();
    expect(await done).toBe('stopped');
    expect(loop.state).toBe('idle');
    expect(source.calls).toHaveLength(2);
    free();
    expect(tf.memory().numTensors).toBe(baseline);
  });

  it('stops with a clear error when the loss is not finite', async () => {
    const baseline = tf.memory().numTensors;
    const { messages, model, optimizer, source, free } = setup({}, true);
    const loop = new TrainingLoop({
      runId: 3,
      model,
      optimizer,
      source,
      hyper: hyper(),
      post: (m) => messages.push(m),
    });
    expect(await loop.run()).toBe('error');
    expect(loop.state).toBe('error');
    const error = messages.find((m) => m.type === 'error');
    expect(error).toMatchObject({ type: 'error', runId: 3, kind: 'nan-loss' });
    expect(source.calls).toHaveLength(1);
    free();
    expect(tf.memory().numTensors).toBe(baseline);
  });

  it('visits the data in the same order for the same seed', async () => {
    const orders: number[][] = [];
    for (const seed of [5, 5, 6]) {
      const { model, optimizer, source, free } = setup({ seed, epochs: 1 });
      await new TrainingLoop({
        runId: 1,
        model,
        optimizer,
        source,
        hyper: hyper({ seed, epochs: 1 }),
        post: () => {},
      }).run();
      orders.push(source.calls.flatMap((c) => [...c]));
      free();
    }
    expect(orders[0]).toEqual(orders[1]);
    expect(orders[0]).not.toEqual(orders[2]);
  });

  it.each(['adam', 'sgd', 'rmsprop'] as const)(
    'applies a new learning rate from the next batch with %s (0 freezes the weights)',
    async (optimizer) => {
      await freezesAtZero(optimizer);
    },
  );

  async function freezesAtZero(optimizer: Hyperparameters['optimizer']) {
    const parts = setup({ epochs: 1, optimizer });
    const { model, free } = parts;
    const { loop, done, messages } = startPausingAfter(1, 4, { epochs: 1, optimizer }, parts);
    const trained = () => messages.filter((m) => m.type === 'progress').length;
    await until(() => loop.state === 'paused');
    loop.setLearningRate(0);
    const before = model.getWeights().map((w) => w.dataSync().slice());
    loop.step();
    await until(() => trained() === 2);
    const after = model.getWeights().map((w) => w.dataSync().slice());
    expect(after).toEqual(before);
    loop.stop();
    await done;
    free();
  }

  it('follows a cosine schedule step by step, from the rate typed to nearly 0, and from a rate changed mid-run', async () => {
    // 32 examples in batches of 8 over 2 epochs: 8 steps
    const parts = setup({ epochs: 2, schedule: 'cosine' });
    const { optimizer, free } = parts;
    const rates: number[] = [];
    const rateNow = () => (optimizer as unknown as { learningRate: number }).learningRate;
    const loop = new TrainingLoop({
      runId: 5,
      model: parts.model,
      optimizer,
      source: parts.source,
      hyper: hyper({ epochs: 2, schedule: 'cosine' }),
      reportEvery: 1,
      post: (m) => {
        if (m.type === 'progress') rates.push(rateNow());
        // halfway, the reader types a new rate: the schedule continues from it
        if (m.type === 'progress' && m.epoch === 1 && m.batch === 1) loop.setLearningRate(0.002);
      },
    });
    expect(await loop.run()).toBe('done');
    const cosine = (base: number, t: number) => base * 0.5 * (1 + Math.cos((Math.PI * t) / 8));
    expect(rates).toHaveLength(8);
    for (let t = 0; t < 5; t++) expect(rates[t]).toBeCloseTo(cosine(0.01, t), 10);
    for (let t = 5; t < 8; t++) expect(rates[t]).toBeCloseTo(cosine(0.002, t), 10);
    expect(rates[7]).toBeLessThan(0.002 * 0.05);
    free();
  });

  it('keeps a constant rate without a schedule', async () => {
    const parts = setup({ epochs: 1 });
    const { optimizer, free } = parts;
    const rates: number[] = [];
    await new TrainingLoop({
      runId: 6,
      model: parts.model,
      optimizer,
      source: parts.source,
      hyper: hyper({ epochs: 1 }),
      reportEvery: 1,
      post: (m) => {
        if (m.type === 'progress') rates.push((optimizer as unknown as { learningRate: number }).learningRate);
      },
    }).run();
    expect(rates).toEqual([0.01, 0.01, 0.01, 0.01]);
    free();
  });
});

describe('classify', () => {
  it('recognises out-of-memory and lost backends', () => {
    expect(classify(new Error('Failed to allocate: out of memory'))).toBe('out-of-memory');
    expect(classify(new Error('WebGL context lost'))).toBe('backend-failed');
    expect(classify(new Error('something else'))).toBe('internal');
  });
});

describe('TrainingLoop with weight decay', () => {
  it('decays every kernel by η·λ·w in the step (decoupled), the biases not at all', async () => {
    const [eta, lambda] = [0.05, 2];
    const runOnce = async (over: Partial<Hyperparameters>) => {
      const model = buildModel(articleCnn([12, 12, 1]), 7);
      const optimizer = tf.train.sgd(eta);
      const start = model.getWeights().map((w) => Array.from(w.dataSync()));
      const loop = new TrainingLoop({
        runId: 1,
        model,
        optimizer,
        source: quadrantSource(32),
        hyper: hyper({ optimizer: 'sgd', learningRate: eta, batchSize: 32, epochs: 1, ...over }),
        post: () => {},
      });
      expect(await loop.run()).toBe('done');
      const end = model.getWeights().map((w) => ({ rank: w.rank, values: Array.from(w.dataSync()) }));
      optimizer.dispose();
      disposeModel(model);
      return { start, end };
    };
    const plain = await runOnce({});
    const decayed = await runOnce({ weightDecay: lambda });
    expect(decayed.start).toEqual(plain.start);
    decayed.end.forEach((w, i) =>
      w.values.forEach((v, k) => {
        const expected = plain.end[i]!.values[k]! - (w.rank > 1 ? eta * lambda * plain.start[i]![k]! : 0);
        expect(v).toBeCloseTo(expected, 5);
      }),
    );
  });
});
