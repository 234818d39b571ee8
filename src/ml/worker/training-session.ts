/**
 * Everything a training worker does, without the worker: `train.worker.ts` only connects this
 * class to `self`, so Node tests can drive it message by message. The session knows no kind of
 * training: it owns the lifecycle of one run at a time, the backend, the data loader and the
 * routing; the run's task (tasks/registry.ts) does the rest.
 *
 * Lifecycle:
 *   init            picks the fastest backend that initialises and trains (posts 'backend')
 *   start           checks the task's job; resets; state 'loading'; the task loads its data (posts
 *                   'download'), builds its model and trains, posting its own messages
 *   pause/resume/step/stop/set   the run's RunController
 *   command         the run's task answers (inspect, one GAN step, a latent walk…)
 *   save-model / load-model      the task's model through the one model I/O (models/model-files.ts)
 *   reset           stops the run and frees everything it holds; state 'idle'
 *   set-backend     reset, then switch backend
 * A message with another run's id is ignored. Every failure becomes an 'error' message.
 *
 * Failover: when the backend fails during a run (a lost device or context, out of memory, an
 * exception from a kernel: states.ts `isBackendFailure`), the task's loop hands the run over
 * (RunController.handOver) instead of failing. The session frees what it can of the run, chooses
 * the fastest backend among those that have not failed, posts 'failover' and starts the task again
 * from the run's last checkpoint (tasks/checkpoint.ts) under the same run id and controller; the
 * data are not fetched again. Any other failure (a NaN loss, bad data) still ends in 'error', and
 * so does a failure when no backend is left.
 */
import * as tf from '@tensorflow/tfjs';
import type { BackendName, BackendRequest, BackendUse } from '../core/backends';
import { RunController, type LiveSettings } from '../core/run-controller';
import { BadMessage, classify, isBackendFailure, messageOf, type ErrorKind } from '../core/states';
import { PREFERENCE } from '../backends/probe';
import { object, positive } from '../core/check';
import { DataError, type ByteCache } from '../data/fetch-verified';
import { loadModel, ModelFileError, NoSavedModel, saveModel } from '../models/model-files';
import { taskNamed } from '../tasks/registry';
import type { RunContext, Task, TaskRun } from '../tasks/task';
import { chooseBackend, switchTo, type BackendDeps } from './backend-choice';
import { freeAbandonedTape } from '../tasks/checkpoint';
import { loadArrays, loadImages } from './data-loader';
import { injectFault, type FaultKind } from './fault';
import type { ToWorker } from './protocol';

export interface SessionDeps extends BackendDeps {
  fetch?: typeof fetch;
  cache?: ByteCache;
  /** test images used for the per-epoch evaluation (default 500) */
  evaluationSize?: number;
  /** milliseconds between two pictures of a GAN while training (tests) */
  frameIntervalMs?: number;
  /** milliseconds between two checkpoints of a running task (default tasks/checkpoint.ts's) */
  checkpointIntervalMs?: number;
  now?: () => number;
}

interface Run {
  runId: number;
  task: Task;
  controller: RunController<string, LiveSettings>;
  taskRun: TaskRun<unknown> | undefined;
  finished: Promise<unknown>;
  /** the backend failure the run's loop handed over, until the session continues it */
  lost?: unknown;
}

/** Messages whose failure leaves the run as it was (anything else that fails ends it). */
const HARMLESS = new Set<ToWorker['type']>(['save-model', 'command', 'set']);

/** The learning rate and pace every run understands (a task's parseSettings adds its own). */
function parseLiveSettings(value: unknown): LiveSettings {
  const s = object(value, 'settings');
  const out: LiveSettings = {};
  if (s.learningRate !== undefined) out.learningRate = positive(s.learningRate, 'settings.learningRate');
  if (typeof s.minIterationMs === 'number') out.minIterationMs = s.minIterationMs;
  return out;
}

export class TrainingSession {
  #run: Run | undefined;
  #backend: BackendName | undefined;
  /** backends that failed during a run: not chosen again unless the reader asks for one */
  readonly #failed = new Set<BackendName>();
  readonly #watched = new WeakSet<object>();
  #visible = true;
  readonly #deps: SessionDeps;

  constructor(deps: SessionDeps) {
    this.#deps = deps;
  }

  /** Chooses the backend (see backend-choice.ts); posts 'backend-probe' as it goes and 'backend' at the end. */
  async initBackend(request: BackendRequest = {}): Promise<BackendName> {
    this.#backend = await chooseBackend(this.#deps, request);
    this.#watch(this.#backend);
    return this.#backend;
  }

  /** The backend chosen by the last initBackend. */
  get backend(): BackendName | undefined {
    return this.#backend;
  }

