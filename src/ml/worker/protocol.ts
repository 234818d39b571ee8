/**
 * The message protocol between a lab on the page and its training worker.
 *
 * Every message is a plain object with a `type`; messages about a run carry its `runId`, and a
 * receiver drops messages whose `runId` is not the current one (a late progress report from a run
 * the reader already reset must not repaint the chart). Only numbers, strings and transferable
 * typed arrays cross the boundary, never tensors.
 */
import type { Hyperparameters } from '../hyperparameters';
import type { ImageArrays } from '../data/image-source';
import type { WindowArrays } from '../data/window-source';
import type { WrongExample } from '../metrics';
import type { ModelConfig } from '../models/model-config';
import type { Gan2dConfig, TrainingSchedule } from '../gan/gan-config';
import type { TargetSpec } from '../gan/targets';

export const BACKENDS = ['webgpu', 'webgl', 'wasm', 'cpu'] as const;
export type BackendName = (typeof BACKENDS)[number];

/** One backend's result in the start-up measurement (see backends/probe.ts). */
export interface BackendProbe {
  backend: BackendName;
  /** it initialised, computed correctly and trained */
  ok: boolean;
  /** measured training speed of the article's CNN */
  samplesPerSec?: number;
  /** why it failed, or why it was not timed */
  note?: string;
}

/** How the worker should set up its backends; sent once, first. */
export interface BackendRequest {
  /** use this backend if it works (otherwise the fastest that does) */
  backend?: BackendName;
  /** WASM threads, or 'off' for the single-threaded binary */
  wasmThreads?: number | 'off';
}

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
  /**
   * Data the reader loaded from their own disk (CIFAR-10 batches): used as is, nothing fetched;
   * `manifestUrl` is then ignored.
   */
  inline?: { train: ImageArrays; test: ImageArrays };
  /**
   * A regression on windows of a time series, prepared on the page (scaled, split by time): the
   * model trains on `train`, is scored on `test` (the validation part) after each epoch, and then
   * predicts every window of `predict` (posted as a 'snapshot' of kind 'predictions').
   * `manifestUrl` is then ignored.
   */
  windows?: { train: WindowArrays; test: WindowArrays; predict?: Float32Array };
  /** test images evaluated after each epoch (default 500; the benchmark uses all) */
  testLimit?: number;
  /**
   * A deliberate mistake, for the "Why 2.3026?" lab: 'detached-labels' shuffles the training
   * labels separately from the images (the test set stays correct).
   */
  mistake?: 'detached-labels';
  /**
   * Standardise every feature (column of a [T, F, 1] sequence) with the mean and standard
   * deviation of the training examples, as speech recognisers normalise filter-bank channels.
   */
  standardise?: boolean;
  /** also evaluate every N batches, on at most `quickTestLimit` images (the benchmark's time to 97 %) */
  evaluateEvery?: number;
  quickTestLimit?: number;
}

export type InspectSource = { testIndex: number } | { pixels: Float32Array };

/**
 * One layer's activations for one image: [height, width, channels], channels last. For a recurrent
 * model, one quantity over time, [T, units, 1]: the gates, the cell state, the hidden state, or the
 * class probabilities after each step ('probabilities', [T, classes, 1]).
 */
export interface FeatureMaps {
  layer: string;
  shape: [number, number, number];
  data: Float32Array;
}

/**
 * A GAN to train: on points of the plane drawn from a target distribution ('plane', the 2-D lab), or
 * on a dataset's images rescaled to [−1, 1] ('images', digits from noise). An iteration is
 * `schedule.dSteps` discriminator steps then `schedule.gSteps` generator steps.
 */
export type GanJob = {
  config: Gan2dConfig;
  schedule: TrainingSchedule;
  iterations: number;
  seed: number;
  /** how many fixed noise vectors are drawn after every change (points, or images in the grid) */
  show: number;
  /** begin paused, before the first step (step mode) */
  startPaused?: boolean;
  /**
   * Play at a watchable pace: each iteration takes at least this many milliseconds (the worker
   * waits after a fast one). Absent or 0: as fast as the backend goes.
   */
  minIterationMs?: number;
  /** milliseconds between two pictures while training (default 150 for points, 400 for images) */
  frameIntervalMs?: number;
} & ({ kind: 'plane'; target: TargetSpec } | { kind: 'images'; dataset: DatasetRef });

/** What a live change to a GAN run may set (the instability controls). */
export interface GanSettings {
  dLearningRate?: number;
  gLearningRate?: number;
  dSteps?: number;
  gSteps?: number;
  loss?: TrainingSchedule['loss'];
  /** the pace, as GanJob.minIterationMs (0: full speed) */
  minIterationMs?: number;
}

/** Where a trained model goes or comes from. */
export type ModelPlace = 'browser' | 'files';

