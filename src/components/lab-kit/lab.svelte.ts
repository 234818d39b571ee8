/**
 * The state of one lab on the page, shared by the panel (LabPanel.svelte) and the island that uses
 * it: it owns the TrainingClient, turns worker messages into reactive state at most once per
 * animation frame, and stops painting (not training) while the tab is hidden.
 *
 * URL parameters, for the benchmark and for readers who want to compare:
 *   ?lab-backend=wasm|webgl|webgpu|cpu   start on that backend (if it works)
 *   ?lab-threads=off|N                    WASM threads
 *   ?lab-thread=page                      train on the page's thread instead of a worker
 *   ?lab-trace                            also dispatch every worker message on `window` as a
 *                                         'lab-message' CustomEvent, and after each paint a
 *                                         'lab-paint' one (its start, its script time in ms and
 *                                         the messages it applied; the benchmark listens)
 */
import type { Hyperparameters } from '../../ml/hyperparameters';
import type { JobOf, TaskName } from '../../ml/tasks/registry';
import { TrainingClient } from '../../ml/worker/client';
import {
  BACKENDS,
  type BackendName,
  type BackendProbe,
  type BackendRequest,
  type ErrorKind,
  type FromWorker,
  type LabState,
} from '../../ml/worker/protocol';
import { lastRun, type LastRun } from './last-run';
import { paintCount } from './paint-batch';
import { jobSettings, type SettingValue } from './runs';

/**
 * The hyperparameter inputs as typed (validated on Train by parseHyperparameters). A lab that sets
 * `schedule` gets the learning-rate schedule control; the others train at a constant rate.
 */
export type RawHyper = Record<Exclude<keyof Hyperparameters, 'schedule' | 'weightDecay'>, string> & {
  schedule?: string;
};

/** The latest progress report, as the worker sends it. */
export type Progress = Pick<
  Extract<FromWorker, { type: 'progress' }>,
  'epoch' | 'batch' | 'totalBatches' | 'loss' | 'acc' | 'samplesPerSec' | 'trainingMs' | 'arriving'
>;

export interface TrainPoint {
  /** training examples seen so far in the run */
  seen: number;
  loss: number;
  acc: number;
}

export interface TestPoint {
  seen: number;
  epoch: number;
  loss: number;
  acc: number;
}

const EMPTY_PROGRESS: Progress = {
  epoch: 0,
  batch: 0,
  totalBatches: 0,
  loss: Number.NaN,
  acc: Number.NaN,
  samplesPerSec: 0,
  trainingMs: 0,
};
/** the chart keeps at most this many training points (older ones are thinned, not dropped) */
const MAX_POINTS = 400;
const PAINT_INTERVAL_MS = 125;
export function urlRequest(search: string): { request: BackendRequest; thread: 'worker' | 'page' } {
  // read once, never observed
  // eslint-disable-next-line svelte/prefer-svelte-reactivity
  const params = new URLSearchParams(search);
  const backend = params.get('lab-backend');
  const threads = params.get('lab-threads');
  const request: BackendRequest = {};
  if ((BACKENDS as readonly string[]).includes(backend ?? '')) request.backend = backend as BackendName;
  if (threads === 'off') request.wasmThreads = 'off';
  else if (threads && /^\d+$/.test(threads) && Number(threads) >= 1 && Number(threads) <= 64)
    request.wasmThreads = Number(threads);
  return { request, thread: params.get('lab-thread') === 'page' ? 'page' : 'worker' };
}

