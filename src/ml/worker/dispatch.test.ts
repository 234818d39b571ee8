import { describe, expect, it } from 'vitest';
import { createDispatcher } from './dispatch';
import type { FromWorker, ToWorker } from './protocol';
import type { TrainingSession } from './training-session';

/** A session that records what it was asked, and takes `delay` ms over a start. */
function fakeSession(delay = 20) {
  const handled: string[] = [];
  const session = {
    async handle(message: ToWorker) {
      handled.push(message.type === 'init' ? `init:${message.request.backend ?? 'auto'}` : message.type);
      if (message.type === 'start') await new Promise((r) => setTimeout(r, delay));
    },
  } as unknown as TrainingSession;
  return { session, handled };
}

const start = { type: 'start', runId: 1, task: 'image-classification', job: {} };
const settle = () => new Promise((r) => setTimeout(r, 60));

describe('createDispatcher', () => {
  it('initialises first, implicitly if the page sent no init', async () => {
    const { session, handled } = fakeSession();
    const dispatch = createDispatcher(session, () => {});
    dispatch({ type: 'get-memory' });
    await settle();
    expect(handled).toEqual(['init:auto', 'get-memory']);
  });

  it('uses the init request, and refuses a second init', async () => {
    const { session, handled } = fakeSession();
    const posted: FromWorker[] = [];
    const dispatch = createDispatcher(session, (m) => posted.push(m));
    dispatch({ type: 'init', request: { backend: 'wasm' } });
    dispatch({ type: 'init', request: { backend: 'cpu' } });
    await settle();
    expect(handled).toEqual(['init:wasm']);
    expect(posted).toEqual([expect.objectContaining({ type: 'error', kind: 'bad-message' })]);
  });

  it('queues run-changing messages in order but lets pause reach a running start at once', async () => {
    const { session, handled } = fakeSession(40);
    const dispatch = createDispatcher(session, () => {});
    dispatch({ type: 'init', request: {} });
    dispatch(start);
    dispatch({ type: 'reset' });
    // messages arrive as separate tasks, as postMessage delivers them
    await new Promise((r) => setTimeout(r, 0));
    dispatch({ type: 'pause', runId: 1 });
    await settle();
    // pause did not wait for the start to finish; the reset did
    expect(handled).toEqual(['init:auto', 'start', 'pause', 'reset']);
  });

  it('answers a malformed message with an error and handles nothing', async () => {
    const { session, handled } = fakeSession();
    const posted: FromWorker[] = [];
    createDispatcher(session, (m) => posted.push(m))({ type: 'launch' });
    await settle();
    expect(handled).toEqual([]);
    expect(posted[0]).toMatchObject({ type: 'error', runId: null, kind: 'bad-message' });
  });
});
