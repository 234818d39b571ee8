/**
 * Routes incoming messages to a TrainingSession in the right order. Shared by the worker
 * (train.worker.ts) and by the page-thread fallback, so both behave the same.
 *
 * - 'init' (or, if another message comes first, an implicit default init) picks the backend;
 *   every other message waits for that.
 * - Messages that change a run (start, reset, set-backend) are handled one after another, in
 *   the order they arrive, so a reset always sees the run a preceding start created.
 * - Pause, resume, step, stop, live settings, task commands, visibility, saving and memory
 *   queries are handled at once:
 *   the running loop yields to the event loop between batches and sees them there.
 */
import { isToWorker, type BackendRequest, type FromWorker, type ToWorker } from './protocol';
import type { TrainingSession } from './training-session';

const IMMEDIATE = new Set<ToWorker['type']>([
  'pause',
  'resume',
  'step',
  'stop',
  'set',
  'get-memory',
  'set-visible',
  'save-model',
  'command',
]);

export function createDispatcher(session: TrainingSession, post: (message: FromWorker) => void) {
  let ready: Promise<void> | undefined;
  let queue: Promise<void> = Promise.resolve();
  const init = (request: BackendRequest) => session.handle({ type: 'init', request }).catch(() => {}) as Promise<void>;

  return (message: unknown): void => {
    if (!isToWorker(message)) {
      post({ type: 'error', runId: null, kind: 'bad-message', message: `unknown message ${JSON.stringify(message)}` });
      return;
    }
    if (message.type === 'init') {
      if (ready) {
        post({ type: 'error', runId: null, kind: 'bad-message', message: 'the backend was already chosen' });
        return;
      }
      ready = init(message.request);
      return;
    }
    ready ??= init({});
    if (IMMEDIATE.has(message.type)) {
      void ready.then(() => session.handle(message));
    } else {
      queue = queue.then(() => ready).then(() => session.handle(message));
    }
  };
}