  async handle(message: ToWorker): Promise<void> {
    try {
      switch (message.type) {
        case 'start':
          await this.#start(message);
          break;
        case 'load-model':
          await this.#load(message);
          break;
        case 'pause':
        case 'resume':
        case 'step':
        case 'stop':
          this.#runFor(message.runId)?.controller[message.type]();
          break;
        case 'set': {
          const run = this.#runFor(message.runId);
          if (run) run.controller.set((run.task.parseSettings ?? parseLiveSettings)(message.settings) as LiveSettings);
          break;
        }
        case 'command': {
          const run = this.#runFor(message.runId);
          if (run?.taskRun?.command) {
            if (!run.task.parseCommand) throw new BadMessage('this task takes no commands');
            await run.taskRun.command(run.task.parseCommand(message.command));
          }
          break;
        }
        case 'save-model':
          await this.#save(message);
          break;
        case 'reset':
          await this.#reset();
          break;
        case 'init':
          await this.initBackend(message.request);
          this.#postMemory();
          break;
        case 'set-backend':
          await this.#reset();
          this.#failed.delete(message.backend);
          await this.initBackend({ backend: message.backend });
          this.#postMemory();
          break;
        case 'get-memory':
          this.#postMemory();
          break;
        case 'set-visible':
          this.#visible = message.visible;
          break;
        default: {
          const unreachable: never = message;
          throw new Error(`unhandled message ${JSON.stringify(unreachable)}`);
        }
      }
    } catch (error) {
      const runId = 'runId' in message ? message.runId : null;
      this.#deps.post({ type: 'error', runId, kind: kindOf(error), message: messageOf(error) });
      if (runId !== null && !HARMLESS.has(message.type)) this.#deps.post({ type: 'state', runId, state: 'error' });
    }
  }

  /**
   * Listens for the death of the backend in use (WebGL's 'webglcontextlost', WebGPU's
   * `device.lost`): a run waiting on it would wait forever, so its controller fails the wait.
   */
  #watch(name: BackendName): void {
    const backend = tf.backend() as unknown as {
      gpgpu?: { gl: { canvas: unknown } };
      device?: { lost?: Promise<{ message: string }> };
    };
    if (this.#watched.has(backend)) return;
    this.#watched.add(backend);
    const lost = (error: Error) => {
      if (this.#backend === name) this.#run?.controller.backendLost(error);
    };
    const canvas = backend.gpgpu?.gl.canvas as EventTarget | undefined;
    canvas?.addEventListener?.('webglcontextlost', () => lost(new Error('the WebGL context was lost')));
    void backend.device?.lost?.then((info) => lost(new Error(`the WebGPU device was lost (${info.message})`)));
  }

  /** For tests (worker/fault.ts): makes the backend in use fail from its next kernel. */
  injectFault(kind: FaultKind): () => void {
    return injectFault(kind).repair;
  }

  #runFor(runId: number): Run | undefined {
    return this.#run?.runId === runId ? this.#run : undefined;
  }