export type ToWorker =
  /** first message: choose a backend (measuring them unless one is requested) */
  | { type: 'init'; request: BackendRequest }
  | { type: 'start'; runId: number; model: ModelConfig; hyper: Hyperparameters; dataset: DatasetRef }
  | { type: 'pause'; runId: number }
  | { type: 'resume'; runId: number }
  /** train exactly one batch, then stay paused */
  | { type: 'step'; runId: number }
  | { type: 'stop'; runId: number }
  /** dispose the model and optimizer; back to idle */
  | { type: 'reset' }
  | { type: 'set-learning-rate'; runId: number; learningRate: number }
  | { type: 'set-backend'; backend: BackendName }
  | { type: 'get-memory' }
  /** the page is hidden or shown again: snapshots (pictures) pause while hidden, training does not */
  | { type: 'set-visible'; visible: boolean }
  /**
   * Show what the current model sees for one input: a test image by index, or 28×28 pixels in
   * [0, 1] (a drawn digit). Answered at once and, while training, again as the weights change.
   */
  | { type: 'inspect'; runId: number; source: InspectSource }
  /** save the current run's model in this browser (IndexedDB, under `key`) or as files */
  | { type: 'save-model'; runId: number; to: ModelPlace; key: string }
  /** replace the current run by a saved model, evaluated on the dataset's test images */
  | ({ type: 'load-model'; runId: number; model: ModelConfig; dataset: DatasetRef } & (
      { from: 'browser'; key: string } | { from: 'files'; modelJson: string; weights: Record<string, ArrayBuffer> }
    ))
  /** train a GAN (replaces any run); then pause/resume/step/stop/reset as for any run */
  | { type: 'gan-start'; runId: number; job: GanJob }
  /** while paused: exactly one discriminator step, or one generator step */
  | { type: 'gan-step'; runId: number; player: 'd' | 'g' }
  /** change learning rates, the D:G ratio or the loss from the next step on */
  | { type: 'gan-set'; runId: number; settings: GanSettings }
  /**
   * The generator's outputs along a spherical path between the noise vectors of two seeds
   * (answered by a 'snapshot' of kind 'walk', [steps, …sample shape]).
   */
  | { type: 'gan-walk'; runId: number; from: number; to: number; steps: number }
  /** save the current GAN's generator (answered by 'model-saved') */
  | { type: 'gan-save'; runId: number; to: ModelPlace; key: string }
  /** replace the current run by a saved generator (a new run; state 'done' once loaded) */
  | ({ type: 'gan-load'; runId: number; show: number; seed: number } & (
      { from: 'browser'; key: string } | { from: 'files'; modelJson: string; weights: Record<string, ArrayBuffer> }
    ));

export type ErrorKind =
  'nan-loss' | 'out-of-memory' | 'backend-failed' | 'data-failed' | 'model-invalid' | 'bad-message' | 'internal';

