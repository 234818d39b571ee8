/**
 * The page's side of a training worker: creates it lazily (so TensorFlow.js loads only when the
 * reader presses Train), numbers runs, drops messages from runs that are no longer current, and
 * reports a crashed worker so the lab can offer a restart without reloading the page.
 *
 * `thread: 'page'` runs the same session on the page's own thread instead of a worker: the
 * benchmark uses it to show what the worker saves the page, and a browser that cannot start a
 * module worker falls back to it.
 */
import type { BackendName, BackendRequest, FromWorker, ToWorker } from './protocol';

type StartPayload = Omit<Extract<ToWorker, { type: 'start' }>, 'type' | 'runId'>;
type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;
type LoadPayload = DistributiveOmit<Extract<ToWorker, { type: 'load-model' }>, 'type' | 'runId'>;

interface Transport {
  post(message: ToWorker): void;
  terminate(): void;
}

export interface ClientOptions {
  /** backend choice and WASM threads, sent with the first message */
  request?: BackendRequest;
  /** 'worker' (default) or 'page' */
  thread?: 'worker' | 'page';
}

export class TrainingClient {
  #transport: Transport | undefined;
  #runId = 0;
  readonly #onMessage: (message: FromWorker) => void;
  readonly #onCrash: (message: string) => void;
  readonly #options: ClientOptions;

  constructor(
    onMessage: (message: FromWorker) => void,
    onCrash: (message: string) => void,
    options: ClientOptions = {},
  ) {
    this.#onMessage = onMessage;
    this.#onCrash = onCrash;
    this.#options = options;
  }

  get runId(): number {
    return this.#runId;
  }

  #receive = (message: FromWorker): void => {
    if ('runId' in message && message.runId !== null && message.runId !== this.#runId) return; // stale run
    this.#onMessage(message);
  };

  #workerTransport(): Transport {
    const worker = new Worker(new URL('./train.worker.ts', import.meta.url), { type: 'module', name: 'training' });
    worker.addEventListener('message', (event: MessageEvent<FromWorker>) => this.#receive(event.data));
    worker.addEventListener('error', (event) => {
      event.preventDefault();
      this.terminate();
      this.#onCrash(event.message || 'the training worker stopped unexpectedly');
    });
    worker.addEventListener('messageerror', () =>
      this.#onCrash('a message from the training worker could not be read'),
    );
    return { post: (message) => worker.postMessage(message), terminate: () => worker.terminate() };
  }

  #pageTransport(): Transport {
    // loaded on demand: TensorFlow.js joins the page's own code only in this mode
    const session = import('./page-session').then(({ pageSession }) =>
      // single-threaded WASM: its helper threads would load code from blob: URLs, which the
      // pages' Content-Security-Policy forbids (only worker scripts may: scripts/csp.mjs)
      pageSession((message) => this.#receive(message), { ...this.#options.request, wasmThreads: 'off' }),
    );
    session.catch((error: unknown) => this.#onCrash(error instanceof Error ? error.message : String(error)));
    let alive = true;
    return {
      post: (message) => {
        // a structured clone, as postMessage would make: the session must not share objects with the page
        const copy = structuredClone(message);
        void session.then((dispatch) => alive && dispatch(copy));
      },
      terminate: () => {
        alive = false;
        void session.then((dispatch) => dispatch({ type: 'reset' }));
      },
    };
  }

  #send(message: ToWorker): void {
    if (!this.#transport) {
      const thread = this.#options.thread ?? 'worker';
      try {
        this.#transport = thread === 'page' ? this.#pageTransport() : this.#workerTransport();
      } catch {
        this.#transport = this.#pageTransport();
      }
      this.#transport.post({ type: 'init', request: this.#options.request ?? {} });
    }
    this.#transport.post(message);
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

  /** Replaces the current run by a saved model (a new run, like start). */
  loadModel(payload: LoadPayload): number {
    this.#runId += 1;
    this.#send({ type: 'load-model', runId: this.#runId, ...payload } as ToWorker);
    return this.#runId;
  }

  /** Starts a new run from a run-creating GAN message: training a GAN, or loading a generator. */
  beginGan(payload: DistributiveOmit<Extract<ToWorker, { type: 'gan-start' | 'gan-load' }>, 'runId'>): number {
    this.#runId += 1;
    this.#send({ ...payload, runId: this.#runId } as ToWorker);
    return this.#runId;
  }

  control(type: 'pause' | 'resume' | 'step' | 'stop'): void {
    this.#send({ type, runId: this.#runId });
  }

  reset(): void {
    this.#send({ type: 'reset' });
  }

  /** Tells a running worker whether the page is visible (it stops sending pictures while hidden). */
  setVisible(visible: boolean): void {
    if (this.#transport) this.#send({ type: 'set-visible', visible });
  }

  /** Sends any other message of the protocol (saving and loading models). */
  send(message: ToWorker): void {
    this.#send(message);
  }

  setBackend(backend: BackendName): void {
    this.#send({ type: 'set-backend', backend });
  }

  terminate(): void {
    this.#transport?.terminate();
    this.#transport = undefined;
  }
}
