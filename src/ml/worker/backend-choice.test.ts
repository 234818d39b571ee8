/**
 * The backend choice in Node, with the WASM and CPU backends standing in for a browser's: a software
 * GPU is named as one and does not win by the preference order, and a requested backend is not timed.
 */
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { initWasmForNode, loadBackendForNode } from '../backends/node-wasm';
import type { BackendName } from '../core/backends';
import type { FromWorker } from '../core/messages';
import { chooseBackend } from './backend-choice';

beforeAll(async () => {
  await initWasmForNode();
});

/** A clock that moves one second per reading: every backend measures the same, slow speed (a tie). */
function tickingClock(): () => number {
  let t = 0;
  return () => (t += 1000);
}

const backendMessage = (messages: FromWorker[]) => {
  const message = messages.find((m) => m.type === 'backend');
  if (message?.type !== 'backend') throw new Error('no backend message');
  return message;
};

describe('chooseBackend', () => {
  const deps = (software: BackendName[], messages: FromWorker[]) => ({
    post: (m: FromWorker) => messages.push(m),
    loadBackend: loadBackendForNode,
    candidates: ['wasm', 'cpu'] as const,
    probe: { batch: 2, maxSteps: 1, budgetMs: 1, now: tickingClock() },
    describeBackend: async (name: BackendName) => ({ detail: `${name} detail`, software: software.includes(name) }),
  });

  it('takes the preferred backend of two equally fast hardware ones', async () => {
    const messages: FromWorker[] = [];
    expect(await chooseBackend(deps([], messages))).toBe('wasm');
    const message = backendMessage(messages);
    expect(message.probes.map((p) => [p.backend, p.software ?? false])).toEqual([
      ['wasm', false],
      ['cpu', false],
    ]);
    expect(message.probes[0]!.samplesPerSec).toBe(message.probes[1]!.samplesPerSec);
    expect(message.detail).toBe('wasm detail');
  });

  it('does not take a software GPU by order when it is no faster, and says which was software', async () => {
    const messages: FromWorker[] = [];
    // "wasm" plays a software GPU here: first in the order, as fast as the CPU, so not chosen
    expect(await chooseBackend(deps(['wasm'], messages))).toBe('cpu');
    const message = backendMessage(messages);
    expect(message.probes.find((p) => p.backend === 'wasm')).toMatchObject({ ok: true, software: true });
    expect(message.fellBackFrom).toEqual(['wasm']);
    expect(message.detail).toBe('cpu detail');
    expect(tf.getBackend()).toBe('cpu');
  });

  it('times a software GPU last, and not at all once another backend is beyond its reach', async () => {
    const messages: FromWorker[] = [];
    // a clock that moves 1 ms per reading: the CPU measures 2,000 samples/s, far past a software GPU
    let t = 0;
    const fast = { ...deps(['wasm'], messages), probe: { batch: 2, maxSteps: 1, budgetMs: 1, now: () => (t += 1) } };
    expect(await chooseBackend(fast)).toBe('cpu');
    const message = backendMessage(messages);
    expect(message.probes.map((p) => p.backend)).toEqual(['wasm', 'cpu']);
    expect(message.probes[0]).toEqual({
      backend: 'wasm',
      ok: true,
      software: true,
      note: 'not timed: a software GPU, far slower than the others',
    });
    expect(message.probes[1]!.samplesPerSec).toBeGreaterThan(100);
    // the probes were announced in the order they ran: the software GPU checked first, the CPU timed
    const order = messages.flatMap((m) => (m.type === 'backend-probe' && 'ok' in m.probe ? [m.probe.backend] : []));
    expect(order).toEqual(['wasm', 'cpu', 'wasm']);
  });

  it('uses a requested backend without timing it, and names a software one', async () => {
    const messages: FromWorker[] = [];
    expect(await chooseBackend(deps(['wasm'], messages), { backend: 'wasm' })).toBe('wasm');
    const message = backendMessage(messages);
    expect(message.probes).toEqual([{ backend: 'wasm', ok: true, software: true, note: 'not timed: requested' }]);
    expect(message.fellBackFrom).toEqual([]);
  });
});
