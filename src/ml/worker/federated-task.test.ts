// The federated task in the worker's TrainingSession (CPU backend, tiny synthetic images): states,
// the clients' shards, one round snapshot per round with the bytes and examples counted, the model
// learning, and every tensor freed after done, stop and reset.
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { FederatedJob } from '../tasks/federated/job';
import { cpuSession, stopThenReset, until } from './session-harness';

beforeAll(async () => {
  await tf.setBackend('cpu');
  await tf.ready();
});

/** n 4×4 images of 10 classes: class c lights pixel c (plus a little seeded noise elsewhere) */
function images(n: number, offset: number) {
  const pixels = new Uint8Array(n * 16);
  const labels = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    labels[i] = (i * 7 + offset) % 10;
    for (let p = 0; p < 16; p++) pixels[i * 16 + p] = (i * 31 + p * 17 + offset) % 40;
    pixels[i * 16 + labels[i]!] = 255;
  }
  return { images: pixels, labels, imageShape: [4, 4, 1] as [number, number, number], classes: 10 };
}

const job = (overrides: Partial<FederatedJob> = {}): FederatedJob => ({
  dataset: { kind: 'inline', name: 'tiny', train: images(400, 0), test: images(100, 3) },
  clients: 10,
  alpha: 0.5,
  fraction: 0.5,
  localEpochs: 1,
  rounds: 4,
  examples: 400,
  learningRate: 0.5,
  batchSize: 10,
  seed: 3,
  testLimit: 100,
  hidden: 8,
  ...overrides,
});

describe('federated averaging in the worker session', () => {
  it('deals the shards, trains rounds to done, counts the bytes and frees every tensor on reset; refuses a job out of bounds', async () => {
    const { session, of, states } = cpuSession();
    await session.initBackend();
    const baseline = tf.memory().numTensors;
    await session.handle({ type: 'start', runId: 1, task: 'federated', job: job() });
    expect(states()).toEqual(['loading', 'training', 'done']);
    const snapshots = of('snapshot');
    const clients = snapshots.find((s) => s.kind === 'federated-clients')!;
    expect(clients.shape).toEqual([10, 10]);
    expect(clients.data.reduce((a, b) => a + b, 0)).toBe(400);
    const rounds = snapshots.filter((s) => s.kind === 'federated-round');
    expect(rounds.map((r) => r.data[0])).toEqual([1, 2, 3, 4]);
    // 16·8 + 8 + 8·10 + 10 = 226 parameters; 5 clients a round, down and up, 4 bytes each
    rounds.forEach((r, i) => expect(r.data[3]).toBe(226 * 4 * 5 * 2 * (i + 1)));
    expect(rounds.at(-1)!.data[4]).toBeGreaterThan(0);
    const last = rounds.at(-1)!;
    expect(last.data[1]).toBeGreaterThan(0.5);
    expect(last.data[2]).toBeGreaterThan(0.5);
    expect(of('evaluation')).toHaveLength(4);
    await session.handle({ type: 'reset' });
    expect(tf.memory().numTensors).toBe(baseline);
    // a job out of bounds is refused by the worker too
    await session.handle({ type: 'start', runId: 3, task: 'federated', job: job({ clients: 4 }) });
    expect(of('error').at(-1)?.message).toMatch(/clients/);
  });

  it('trains IID with every client, and stops mid-round with the tensors back to the baseline', async () => {
    const h = cpuSession();
    await h.session.initBackend();
    const baseline = tf.memory().numTensors;
    const running = h.session.handle({
      type: 'start',
      runId: 2,
      task: 'federated',
      job: job({ alpha: undefined, fraction: 1, rounds: 50 }),
    });
    await until(() => h.of('progress').length >= 3);
    await h.session.handle({ type: 'pause', runId: 2 });
    await until(() => h.states().at(-1) === 'paused');
    await stopThenReset(h, 2, running, baseline);
  });
});