  #postMemory(): void {
    const { numTensors, numBytes } = tf.memory();
    this.#deps.post({ type: 'memory', numTensors, numBytes });
  }

  async #reset(): Promise<void> {
    const run = this.#run;
    this.#run = undefined;
    if (!run) return;
    run.controller.cancel();
    await run.finished.catch(() => {});
    run.taskRun?.dispose();
    this.#deps.post({ type: 'state', runId: run.runId, state: 'idle' });
    this.#postMemory();
  }

  /** A new run of `task` (after a reset): state 'loading', and the context its task works in. */
  #newRun(runId: number, task: Task): { run: Run; ctx: RunContext } {
    const post = this.#deps.post;
    const controller = new RunController<string, LiveSettings>(runId, post, 'step');
    const run: Run = { runId, task, controller, taskRun: undefined, finished: Promise.resolve() };
    this.#run = run;
    controller.setState('loading');
    controller.onBackendFailure((error) => {
      if (!isBackendFailure(classify(error)) || this.#run !== run) return false;
      run.lost = error;
      return true;
    });
    // a run continued on another backend asks for its data again: the same arrays, not fetched twice
    const loaded = new Map<string, Promise<unknown>>();
    const once = <T>(key: unknown, load: () => Promise<T>): Promise<T> => {
      const k = JSON.stringify(key);
      if (!loaded.has(k)) loaded.set(k, load());
      return loaded.get(k) as Promise<T>;
    };
    const ctx: RunContext = {
      runId,
      post,
      controller,
      visible: () => this.#visible,
      loadImages: (dataset) => once(['images', dataset], () => loadImages(runId, dataset, this.#deps)),
      loadArrays: (dataset) => once(['arrays', dataset], () => loadArrays(runId, dataset, this.#deps)),
      evaluationSize: this.#deps.evaluationSize ?? 500,
      frameIntervalMs: this.#deps.frameIntervalMs,
      now: this.#deps.now ?? (() => performance.now()),
      useBackend: (name, options) => this.#useBackend(name, options),
    };
    if (this.#deps.checkpointIntervalMs !== undefined) ctx.checkpointIntervalMs = this.#deps.checkpointIntervalMs;
    return { run, ctx };
  }

  /** RunContext.useBackend: `name` for the run's next kernels, or why it does not work here. */
  async #useBackend(name: BackendName, options: { wasmThreads?: 1 | 'all' } = {}): Promise<BackendUse> {
    try {
      await switchTo(this.#deps, name);
      const { detail, software } = (await this.#deps.describeBackend?.(name).catch(() => undefined)) ?? {
        detail: '',
      };
      let threads: number | undefined;
      if (name === 'wasm' && this.#deps.setWasmThreads)
        threads = this.#deps.setWasmThreads(options.wasmThreads ?? 'default');
      return { ok: true, detail, ...(software ? { software } : {}), ...(threads ? { threads } : {}) };
    } catch (error) {
      return { ok: false, note: messageOf(error), detail: '' };
    }
  }

  /** After a run that moved to other backends: the session's own backend again. */
  async #restoreBackend(): Promise<void> {
    const own = this.#backend;
    if (!own || tf.getBackend() === own) return;
    try {
      await tf.setBackend(own);
      if (own === 'wasm') this.#deps.setWasmThreads?.('default');
    } catch {
      // the next run's backend choice reports it
    }
  }

  /** Keeps a task's run, unless the session moved on meanwhile (then frees it). */
  #adopt(run: Run, taskRun: TaskRun<unknown>): boolean {
    if (run.controller.cancelled) {
      taskRun.dispose();
      return false;
    }
    run.taskRun = taskRun;
    return true;
  }

  async #start(message: Extract<ToWorker, { type: 'start' }>): Promise<void> {
    const task = taskNamed(message.task);
    const job = task.parseJob(message.job);
    await this.#reset();
    const { run, ctx } = this.#newRun(message.runId, task);
    const taskRun = await task.start(ctx, job);
    if (!this.#adopt(run, taskRun)) return;
    run.finished = this.#train(run, ctx, job);
    await run.finished;
    this.#postMemory();
  }

  /** Trains the run to its end, continuing it on another backend each time its backend fails. */
  async #train(run: Run, ctx: RunContext, job: unknown): Promise<void> {
    try {
      while (run.taskRun) {
        await run.taskRun.train();
        const lost = run.lost;
        run.lost = undefined;
        if (lost === undefined || run.controller.cancelled) return;
        await this.#failOver(run, ctx, job, lost);
      }
    } finally {
      await this.#restoreBackend();
    }
  }

  async #failOver(run: Run, ctx: RunContext, job: unknown, lost: unknown): Promise<void> {
    const { runId, controller } = run;
    const failed = this.#backend ?? (tf.getBackend() as BackendName);
    const checkpoint = run.taskRun?.checkpoint?.();
    try {
      // the failed backend may refuse even this; its memory goes with it
      freeAbandonedTape();
      run.taskRun?.dispose();
    } catch {
      // nothing more can be freed there
    }
    run.taskRun = undefined;
    this.#failed.add(failed);
    const kind = classify(lost);
    const message = messageOf(lost);
    const candidates = (this.#deps.candidates ?? PREFERENCE).filter((b) => !this.#failed.has(b));
    let next: BackendName;
    try {
      if (candidates.length === 0) throw new Error('no other backend is available');
      next = await chooseBackend({ ...this.#deps, candidates });
    } catch (error) {
      const why = `${failed} stopped working (${message}) and no other backend works here: ${messageOf(error)}`;
      this.#deps.post({ type: 'error', runId, kind: 'backend-failed', message: why });
      controller.setState('error');
      return;
    }
    this.#backend = next;
    this.#watch(next);
    if (controller.cancelled) return;
    this.#deps.post({ type: 'failover', runId, from: failed, to: next, kind, message, step: checkpoint?.step ?? 0 });
    controller.setState('loading');
    // a failure here (the new backend cannot build the model) ends the run like any other
    const taskRun = await run.task.start(ctx, job, checkpoint);
    this.#adopt(run, taskRun);
  }

  async #save(message: Extract<ToWorker, { type: 'save-model' }>): Promise<void> {
    const savable = this.#runFor(message.runId)?.taskRun?.savable?.();
    if (!savable) throw new ModelFileError('there is no trained model to save yet');
    try {
      const files = await saveModel(savable.model, message.to, message.key);
      this.#deps.post({ type: 'model-saved', runId: message.runId, to: message.to, ...files });
    } finally {
      if (savable.temporary) savable.model.dispose();
    }
  }

  async #load(message: Extract<ToWorker, { type: 'load-model' }>): Promise<void> {
    const task = taskNamed(message.task);
    if (!task.load || !task.parseLoad) throw new BadMessage(`the task "${task.name}" loads no models`);
    const job = task.parseLoad(message.job);
    // a file that is no model fails here, and the current run stays as it was
    const model = await loadModel(message);
    await this.#reset();
    const { run, ctx } = this.#newRun(message.runId, task);
    this.#adopt(run, await task.load(ctx, job, model, message.from));
    this.#postMemory();
  }
}

function kindOf(error: unknown): ErrorKind {
  if (error instanceof DataError) return 'data-failed';
  if (error instanceof NoSavedModel) return 'model-missing';
  if (error instanceof ModelFileError) return 'model-invalid';
  return classify(error);
}
