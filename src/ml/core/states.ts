/**
 * The states a lab run goes through and the kinds of failure the lab explains to the reader.
 * Shared by the worker, the tasks and the page; imports nothing.
 */

/** What `data-state` on a lab's root says. */
export const LAB_STATES = ['idle', 'loading', 'training', 'paused', 'done', 'error'] as const;
export type LabState = (typeof LAB_STATES)[number];

export type ErrorKind =
  | 'nan-loss'
  | 'out-of-memory'
  | 'backend-failed'
  | 'data-failed'
  | 'model-invalid'
  | 'model-missing'
  | 'bad-message'
  | 'internal';

/** A loss became NaN or infinite: the run ends with an error of kind 'nan-loss'. */
export class NaNLoss extends Error {
  override name = 'NaNLoss';
}

/** A message or a task's payload that does not have the expected shape (kind 'bad-message'). */
export class BadMessage extends Error {
  override name = 'BadMessage';
}

/** Sorts a thrown error into the kinds the lab explains to the reader. */
export function classify(error: unknown): ErrorKind {
  if (error instanceof NaNLoss) return 'nan-loss';
  if (error instanceof BadMessage) return 'bad-message';
  const text = error instanceof Error ? `${error.name} ${error.message}` : String(error);
  if (/out of memory|OOM|allocation failed|RangeError: Array buffer allocation/i.test(text)) return 'out-of-memory';
  if (/context lost|device (was |is )?lost|backend/i.test(text)) return 'backend-failed';
  // WebGPU's and WebGL's own exceptions from a kernel (a buffer the device refuses, a lost instance)
  if (/on 'GPU[A-Za-z]*'|GPUDevice|GPUBuffer|WebGL|mapAsync|createBuffer/i.test(text)) return 'backend-failed';
  return 'internal';
}

/** A failure of the backend itself (not of the data or the model): the run can go on elsewhere. */
export const isBackendFailure = (kind: ErrorKind): boolean => kind === 'backend-failed' || kind === 'out-of-memory';

/** An error's message, whatever was thrown. */
export const messageOf = (error: unknown): string => (error instanceof Error ? error.message : String(error));
