/**
 * The training worker: one per lab, created by `client.ts`. It owns TensorFlow.js, the model and
 * the data, so training never blocks the page. One message listener; the ordering rules live in
 * dispatch.ts and everything else in TrainingSession, which the Node tests drive directly.
 */
/// <reference lib="webworker" />
import { describeBackend, loadBackend, setWasmThreads } from '../backends/load';
import { cacheStorage } from '../data/fetch-verified';
import { createDispatcher } from './dispatch';
import type { FaultKind } from './fault';
import { transferablesOf, type BackendRequest, type FromWorker } from './protocol';
import { TrainingSession } from './training-session';

const scope = self as unknown as DedicatedWorkerGlobalScope;
const post = (message: FromWorker) => scope.postMessage(message, transferablesOf(message));
let options: BackendRequest = {};
const session = new TrainingSession({
  post,
  cache: typeof caches === 'undefined' ? undefined : cacheStorage(),
  loadBackend: (name) => loadBackend(name, { wasmThreads: options.wasmThreads }),
  describeBackend,
  setWasmThreads,
});
const dispatch = createDispatcher(session, post);
// For the failover browser test only (e2e/gpu-failover.spec.ts, through Playwright's worker.evaluate):
// makes the backend in use fail as a lost device does (worker/fault.ts). Nothing on a page calls it.
(scope as unknown as { __labFault: (kind: FaultKind) => void }).__labFault = (kind) => {
  session.injectFault(kind);
};

scope.addEventListener('message', (event: MessageEvent<unknown>) => {
  const data = event.data as { type?: string; request?: BackendRequest };
  if (data?.type === 'init' && data.request) options = data.request;
  dispatch(event.data);
});
