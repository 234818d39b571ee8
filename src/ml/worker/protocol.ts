/**
 * The message protocol between a lab on the page and its training worker.
 *
 * Every message is a plain object with a `type`; messages about a run carry its `runId`, and a
 * receiver drops messages whose `runId` is not the current one (a late progress report from a run
 * the reader already reset must not repaint the chart). Only numbers, strings and transferable
 * typed arrays cross the boundary, never tensors.
 */
import type { Hyperparameters } from '../hyperparameters';
import type { CnnConfig } from '../models/cnn-config';

export const BACKENDS = ['webgpu', 'webgl', 'wasm', 'cpu'] as const;
export type BackendName = (typeof BACKENDS)[number];

/** What `data-state` on a lab's root says. */
export const LAB_STATES = ['idle', 'loading', 'training', 'paused', 'done', 'error'] as const;
export type LabState = (typeof LAB_STATES)[number];

/** A dataset the worker loads itself, by name from the site's data manifest. */
export interface DatasetRef {
  name: string;
  /** absolute URL of the site's data/manifest.json (the worker cannot know the base path) */
  manifestUrl: string;
  /** use only the first N training examples (tests, quick demos) */
  trainLimit?: number;
}

export type ToWorker =
  | { type: 'start'; runId: number; model: CnnConfig; hyper: Hyperparameters; dataset: DatasetRef }
  | { type: 'pause'; runId: number }
  | { type: 'resume'; runId: number }
  /** train exactly one batch, then stay paused */
  | { type: 'step'; runId: number }
  | { type: 'stop'; runId: number }
  /** dispose the model and optimizer; back to idle */
  | { type: 'reset' }
  | { type: 'set-learning-rate'; runId: number; learningRate: number }
  | { type: 'set-backend'; backend: BackendName }
  | { type: 'get-memory' };

export type ErrorKind = 'nan-loss' | 'out-of-memory' | 'backend-failed' | 'data-failed' | 'bad-message' | 'internal';

export type FromWorker =
  | { type: 'backend'; backend: BackendName; fellBackFrom: BackendName[] }
  | { type: 'state'; runId: number; state: LabState }
  | {
      type: 'progress';
      runId: number;
      epoch: number;
      batch: number;
      totalBatches: number;
      loss: number;
      acc: number;
      samplesPerSec: number;
    }
  | { type: 'epoch-end'; runId: number; epoch: number; loss: number; acc: number; valLoss?: number; valAcc?: number }
  | { type: 'snapshot'; runId: number; kind: string; shape: number[]; data: Float32Array }
  | { type: 'memory'; numTensors: number; numBytes: number }
  /** bytes of the dataset fetched so far (cached files count as fetched at once) */
  | { type: 'download'; runId: number; loaded: number; total: number }
  /** accuracy on a fixed slice of the test set, after each epoch */
  | { type: 'evaluation'; runId: number; epoch: number; testLoss: number; testAcc: number }
  | { type: 'error'; runId: number | null; kind: ErrorKind; message: string };

const isInt = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v);

/**
 * Checks an incoming message's shape before the worker acts on it. The page is trusted code, so
 * this guards against programming mistakes and stale builds, not attackers.
 */
export function isToWorker(value: unknown): value is ToWorker {
  if (typeof value !== 'object' || value === null) return false;
  const m = value as Record<string, unknown>;
  switch (m.type) {
    case 'start':
      return (
        isInt(m.runId) &&
        typeof m.model === 'object' &&
        m.model !== null &&
        typeof m.hyper === 'object' &&
        m.hyper !== null &&
        typeof (m.dataset as DatasetRef | undefined)?.name === 'string' &&
        typeof (m.dataset as DatasetRef | undefined)?.manifestUrl === 'string'
      );
    case 'pause':
    case 'resume':
    case 'step':
    case 'stop':
      return isInt(m.runId);
    case 'set-learning-rate':
      return (
        isInt(m.runId) && typeof m.learningRate === 'number' && Number.isFinite(m.learningRate) && m.learningRate > 0
      );
    case 'set-backend':
      return (BACKENDS as readonly unknown[]).includes(m.backend);
    case 'reset':
    case 'get-memory':
      return true;
    default:
      return false;
  }
}

/** The buffers to transfer (not copy) with a message. */
export function transferablesOf(message: FromWorker): Transferable[] {
  return message.type === 'snapshot' ? [message.data.buffer as ArrayBuffer] : [];
}
