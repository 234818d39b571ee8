/**
 * What a lab's training task is to the worker's session. The session owns the lifecycle (one run
 * at a time, reset, states on failure), the backend and the data downloads; a task owns everything
 * about its kind of training: the shape of its job (checked at the worker boundary), its model,
 * its batches, its training steps, its evaluation, its commands and the messages it posts.
 *
 *   parseJob      the page's job, checked (throws BadMessage)
 *   start         state 'loading' is posted; load data through ctx, build the model → a TaskRun
 *   run.train     trains until done, stopped or failed, asking ctx.controller before every step;
 *                 posts its own progress, evaluations, pictures and final state
 *   run.command   a task-specific request (inspect an input, one discriminator step, a latent walk)
 *   run.savable   the model 'save-model' saves (one model I/O for every task)
 *   load          a new run from a saved model (the task owns the model from then on)
 *   run.dispose   frees every tensor of the run (after reset or when replaced)
 *   run.checkpoint   the last checkpoint the run copied off the device (tasks/checkpoint.ts); after
 *                 a backend failure the session calls `start(ctx, job, checkpoint)` on the next
 *                 backend, and the task builds its model from it and goes on where it stood
 * Adding a lab is one task module and one line in registry.ts; the session and the protocol stay.
 */
import type * as tf from '@tensorflow/tfjs';
import type { BackendName, BackendUse } from '../core/backends';
import type { FromWorker, ModelPlace } from '../core/messages';
import type { LiveSettings, RunController } from '../core/run-controller';
import type { ImageArrays } from '../data/image-source';
import type { ArraysEntry, TypedArrayOf, DType } from '../data/manifest';
import type { Checkpoint } from './checkpoint';
import type { ImageDataset, ManifestDataset } from './datasets';

/** A dataset's training and test images, downloaded and verified (or given inline). */
export interface ImageData {
  train: ImageArrays;
  test: ImageArrays;
}

/** A manifest's `arrays` dataset, downloaded and verified: its entry, and each file decoded by name. */
export interface ArraysData {
  entry: ArraysEntry;
  arrays: Record<string, TypedArrayOf<DType>>;
}

/** What the session gives a task for one run. */
export interface RunContext<Settings extends LiveSettings = LiveSettings> {
  runId: number;
  post: (message: FromWorker) => void;
  /** pause, step, stop, pace and live settings of this run */
  controller: RunController<string, Settings>;
  /** whether the page is visible (no pictures while hidden; training goes on) */
  visible: () => boolean;
  /** the session's data loader: verified downloads with 'download' progress, or inline arrays */
  loadImages: (dataset: ImageDataset) => Promise<ImageData>;
  /** the same for datasets beyond images (token ids, ratings, features): typed arrays by file name */
  loadArrays: (dataset: ManifestDataset) => Promise<ArraysData>;
  /** test examples evaluated after each epoch unless the job says otherwise (default 500) */
  evaluationSize: number;
  /** milliseconds between two pictures while training, if the session sets it (tests) */
  frameIntervalMs?: number;
  /** milliseconds between two checkpoints while training (default CHECKPOINT_INTERVAL_MS) */
  checkpointIntervalMs?: number;
  now: () => number;
  /**
   * Makes `name` the current backend for the run's next kernels (a task that compares backends,
   * tasks/backend-race); with `wasmThreads`, WASM on 1 thread or on all it was set up with. Never
   * throws: a backend that does not work here says why. The session's own backend is set again
   * when the run ends. (Optional only so that a context made by hand in a test need not give it.)
   */
  useBackend?: (name: BackendName, options?: { wasmThreads?: 1 | 'all' }) => Promise<BackendUse>;
}

/** One run of a task, as `start` or `load` made it. */
export interface TaskRun<Command> {
  /** trains to the end (or until stopped); resolves after the final state is posted */
  train(): Promise<void>;
  command?(command: Command): Promise<void> | void;
  /** the model to save, and whether it is a temporary copy the session disposes after saving */
  savable?(): { model: tf.LayersModel; temporary: boolean } | undefined;
  /** the last complete checkpoint (undefined before the first: the run would start again) */
  checkpoint?(): Checkpoint | undefined;
  dispose(): void;
}

export interface Task<Job = unknown, Command = unknown, Settings extends LiveSettings = LiveSettings, Load = unknown> {
  /** the name the page starts it by */
  readonly name: string;
  parseJob(raw: unknown): Job;
  parseCommand?(raw: unknown): Command;
  /** live settings beyond LiveSettings' learning rate and pace */
  parseSettings?(raw: unknown): Settings;
  parseLoad?(raw: unknown): Load;
  /** a new run, or with `from` the same run continued from its checkpoint (on another backend) */
  start(ctx: RunContext<Settings>, job: Job, from?: Checkpoint): Promise<TaskRun<Command>>;
  load?(ctx: RunContext<Settings>, job: Load, model: tf.LayersModel, from: ModelPlace): Promise<TaskRun<Command>>;
}
