/**
 * The backend race through the real session in Node: WASM (on "all" threads and on one, through a
 * stand-in for the browser's thread switch), the CPU, and WebGPU, which Node does not have.
 */
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { initWasmForNode, loadBackendForNode } from '../backends/node-wasm';
import type { RaceEntry } from '../core/backends';
import { parseBackendRaceJob } from '../tasks/backend-race/job';
import type { FromWorker } from './protocol';
import { until } from './session-harness';
import { TrainingSession } from './training-session';

beforeAll(async () => {
  await initWasmForNode();
});

function raceSession(threadsHere: number) {
  const messages: FromWorker[] = [];
  const asked: (1 | 'all' | 'default')[] = [];
  const session = new TrainingSession({
    post: (m) => messages.push(m),
    candidates: ['cpu'],
    loadBackend: loadBackendForNode,
    probe: { batch: 2, maxSteps: 1, budgetMs: 10 },
    // the browser moves XNNPACK's pool (backends/load.ts); Node's binary has one thread
    setWasmThreads: (threads) => {
      asked.push(threads);
      return threads === 'all' ? threadsHere : 1;
    },
  });
  const finals = () =>
    messages
      .filter((m): m is Extract<FromWorker, { type: 'backend-race' }> => m.type === 'backend-race')
      .map((m) => m.entry)
      .filter((e) => e.state !== 'measuring');
  const states = () => messages.flatMap((m) => (m.type === 'state' ? [m.state] : []));
  return { session, messages, asked, finals, states };
}

const job = { variants: ['webgpu', 'wasm-all', 'wasm-1', 'cpu'], batch: 2, warmupSteps: 1, windowMs: 60, seed: 1 };

describe('backend race', () => {
  it('measures every backend that works, reports the others with why, and frees each one', async () => {
    const race = raceSession(2);
    await race.session.initBackend();
    const baseline = tf.memory().numTensors;
    await race.session.handle({ type: 'start', runId: 1, task: 'backend-race', job });
    expect(race.states().at(-1)).toBe('done');
    const finals = race.finals();
    expect(finals.map((e) => [e.variant, e.state])).toEqual([
      ['webgpu', 'unavailable'],
      ['wasm-all', 'done'],
      ['wasm-1', 'done'],
      ['cpu', 'done'],
    ]);
    expect(finals[0]!.reason).toBe('failed');
    expect(finals[0]!.note).toBeTruthy();
    for (const entry of finals.slice(1)) {
      expect(entry.samplesPerSec).toBeGreaterThan(0);
      expect(entry.steps).toBeGreaterThanOrEqual(1);
      expect(entry.samplesPerSec).toBeCloseTo((entry.steps! * 2 * 1000) / entry.timedMs!, 6);
      // the tensor baseline after each backend
      expect(entry.tensors).toBe(baseline);
    }
    // each switch to WASM first puts it on its default threads, then the variant moves it
    expect(race.asked).toEqual(['default', 'all', 'default', 1]);
    // the session's own backend again
    expect(tf.getBackend()).toBe('cpu');
    expect(tf.memory().numTensors).toBe(baseline);
  }, 60_000);

  it('reports WASM on all threads as unavailable where it has one thread', async () => {
    const race = raceSession(1);
    await race.session.initBackend();
    await race.session.handle({
      type: 'start',
      runId: 1,
      task: 'backend-race',
      job: { ...job, variants: ['wasm-all', 'wasm-1'] },
    });
    const finals: RaceEntry[] = race.finals();
    expect(finals.map((e) => [e.variant, e.state, e.reason])).toEqual([
      ['wasm-all', 'unavailable', 'one-thread'],
      ['wasm-1', 'done', undefined],
    ]);
  }, 60_000);

  it('stops between two steps and frees what the backend held', async () => {
    const race = raceSession(2);
    await race.session.initBackend();
    const baseline = tf.memory().numTensors;
    const running = race.session.handle({
      type: 'start',
      runId: 1,
      task: 'backend-race',
      job: { ...job, variants: ['wasm-1', 'cpu'], windowMs: 20_000 },
    });
    await until(() => race.messages.some((m) => m.type === 'backend-race' && m.entry.state === 'measuring'));
    await race.session.handle({ type: 'stop', runId: 1 });
    await running;
    expect(race.states().at(-1)).toBe('idle');
    expect(race.finals().map((e) => [e.variant, e.state])).toEqual([['wasm-1', 'stopped']]);
    expect(tf.memory().numTensors).toBe(baseline);
    expect(tf.getBackend()).toBe('cpu');
  }, 60_000);

  it('checks its job', () => {
    expect(() => parseBackendRaceJob({ ...job, variants: ['wasm-1', 'wasm-1'] })).toThrow(/repeat/);
    expect(() => parseBackendRaceJob({ ...job, variants: ['tpu'] })).toThrow(/variants\[0\]/);
    expect(() => parseBackendRaceJob({ ...job, batch: 0 })).toThrow(/batch/);
  });
});
