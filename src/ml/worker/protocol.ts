/**
 * The message protocol between a lab on the page and its training worker: generic, whatever the
 * lab. A run is started by naming a task and giving its job (`{ type: 'start', task, job }`); a
 * task's own requests travel as `command`, its live changes as `set`; everything else is the same
 * for every lab (backend, pause/resume/step/stop, reset, visibility, memory, saving and loading a
 * model). Each task checks its own payloads (tasks/<task>/job.ts) when they arrive; this module
 * checks the envelope. A receiver drops messages whose `runId` is not the current one.
 */
import type { BackendName, BackendRequest } from '../core/backends';
import { isBackendName } from '../core/backends';
import type { ModelPlace } from '../core/messages';
import type { ModelSource } from '../models/model-files';

export { BACKENDS, type BackendName, type BackendProbe, type BackendRequest } from '../core/backends';
export {
  transferablesOf,
  type FeatureMaps,
  type FromWorker,
  type ModelPlace,
  type WrongExample,
} from '../core/messages';
export { LAB_STATES, type ErrorKind, type LabState } from '../core/states';
export type { InspectSource } from '../tasks/image-classification/job';
export type { GanJob, GanSettings } from '../tasks/gan/job';
export type { DatasetRef } from '../tasks/datasets';

export type ToWorker =
  /** first message: choose a backend (measuring them unless one is requested) */
  | { type: 'init'; request: BackendRequest }
  /** a new run of the named task (replaces any run); the task checks `job` */
  | { type: 'start'; runId: number; task: string; job: unknown }
  /** a request to the current run's task (inspect an input, one GAN step, a latent walk…) */
  | { type: 'command'; runId: number; command: unknown }
  /** live settings from the next step on: learning rate, pace, and the task's own */
  | { type: 'set'; runId: number; settings: unknown }
  | { type: 'pause'; runId: number }
  | { type: 'resume'; runId: number }
  /** train exactly one step, then stay paused */
  | { type: 'step'; runId: number }
  | { type: 'stop'; runId: number }
  /** dispose the run's model, optimizer and data; back to idle */
  | { type: 'reset' }
  | { type: 'set-backend'; backend: BackendName }
  | { type: 'get-memory' }
  /** the page is hidden or shown again: snapshots (pictures) pause while hidden, training does not */
  | { type: 'set-visible'; visible: boolean }
  /** save the current run's model in this browser (IndexedDB, under `key`) or as files */
  | { type: 'save-model'; runId: number; to: ModelPlace; key: string }
  /** replace the current run by a saved model, as the task's `job` says (a new run) */
  | ({ type: 'load-model'; runId: number; task: string; job: unknown } & ModelSource);

const isInt = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v);
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;

function isModelSource(m: Record<string, unknown>): boolean {
  return (
    (m.from === 'browser' && typeof m.key === 'string') ||
    (m.from === 'files' && typeof m.modelJson === 'string' && isObject(m.weights))
  );
}

/**
 * Checks an incoming message's envelope before the worker acts on it (a task's payload is checked
 * by the task). The page is trusted code, so this guards against programming mistakes and stale
 * builds, not attackers.
 */
export function isToWorker(value: unknown): value is ToWorker {
  if (!isObject(value)) return false;
  const m = value;
  switch (m.type) {
    case 'start':
      return isInt(m.runId) && typeof m.task === 'string' && isObject(m.job);
    case 'command':
      return isInt(m.runId) && isObject(m.command);
    case 'set':
      return isInt(m.runId) && isObject(m.settings);
    case 'pause':
    case 'resume':
    case 'step':
    case 'stop':
      return isInt(m.runId);
    case 'set-backend':
      return isBackendName(m.backend);
    case 'init': {
      const r = m.request;
      if (!isObject(r)) return false;
      const threadsOk =
        r.wasmThreads === undefined ||
        r.wasmThreads === 'off' ||
        (isInt(r.wasmThreads) && r.wasmThreads >= 1 && r.wasmThreads <= 64);
      return threadsOk && (r.backend === undefined || isBackendName(r.backend));
    }
    case 'reset':
    case 'get-memory':
      return true;
    case 'set-visible':
      return typeof m.visible === 'boolean';
    case 'save-model':
      return isInt(m.runId) && (m.to === 'browser' || m.to === 'files') && typeof m.key === 'string';
    case 'load-model':
      return isInt(m.runId) && typeof m.task === 'string' && isObject(m.job) && isModelSource(m);
    default:
      return false;
  }
}
