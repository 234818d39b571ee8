/**
 * For tests that drive the real TrainingSession on the CPU backend: the session, every message it
 * posts, and a wait for a condition (no timing assumptions beyond a generous bound).
 */
import * as tf from '@tensorflow/tfjs';
import { expect } from 'vitest';
import type { FromWorker } from './protocol';
import { TrainingSession } from './training-session';

export function cpuSession() {
  const messages: FromWorker[] = [];
  const session = new TrainingSession({
    post: (m) => messages.push(m),
    candidates: ['cpu'],
    probe: { batch: 2, maxSteps: 1, budgetMs: 10 },
  });
  const of = <T extends FromWorker['type']>(type: T) =>
    messages.filter((m): m is Extract<FromWorker, { type: T }> => m.type === type);
  const states = () => of('state').map((m) => m.state);
  return { session, messages, of, states };
}

/** Waits until `check()` holds (at most a few seconds), then asserts it. */
export async function until(check: () => boolean): Promise<void> {
  for (let i = 0; i < 2000 && !check(); i++) await new Promise((r) => setTimeout(r, 2));
  expect(check()).toBe(true);
}

/** Stops a paused run, waits for its end (state 'idle'), resets, and checks every tensor is freed. */
export async function stopThenReset(
  harness: ReturnType<typeof cpuSession>,
  runId: number,
  running: Promise<void>,
  baseline: number,
): Promise<void> {
  await harness.session.handle({ type: 'stop', runId });
  await running;
  expect(harness.states().at(-1)).toBe('idle');
  await harness.session.handle({ type: 'reset' });
  expect(tf.memory().numTensors).toBe(baseline);
}
