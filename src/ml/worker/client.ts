/**
 * The page's side of a training worker: creates it lazily (so TensorFlow.js loads only when the
 * reader presses Train), numbers runs, drops messages from runs that are no longer current, and
 * reports a crashed worker so the lab can offer a restart without reloading the page.
 *
 * `thread: 'page'` runs the same session on the page's own thread instead of a worker: the
 * benchmark uses it to show what the worker saves the page, and a browser that cannot start a
 * module worker falls back to it.
 */
import type { ModelPlace } from '../core/messages';
import type { ModelSource } from '../models/model-files';
import type { CommandOf, JobOf, LoadOf, SettingsOf, TaskName } from '../tasks/registry';
import type { BackendName, BackendRequest, FromWorker, ToWorker } from './protocol';

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

  /** Starts a run of a task (replacing any run); returns its id. */
  start<K extends TaskName>(task: K, job: JobOf<K>): number {
    this.#runId += 1;
    this.#send({ type: 'start', runId: this.#runId, task, job });
    return this.#runId;
  }

  /** Replaces the current run by a saved model (a new run, like start). */
  loadModel<K extends TaskName>(task: K, job: LoadOf<K>, source: ModelSource): number {
    this.#runId += 1;
    this.#send({ type: 'load-model', runId: this.#runId, task, job, ...source });
    return this.#runId;
  }

  /** A request to the current run's task (typed by the task: inspect, one GAN step, a latent walk). */
  command<K extends TaskName>(_task: K, command: CommandOf<K>): void {
    this.#send({ type: 'command', runId: this.#runId, command });
  }

  /** Live settings for the current run from its next step on (learning rate, pace, the task's own). */
  set<K extends TaskName>(_task: K, settings: SettingsOf<K>): void {
    this.#send({ type: 'set', runId: this.#runId, settings });
  }

  /** Saves the current run's model in this browser or as files (answered by 'model-saved'). */
  saveModel(to: ModelPlace, key: string): void {
    this.#send({ type: 'save-model', runId: this.#runId, to, key });
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

  setBackend(backend: BackendName): void {
    this.#send({ type: 'set-backend', backend });
  }

  terminate(): void {
    this.#transport?.terminate();
    this.#transport = undefined;
  }
}
