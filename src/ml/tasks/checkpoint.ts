/**
 * Checkpoints: what a run needs to go on after its backend failed (worker/training-session.ts
 * continues it on the next working backend). A checkpoint is plain memory, no tensors: every
 * weight and every optimizer's state (Adam's and RMSProp's moments, the iteration count; SGD has
 * only the count), copied off the device, and where the run stood (the task's own `position`).
 *
 * Taking one costs the step loop one clone per tensor (a shared reference, no copy on any backend)
 * and a microtask; the copies are read back asynchronously (`data()`) while training goes on, and
 * the clones freed when they arrive. Only one copy is in flight at a time; a copy that fails (the
 * device was lost meanwhile) leaves the previous checkpoint in place.
 */
import * as tf from '@tensorflow/tfjs';

/** how often a running task copies its state off the device, by default */
export const CHECKPOINT_INTERVAL_MS = 2000;

export interface SavedTensor {
  name: string;
  shape: number[];
  dtype: 'float32' | 'int32';
  data: Float32Array | Int32Array;
}

export interface Checkpoint<Position = unknown> {
  /** steps trained when it was taken (what a restored run continues from) */
  step: number;
  /** named groups of tensors, in the order their owner lists them ('model', 'optimizer', …) */
  tensors: Record<string, SavedTensor[]>;
  position: Position;
}

/** A tensor with a name (tfjs's optimizers list their state this way). */
export interface NamedTensor {
  name: string;
  tensor: tf.Tensor;
}

/** Where a group's tensors come from when a checkpoint is taken. */
export type TensorGroups = Record<string, () => NamedTensor[] | Promise<NamedTensor[]>>;

/** A model's weights as a checkpoint group (in getWeights order). */
export const modelWeights = (model: tf.LayersModel) => (): NamedTensor[] =>
  model.getWeights().map((tensor, i) => ({ name: String(i), tensor }));

/** An optimizer's state as a checkpoint group (tfjs's getWeights: the iteration count first). */
export const optimizerState = (optimizer: tf.Optimizer) => (): Promise<NamedTensor[]> => optimizer.getWeights();

export class Checkpointer<Position> {
  #latest: Checkpoint<Position> | undefined;
  #pending: Promise<void> | undefined;
  /** the clones of the copy in flight */
  #inFlight: tf.Tensor[] = [];
  #last: number;

  constructor(
    private readonly now: () => number,
    readonly intervalMs: number = CHECKPOINT_INTERVAL_MS,
    /** the checkpoint a restored run started from (still the latest until a new one arrives) */
    from?: Checkpoint<Position>,
  ) {
    this.#latest = from;
    this.#last = now();
  }

  /** the last complete checkpoint, if any */
  get latest(): Checkpoint<Position> | undefined {
    return this.#latest;
  }

  /** Whether the loop should take one now (the interval has passed and none is in flight). */
  due(): boolean {
    return this.#pending === undefined && this.now() - this.#last >= this.intervalMs;
  }

  /**
   * Takes a checkpoint of `groups` after `step` steps. Resolves once the tensors are cloned (the
   * next step may then change the weights); the copies arrive later (see `settle`).
   */
  async take(step: number, groups: TensorGroups, position: Position): Promise<void> {
    this.#last = this.now();
    const clones: Record<string, NamedTensor[]> = {};
    const all: tf.Tensor[] = [];
    try {
      for (const [group, get] of Object.entries(groups)) {
        // variables are cloned (they change with the next step); anything else was made for us
        clones[group] = (await get()).map(({ name, tensor }) => {
          const copy = tensor instanceof tf.Variable ? tf.clone(tensor) : tensor;
          all.push(copy);
          return { name, tensor: copy };
        });
      }
    } catch (error) {
      tf.dispose(all);
      throw error;
    }
    this.#inFlight = all;
    this.#pending = this.#read(step, clones, position, all).finally(() => {
      this.#pending = undefined;
      this.#inFlight = [];
    });
  }

  async #read(step: number, clones: Record<string, NamedTensor[]>, position: Position, all: tf.Tensor[]) {
    try {
      const tensors: Record<string, SavedTensor[]> = {};
      for (const [group, named] of Object.entries(clones)) {
        const data = await Promise.all(named.map(({ tensor }) => tensor.data()));
        tensors[group] = named.map(({ name, tensor }, i) => ({
          name,
          shape: tensor.shape.slice(),
          dtype: tensor.dtype === 'int32' ? 'int32' : 'float32',
          data: data[i] as Float32Array | Int32Array,
        }));
      }
      this.#latest = { step, tensors, position };
    } catch {
      // the device failed while copying: the previous checkpoint stays
    } finally {
      try {
        tf.dispose(all);
      } catch {
        // a lost device may refuse even this; the session disposes what it can
      }
    }
  }

  /** Frees the clones of a copy in flight now (a lost device never answers its read). */
  abandon(): void {
    try {
      tf.dispose(this.#inFlight);
    } catch {
      // a lost device may refuse even this
    }
    this.#inFlight = [];
  }

  /** Waits for the copy in flight, if any (the run's end: its clones are freed). */
  async settle(): Promise<void> {
    await this.#pending;
  }
}

/** A group's saved tensors as new tensors on the current backend (the caller frees them). */
export const tensorsOf = (saved: readonly SavedTensor[]): tf.Tensor[] =>
  saved.map((s) => tf.tensor(s.data, s.shape, s.dtype));

/** Puts saved weights into a model built afresh on the current backend. */
export function restoreModel(model: tf.LayersModel, saved: readonly SavedTensor[]): void {
  const tensors = tensorsOf(saved);
  try {
    model.setWeights(tensors);
  } finally {
    tf.dispose(tensors);
  }
}

/** Puts saved weights into variables, in order (a GAN's networks). */
export function restoreVariables(variables: readonly tf.Variable[], saved: readonly SavedTensor[]): void {
  if (variables.length !== saved.length) throw new Error('the checkpoint does not fit the model');
  tensorsOf(saved).forEach((tensor, i) => {
    variables[i]!.assign(tensor);
    tensor.dispose();
  });
}

/** Gives a new optimizer the saved state (moments and iteration count). */
export async function restoreOptimizer(optimizer: tf.Optimizer, saved: readonly SavedTensor[]): Promise<void> {
  const tensors = tensorsOf(saved);
  const named = saved.map((s, i) => ({ name: s.name, tensor: tensors[i]! }));
  try {
    await optimizer.setWeights(named);
  } finally {
    tf.dispose(named.map((n) => n.tensor));
  }
}

/**
 * A step that threw inside TensorFlow.js's gradient tape leaves the tape, with the tensors it saved
 * for the backward pass, behind (tfjs frees them only after a backward pass that succeeds).
 */
export function freeAbandonedTape(): void {
  const state = tf.engine().state as unknown as {
    activeTape: { saved?: tf.Tensor[] }[] | null;
    gradientDepth: number;
  };
  if (!state.activeTape || state.gradientDepth !== 0) return;
  for (const node of state.activeTape) tf.dispose(node.saved ?? []);
  state.activeTape = null;
}
