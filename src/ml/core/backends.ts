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
}

/** How the worker should set up its backends; sent once, first. */
export interface BackendRequest {
  /** use this backend if it works (otherwise the fastest that does) */
  backend?: BackendName;
  /** WASM threads, or 'off' for the single-threaded binary */
  wasmThreads?: number | 'off';
}

export const isBackendName = (value: unknown): value is BackendName => (BACKENDS as readonly unknown[]).includes(value);
