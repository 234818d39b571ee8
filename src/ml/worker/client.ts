/**
 * The page's side of a training worker: creates it lazily (so TensorFlow.js loads only when the
 * reader presses Train), numbers runs, drops messages from runs that are no longer current, and
 * reports a crashed worker so the lab can offer a restart without reloading the page.
 */
import type { BackendName, FromWorker, ToWorker } from './protocol';

type StartPayload = Omit<Extract<ToWorker, { type: 'start' }>, 'type' | 'runId'>;

export class TrainingClient {
  #worker: Worker | undefined;
  #runId = 0;
  readonly #onMessage: (message: FromWorker) => void;
  readonly #onCrash: (message: string) => void;

  constructor(onMessage: (message: FromWorker) => void, onCrash: (message: string) => void) {
    this.#onMessage = onMessage;
    this.#onCrash = onCrash;
  }

  get runId(): number {
    return this.#runId;
  }

  #ensureWorker(): Worker {
    if (this.#worker) return this.#worker;
    const worker = new Worker(new URL('./train.worker.ts', import.meta.url), { type: 'module', name: 'training' });
    worker.addEventListener('message', (event: MessageEvent<FromWorker>) => {
      const message = event.data;
      if ('runId' in message && message.runId !== null && message.runId !== this.#runId) return; // stale run
      this.#onMessage(message);
    });
    worker.addEventListener('error', (event) => {
      event.preventDefault();
      this.terminate();
      this.#onCrash(event.message || 'the training worker stopped unexpectedly');
    });
    worker.addEventListener('messageerror', () =>
      this.#onCrash('a message from the training worker could not be read'),
    );
    this.#worker = worker;
    return worker;
  }

  #send(message: ToWorker): void {
    this.#ensureWorker().postMessage(message);
  }

  /** Starts the worker (if needed) so it picks a backend and reports its tensor baseline. */
  warmUp(): void {
    this.#send({ type: 'get-memory' });
  }

  start(payload: StartPayload): number {
    this.#runId += 1;
    this.#send({ type: 'start', runId: this.#runId, ...payload });
    return this.#runId;
  }

  control(type: 'pause' | 'resume' | 'step' | 'stop'): void {
    this.#send({ type, runId: this.#runId });
  }

  reset(): void {
    this.#send({ type: 'reset' });
  }

  setBackend(backend: BackendName): void {
    this.#send({ type: 'set-backend', backend });
  }

  terminate(): void {
    this.#worker?.terminate();
    this.#worker = undefined;
  }
}