export class Lab {
  state: LabState = $state('idle');
  /** set when the reader pressed Pause or Stop and the worker has not confirmed yet */
  pending: 'pausing' | 'stopping' | undefined = $state();
  stopped = $state(false);
  backend: BackendName | undefined = $state();
  backendDetail = $state('');
  probes: BackendProbe[] = $state.raw([]);
  measuring: BackendName | undefined = $state();
  fellBackFrom: BackendName[] = $state([]);
  requestFailed: BackendName | undefined = $state();
  /** the backend failed during the run, which continues on another from its checkpoint (the last one) */
  failover: { from: BackendName; to: BackendName; kind: ErrorKind; detail: string; step: number } | undefined =
    $state();
  download = $state({ loaded: 0, total: 0 });
  progress: Progress = $state.raw({ ...EMPTY_PROGRESS });
  // raw: replaced, never mutated; a deep proxy over hundreds of points costs every frame
  train: TrainPoint[] = $state.raw([]);
  test: TestPoint[] = $state.raw([]);
  failure: { kind: ErrorKind | 'crashed'; detail: string } | undefined = $state();
  tensors: number | undefined = $state();
  baselineTensors: number | undefined = $state();
  announcement = $state('');
  /** the run's model was loaded (from this browser or from files), not trained */
  loaded = $state(false);
  /** the run under way or last begun trains (`run`), rather than loading a saved model */
  trains = $state(false);
  /** counts the runs begun (and the resets): what a kept run or a note belongs to */
  runSerial = $state(0);
  batchSize = 32;
  epochs = 1;
  /** the island's own results of the run (e.g. the forecaster's test errors), for `data-last-run` */
  results: Record<string, number> = $state.raw({});
  /** the latest run's settings, from its job (what a kept run and a run log record) */
  settings: Record<string, SettingValue> = {};

