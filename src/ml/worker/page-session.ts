/**
 * A training session on the page's own thread, for the benchmark's comparison and for browsers
 * that cannot start a module worker. Same session, same dispatcher, same messages as the worker.
 */
import { describeBackend, loadBackend, setWasmThreads } from '../backends/load';
import { cacheStorage } from '../data/fetch-verified';
import { createDispatcher } from './dispatch';
import type { BackendRequest, FromWorker } from './protocol';
import { TrainingSession } from './training-session';

export function pageSession(post: (message: FromWorker) => void, request: BackendRequest) {
  const session = new TrainingSession({
    post,
    cache: typeof caches === 'undefined' ? undefined : cacheStorage(),
    loadBackend: (name) => loadBackend(name, { wasmThreads: request.wasmThreads }),
    describeBackend,
    setWasmThreads,
  });
  return createDispatcher(session, post);
}
