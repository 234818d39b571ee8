/** The TensorFlow.js backends a lab may train on, and what the start-up measurement reports. */

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
  /**
   * the graphics adapter is a software implementation (SwiftShader, llvmpipe, lavapipe, a
   * fallback adapter): the lab says so, and automatic choice takes it only when it measures faster
   */
  software?: boolean;
}

/** How a backend runs, for the lab's status line (see backends/load.ts). */
export interface BackendDescription {
  /** "SIMD, 2 threads", "WebGL 2, ANGLE (…)", "google swiftshader"; '' when there is nothing to say */
  detail: string;
  /** a software GPU (see BackendProbe.software) */
  software?: boolean;
}

/** How the worker should set up its backends; sent once, first. */
export interface BackendRequest {
  /** use this backend if it works (otherwise the fastest that does) */
  backend?: BackendName;
  /** WASM threads, or 'off' for the single-threaded binary */
  wasmThreads?: number | 'off';
}

export const isBackendName = (value: unknown): value is BackendName => (BACKENDS as readonly unknown[]).includes(value);

/**
 * A backend a running task switched to (RunContext.useBackend): whether it works here, and if not,
 * why; how it runs ("SIMD, 2 threads", the WebGL renderer) and whether its GPU is a software one.
 */
export interface BackendUse {
  ok: boolean;
  /** why it is not available (it failed to initialise, or computed a wrong result) */
  note?: string;
  detail: string;
  software?: boolean;
  /** WASM only: the threads its kernels run on now */
  threads?: number;
}

/**
 * What the backend race (tasks/backend-race) measures, in order: each GPU backend, WASM on all its
 * threads and on one, and TensorFlow.js's plain-JavaScript CPU backend.
 */
export const RACE_VARIANTS = ['webgpu', 'webgl', 'wasm-all', 'wasm-1', 'cpu'] as const;
export type RaceVariant = (typeof RACE_VARIANTS)[number];

/** One backend's line in the race, as the worker reports it while it goes. */
export interface RaceEntry {
  variant: RaceVariant;
  state: 'measuring' | 'done' | 'unavailable' | 'stopped';
  /**
   * why it is unavailable: it failed to start ('failed', with `note`), or WASM runs on one thread
   * only here ('one-thread': the page is not cross-origin isolated, or the machine has one core)
   */
  reason?: 'failed' | 'one-thread';
  note?: string;
  /** how it runs: "SIMD, 2 threads", the WebGL renderer, the WebGPU adapter */
  detail?: string;
  software?: boolean;
  /** training examples per second over the timed window (state 'done', or so far while measuring) */
  samplesPerSec?: number;
  /** timed steps, and the milliseconds they took (warm-up excluded) */
  steps?: number;
  timedMs?: number;
  /** tensors alive once this backend's model, optimizer and data were freed */
  tensors?: number;
}
