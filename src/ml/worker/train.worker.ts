/**
 * The training worker: one per lab, created by `client.ts`. It owns TensorFlow.js, the model and
 * the data, so training never blocks the page. One message listener; everything else lives in
 * TrainingSession, which the Node tests drive directly.
 */
/// <reference lib="webworker" />
import { cacheStorage } from '../data/fetch-verified';
import { isToWorker, transferablesOf, type FromWorker } from './protocol';
import { TrainingSession } from './training-session';

const scope = self as unknown as DedicatedWorkerGlobalScope;
const post = (message: FromWorker) => scope.postMessage(message, transferablesOf(message));
const session = new TrainingSession({ post, cache: typeof caches === 'undefined' ? undefined : cacheStorage() });

// Messages are handled one after another, in the order they arrive, so that e.g. a reset
// always sees the run a preceding start created. Pause/stop reach a running loop because the loop
// yields to the event loop between batches and `handle` for them returns at once.
let queue: Promise<void> = Promise.resolve();
const ready = session.initBackend().catch((error: unknown) => {
  post({
    type: 'error',
    runId: null,
    kind: 'backend-failed',
    message: error instanceof Error ? error.message : String(error),
  });
});

scope.addEventListener('message', (event: MessageEvent<unknown>) => {
  const message = event.data;
  if (!isToWorker(message)) {
    post({ type: 'error', runId: null, kind: 'bad-message', message: `unknown message ${JSON.stringify(message)}` });
    return;
  }
  const immediate =
    message.type === 'pause' ||
    message.type === 'resume' ||
    message.type === 'step' ||
    message.type === 'stop' ||
    message.type === 'set-learning-rate' ||
    message.type === 'get-memory';
  if (immediate) {
    void ready.then(() => session.handle(message));
  } else {
    queue = queue.then(() => ready).then(() => session.handle(message));
  }
});
