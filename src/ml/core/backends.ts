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