export type FromWorker =
  /** a backend is being tried (the lab shows "measuring WebGL…") */
  | { type: 'backend-probe'; probe: BackendProbe | { backend: BackendName; ok?: undefined } }
  /**
   * The backend in use. `probes` lists every backend tried; `fellBackFrom` those preferred to it
   * that failed or were slower; `detail` says how it runs ("SIMD, 2 threads").
   */
  | {
      type: 'backend';
      backend: BackendName;
      fellBackFrom: BackendName[];
      probes: BackendProbe[];
      detail: string;
      /** the requested backend did not work, so the fastest one was chosen instead */
      requestFailed?: BackendName;
    }
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
      /** milliseconds spent training in this run so far (evaluations and pauses excluded) */
      trainingMs: number;
      /** tf.memory().numTensors in the worker after this batch */
      tensors: number;
    }
  | { type: 'epoch-end'; runId: number; epoch: number; loss: number; acc: number; valLoss?: number; valAcc?: number }
  | { type: 'snapshot'; runId: number; kind: string; shape: number[]; data: Float32Array }
  | { type: 'memory'; numTensors: number; numBytes: number }
  /** bytes of the dataset fetched so far (cached files count as fetched at once) */
  | { type: 'download'; runId: number; loaded: number; total: number }
  /**
   * Accuracy on a fixed slice of the test set, after each epoch (and every `evaluateEvery`
   * batches, then with `batch`); epoch -1 is a loaded model.
   */
  | {
      type: 'evaluation';
      runId: number;
      epoch: number;
      batch?: number;
      testLoss: number;
      testAcc: number;
      /** how many test images */
      tested?: number;
      trainingMs?: number;
      /** after an epoch: counts[true · classes + predicted] */
      confusion?: number[];
      /** after an epoch: the most confidently wrong test images, worst first… */
      worst?: WrongExample[];
      /** …and their pixels, one image after another (uint8, the dataset's image shape) */
      worstPixels?: Uint8Array;
    }
  | {
      type: 'inspection';
      runId: number;
      /** the input as the model saw it, [0, 1] */
      image: Float32Array;
      /** the true class of a test image */
      label?: number;
      probs: Float32Array;
      maps: FeatureMaps[];
    }
  | { type: 'model-saved'; runId: number; to: ModelPlace; modelJson?: string; weights?: ArrayBuffer }
  | { type: 'model-loaded'; runId: number; from: ModelPlace }
  | { type: 'error'; runId: number | null; kind: ErrorKind; message: string }
  /**
   * A GAN after some steps. `stats` holds one row per step since the last frame:
   * [iteration, D loss, G loss, mean D(x), mean D(G(z))], NaN where that step did not measure it
   * (a lone G step has no D loss). The pictures are of the fixed noise: `samples` [show, dataDim];
   * for the plane also the discriminator's D(x) on `grid` ([ny·nx], row 0 at the bottom), the
   * generator's arrows ([n, 4]: x, y, dx, dy) and the distance to the target.
   */
  | {
      type: 'gan-frame';
      runId: number;
      iteration: number;
      stats: Float32Array;
      samples: Float32Array;
      surface?: Float32Array;
      grid?: { xMin: number; xMax: number; yMin: number; yMax: number; nx: number; ny: number };
      arrows?: Float32Array;
      /** sliced Wasserstein-1 distance between the shown samples and a large set of target points */
      distance?: number;
      /** ring targets: how many of the modes the shown samples cover */
      covered?: number;
      modes?: number;
    };

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
        typeof (m.dataset as DatasetRef | undefined)?.manifestUrl === 'string' &&
        ((m.dataset as DatasetRef).windows === undefined ||
          (m.dataset as DatasetRef).windows?.train?.xs instanceof Float32Array)
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
    case 'init': {
      const r = m.request as BackendRequest | undefined;
      if (typeof r !== 'object' || r === null) return false;
      const threadsOk =
        r.wasmThreads === undefined ||
        r.wasmThreads === 'off' ||
        (isInt(r.wasmThreads) && r.wasmThreads >= 1 && r.wasmThreads <= 64);
      return threadsOk && (r.backend === undefined || (BACKENDS as readonly unknown[]).includes(r.backend));
    }
    case 'reset':
    case 'get-memory':
      return true;
    case 'set-visible':
      return typeof m.visible === 'boolean';
    case 'save-model':
      return isInt(m.runId) && (m.to === 'browser' || m.to === 'files') && typeof m.key === 'string';
    case 'inspect': {
      const source = m.source as Record<string, unknown> | undefined;
      return (
        isInt(m.runId) &&
        typeof source === 'object' &&
        source !== null &&
        ((isInt(source.testIndex) && source.testIndex >= 0) || source.pixels instanceof Float32Array)
      );
    }
    case 'gan-start': {
      const job = m.job as Partial<GanJob> | undefined;
      return (
        isInt(m.runId) &&
        typeof job === 'object' &&
        job !== null &&
        typeof job.config === 'object' &&
        typeof job.schedule === 'object' &&
        isInt(job.iterations) &&
        job.iterations > 0 &&
        isInt(job.show) &&
        job.show > 0 &&
        ((job.kind === 'plane' && typeof job.target === 'object') ||
          (job.kind === 'images' && typeof (job as { dataset?: DatasetRef }).dataset?.manifestUrl === 'string'))
      );
    }
    case 'gan-step':
      return isInt(m.runId) && (m.player === 'd' || m.player === 'g');
    case 'gan-set':
      return isInt(m.runId) && typeof m.settings === 'object' && m.settings !== null;
    case 'gan-walk':
      return isInt(m.runId) && isInt(m.from) && isInt(m.to) && isInt(m.steps) && m.steps >= 2 && m.steps <= 64;
    case 'gan-save':
      return isInt(m.runId) && (m.to === 'browser' || m.to === 'files') && typeof m.key === 'string';
    case 'gan-load':
      return (
        isInt(m.runId) &&
        isInt(m.show) &&
        isInt(m.seed) &&
        ((m.from === 'browser' && typeof m.key === 'string') ||
          (m.from === 'files' &&
            typeof m.modelJson === 'string' &&
            typeof m.weights === 'object' &&
            m.weights !== null))
      );
    case 'load-model':
      return (
        isInt(m.runId) &&
        typeof m.model === 'object' &&
        m.model !== null &&
        typeof (m.dataset as DatasetRef | undefined)?.manifestUrl === 'string' &&
        ((m.from === 'browser' && typeof m.key === 'string') ||
          (m.from === 'files' &&
            typeof m.modelJson === 'string' &&
            typeof m.weights === 'object' &&
            m.weights !== null))
      );
    default:
      return false;
  }
}

/** The buffers to transfer (not copy) with a message. */
export function transferablesOf(message: FromWorker): Transferable[] {
  if (message.type === 'snapshot') return [message.data.buffer as ArrayBuffer];
  if (message.type === 'model-saved' && message.weights) return [message.weights];
  if (message.type === 'evaluation' && message.worstPixels) return [message.worstPixels.buffer as ArrayBuffer];
  if (message.type === 'gan-frame') {
    return [message.stats, message.samples, message.surface, message.arrows]
      .filter((a): a is Float32Array => a !== undefined)
      .map((a) => a.buffer as ArrayBuffer);
  }
  if (message.type === 'inspection') {
    return [message.image.buffer, message.probs.buffer, ...message.maps.map((m) => m.data.buffer)] as ArrayBuffer[];
  }
  return [];
}