  readonly client: TrainingClient;
  #queue: FromWorker[] = [];
  #frame = 0;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #lastPaint = -Infinity;
  #seenInRun = 0;
  /** progress messages painted in this run (the first few mount the metrics and the charts) */
  #progressPainted = 0;
  #extra: (message: FromWorker) => void;
  /** `?lab-trace`: worker messages and paints are dispatched on `window` */
  #trace = false;
  /** islands' reset callbacks: called, never rendered, so not reactive */
  // eslint-disable-next-line svelte/prefer-svelte-reactivity
  #resetListeners = new Set<() => void>();
  /** messages of runs up to this id arrived after a Reset: they must not bring the old run back */
  #resetUpTo = 0;
  #onVisibility = () => {
    this.client.setVisible(!document.hidden);
    if (!document.hidden) this.#schedule();
  };

  /**
   * @param onMessage the island's own handling (snapshots, saved files…), called in paint order
   * @param announce turns an evaluation into the polite screen-reader sentence
   */
  constructor(
    onMessage: (message: FromWorker) => void = () => {},
    private readonly announce: (point: TestPoint) => string = () => '',
  ) {
    this.#extra = onMessage;
    const { request, thread } =
      typeof location === 'undefined' ? { request: {}, thread: 'worker' as const } : urlRequest(location.search);
    this.#trace =
      // read once, never observed
      // eslint-disable-next-line svelte/prefer-svelte-reactivity
      typeof location !== 'undefined' && new URLSearchParams(location.search).has('lab-trace');
    this.client = new TrainingClient(
      (message) => {
        if (this.#trace) window.dispatchEvent(new CustomEvent('lab-message', { detail: message }));
        if ('runId' in message && message.runId !== null && message.runId <= this.#resetUpTo) return;
        this.#queue.push(message);
        this.#schedule();
      },
      (detail) => {
        this.failure = { kind: 'crashed', detail };
        this.state = 'error';
      },
      { request, thread },
    );
    if (typeof document !== 'undefined') document.addEventListener('visibilitychange', this.#onVisibility);
  }

  #schedule(): void {
    // no frames while hidden: messages wait (training goes on) and are painted on return
    if (this.#frame || this.#timer || (typeof document !== 'undefined' && document.hidden)) return;
    // at most ~8 paints a second: a batch takes a few milliseconds, and repainting the charts
    // for each would keep the page's main thread busy for nothing
    const wait = Math.max(0, this.#lastPaint + PAINT_INTERVAL_MS - performance.now());
    this.#timer = setTimeout(() => {
      this.#timer = undefined;
      this.#frame = requestAnimationFrame(() => {
        this.#frame = 0;
        const start = performance.now();
        this.#lastPaint = start;
        const batch = this.#queue;
        const applied = paintCount(batch, this.#progressPainted, (m) => this.#stale(m));
        // a message of an earlier run, still queued when the reader started this one, is dropped
        for (const message of batch.slice(0, applied)) if (!this.#stale(message)) this.#apply(message);
        this.#queue = batch.slice(applied);
        if (this.#queue.length > 0) this.#schedule();
        // after Svelte's update of the page (a microtask queued before this one)
        if (this.#trace) {
          const types = batch.slice(0, applied).map((m) => m.type);
          queueMicrotask(() =>
            window.dispatchEvent(
              new CustomEvent('lab-paint', { detail: { start, ms: performance.now() - start, types } }),
            ),
          );
        }
      });
    }, wait);
  }

  #stale(message: FromWorker): boolean {
    return 'runId' in message && message.runId !== null && message.runId !== this.client.runId;
  }

  #apply(message: FromWorker): void {
    switch (message.type) {
      case 'backend-probe':
        this.measuring = message.probe.ok === undefined ? message.probe.backend : undefined;
        break;
      case 'backend':
        this.measuring = undefined;
        this.backend = message.backend;
        this.backendDetail = message.detail;
        this.probes = message.probes;
        this.fellBackFrom = message.fellBackFrom;
        this.requestFailed = message.requestFailed;
        break;
      case 'state':
        this.state = message.state;
        // a stop while paused passes through no other state; a pause is confirmed by 'paused'
        if (message.state === 'idle' && this.pending === 'stopping') this.stopped = true;
        if (message.state !== 'training') this.pending = undefined;
        break;
      case 'download':
        this.download = { loaded: message.loaded, total: message.total };
        break;
      case 'progress': {
        this.progress = message;
        this.#progressPainted += 1;
        this.#seenInRun = message.epoch * message.totalBatches * this.batchSize + message.batch * this.batchSize;
        this.#pushTrain({ seen: this.#seenInRun, loss: message.loss, acc: message.acc });
        break;
      }
      case 'evaluation': {
        const point = { seen: this.#seenInRun, epoch: message.epoch, loss: message.testLoss, acc: message.testAcc };
        this.test = [...this.test, point];
        this.announcement = this.announce(point);
        break;
      }
      case 'memory':
        this.tensors = message.numTensors;
        this.baselineTensors ??= message.numTensors;
        break;
      case 'error':
        this.failure = { kind: message.kind, detail: message.message };
        this.pending = undefined;
        if (message.runId === null && message.kind === 'backend-failed') this.state = 'error';
        break;
      case 'model-loaded':
        this.loaded = true;
        break;
      case 'failover': {
        const { from, to, kind, message: detail, step } = message;
        this.failover = { from, to, kind, detail, step };
        // the steps since the checkpoint are trained again: the charts go back to it
        const seen = step * this.batchSize;
        this.train = this.train.filter((p) => p.seen <= seen);
        this.test = this.test.filter((p) => p.seen <= seen);
        this.#seenInRun = Math.min(this.#seenInRun, seen);
        break;
      }
      case 'epoch-end':
      case 'snapshot':
      case 'text':
      case 'inspection':
      case 'model-saved':
      case 'gan-frame':
      case 'backend-race':
        break;
      default: {
        const unreachable: never = message;
        throw new Error(`unhandled ${JSON.stringify(unreachable)}`);
      }
    }
    this.#extra(message);
  }

  #pushTrain(point: TrainPoint): void {
    let next = [...this.train, point];
    if (next.length > MAX_POINTS) next = next.filter((_, i) => i % 2 === 0 || i === next.length - 1);
    this.train = next;
  }

  /** Clears the run's pictures, numbers, messages and announcements (not the backend). */
  clearRun(): void {
    this.train = [];
    this.test = [];
    this.failure = undefined;
    this.failover = undefined;
    this.stopped = false;
    this.pending = undefined;
    this.loaded = false;
    this.trains = false;
    this.announcement = '';
    this.progress = { ...EMPTY_PROGRESS };
    this.#seenInRun = 0;
    this.#progressPainted = 0;
    this.results = {};
    this.runSerial += 1;
  }

  /**
   * Calls `listener` whenever the reader presses Reset, after the kit's own state is cleared: the
   * island clears what it added (pictures, notes, its own messages). Returns the unsubscribe.
   */
  onReset(listener: () => void): () => void {
    this.#resetListeners.add(listener);
    return () => this.#resetListeners.delete(listener);
  }

  beginRun(batchSize: number, epochs: number): void {
    this.clearRun();
    this.batchSize = batchSize;
    this.epochs = epochs;
    this.download = { loaded: 0, total: 0 };
    this.state = 'loading';
  }

  /**
   * Starts a run of `task` (the one way every lab starts training): first switches to the backend
   * the reader chose, if it is not the one in use ('auto' keeps it). Returns the run's id.
   */
  run<K extends TaskName>(task: K, job: JobOf<K>, options: { backend?: BackendName | 'auto' } = {}): number {
    const { backend } = options;
    if (backend && backend !== 'auto' && backend !== this.backend) this.client.setBackend(backend);
    this.settings = jobSettings(job);
    this.trains = true;
    return this.client.start(task, job);
  }

  pause(): void {
    this.pending = 'pausing';
    this.client.control('pause');
  }

  resume(): void {
    this.pending = undefined;
    this.client.control('resume');
  }

  step(): void {
    this.client.control('step');
  }

  stop(): void {
    this.pending = 'stopping';
    this.client.control('stop');
  }

  /** Back to the lab's first state: no run, no results, no messages (the backend stays chosen). */
  reset(): void {
    this.client.reset();
    this.#resetUpTo = this.client.runId;
    this.#queue = this.#queue.filter((m) => !('runId' in m) || m.runId === null);
    this.clearRun();
    this.download = { loaded: 0, total: 0 };
    this.state = 'idle';
    for (const listener of this.#resetListeners) listener();
  }

  /** After a crash: a new worker, a new backend choice, a new baseline. */
  restart(): void {
    this.client.terminate();
    this.clearRun();
    this.state = 'idle';
    this.baselineTensors = undefined;
    this.tensors = undefined;
    this.backend = undefined;
    this.probes = [];
    this.client.warmUp();
  }

  /**
   * The last run's outcome once it has ended (finished, stopped, diverged or failed), for
   * `data-last-run` (last-run.ts); undefined while none has ended or a run is under way.
   */
  get lastRun(): LastRun | undefined {
    if (this.state === 'training' || this.state === 'paused' || this.state === 'loading' || this.loaded)
      return undefined;
    const outcome =
      this.failure?.kind === 'nan-loss'
        ? 'diverged'
        : this.failure
          ? 'failed'
          : this.state === 'done'
            ? 'done'
            : this.stopped
              ? 'stopped'
              : undefined;
    if (!outcome) return undefined;
    const test = this.test.at(-1);
    const { loss, acc } = this.progress;
    const summary = { loss, acc, testLoss: test?.loss, testAcc: test?.acc, backend: this.backend, extra: this.results };
    return lastRun({ outcome, ...summary, settings: this.settings });
  }

  /** Fraction of the run done, 0…1. */
  get fraction(): number {
    const p = this.progress;
    if (p.totalBatches === 0) return 0;
    return (p.epoch * p.totalBatches + p.batch) / (this.epochs * p.totalBatches);
  }

  /**
   * Examples per second over the whole run so far (time spent training only): the speed a finished
   * run reports, where `progress.samplesPerSec` is that of the last few batches.
   */
  get averageRate(): number {
    const p = this.progress;
    if (p.trainingMs <= 0) return p.samplesPerSec;
    return ((p.epoch * p.totalBatches + p.batch) * this.batchSize * 1000) / p.trainingMs;
  }

  /** Seconds left at the current speed; undefined before the first measurement and once the run is over. */
  get secondsLeft(): number | undefined {
    const p = this.progress;
    if (this.state !== 'training' && this.state !== 'paused') return undefined;
    if (p.samplesPerSec <= 0 || p.totalBatches === 0) return undefined;
    const remaining = this.epochs * p.totalBatches - (p.epoch * p.totalBatches + p.batch);
    return (remaining * this.batchSize) / p.samplesPerSec;
  }

  destroy(): void {
    if (this.#frame) cancelAnimationFrame(this.#frame);
    if (this.#timer) clearTimeout(this.#timer);
    if (typeof document !== 'undefined') document.removeEventListener('visibilitychange', this.#onVisibility);
    this.client.terminate();
  }
}
