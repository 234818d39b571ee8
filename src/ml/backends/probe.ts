/**
 * Choosing a backend by measurement, not by preference alone: a backend that initialises is not
 * necessarily fast. On a machine without a GPU, Chromium's WebGL runs on SwiftShader, a software
 * renderer that trains the article's CNN about ten times slower than the WASM backend with the
 * project's kernels; picking WebGL because it initialised would make every lab crawl.
 *
 * Framework-free and worker-free: the session calls it in the worker (or on the page), the unit
 * tests call it in Node with the WASM and CPU backends.
 */
import * as tf from '@tensorflow/tfjs';
import { articleCnn, buildModel, disposeModel } from '../models/build-model';
import { mulberry32 } from '../random';
import { trainStep } from '../train-step';
import type { BackendName, BackendProbe } from '../core/backends';

/** Preference order when two backends are equally fast (and the order they are tried in). */
export const PREFERENCE: readonly BackendName[] = ['webgpu', 'webgl', 'wasm', 'cpu'];

/**
 * The pure-JS CPU backend trains the article's CNN at about 10 samples/s on any machine; once
 * another backend beats this several times over, timing the CPU too would only keep the reader
 * waiting a second or two for a result that cannot win.
 */
export const CPU_CEILING_SAMPLES_PER_SEC = 40;

/**
 * A software GPU (SwiftShader, llvmpipe…) emulates the GPU on the same CPU cores WASM uses: on a
 * 2-core server it trained the article's CNN at 26 samples/s on WebGL where WASM trained 411, and
 * its first step compiles every shader, which keeps the reader waiting about four seconds. So it is
 * timed last, and only when no other backend has already passed this speed.
 */
export const SOFTWARE_GPU_CEILING_SAMPLES_PER_SEC = 100;

export interface ProbeOptions {
  /** examples per timed step (default 16) */
  batch?: number;
  /** keep timing steps until this many milliseconds have passed (default 400) */
  budgetMs?: number;
  /** at most this many timed steps (default 6) */
  maxSteps?: number;
  now?: () => number;
}

/**
 * Trains the article's CNN (28×28×1, SGD) on random data on the current backend: one untimed
 * warm-up step (shader compilation, WASM memory growth), then timed steps.
 * @returns training samples per second; every tensor it made is disposed
 */
export async function measureTrainingSpeed(options: ProbeOptions = {}): Promise<number> {
  const { batch = 16, budgetMs = 400, maxSteps = 6, now = () => performance.now() } = options;
  const random = mulberry32(1);
  const model = buildModel(articleCnn([28, 28, 1]), 1);
  const optimizer = tf.train.sgd(0.01);
  const xs = tf.tensor4d(Float32Array.from({ length: batch * 784 }, random), [batch, 28, 28, 1]);
  const ys = tf.tidy(() =>
    tf
      .oneHot(
        tf.tensor1d(
          Int32Array.from({ length: batch }, (_, i) => i % 10),
          'int32',
        ),
        10,
      )
      .toFloat(),
  ) as tf.Tensor2D;
  try {
    await trainStep(model, optimizer, xs, ys);
    let steps = 0;
    const start = now();
    do {
      await trainStep(model, optimizer, xs, ys);
      steps += 1;
    } while (steps < maxSteps && now() - start < budgetMs);
    return (steps * batch * 1000) / Math.max(1e-3, now() - start);
  } finally {
    tf.dispose([xs, ys]);
    optimizer.dispose();
    disposeModel(model);
  }
}

/**
 * Graphics renderers and adapters that are software: Chromium's SwiftShader (WebGL through ANGLE,
 * and WebGPU's fallback adapter), Mesa's llvmpipe, softpipe and lavapipe, Windows' Basic Render
 * Driver, and anything that calls itself "software".
 */
const SOFTWARE_RENDERER = /swiftshader|llvmpipe|softpipe|lavapipe|basic render|software/i;

/** Whether a WebGL renderer string (WEBGL_debug_renderer_info) or a WebGPU adapter's description names a software GPU. */
export function isSoftwareRenderer(text: string): boolean {
  return SOFTWARE_RENDERER.test(text);
}

/** The parts of a WebGPU adapter (and its `info`) that say whether it is a software one. */
export interface AdapterFacts {
  isFallbackAdapter?: boolean;
  info?: { vendor?: string; architecture?: string; device?: string; description?: string; isFallbackAdapter?: boolean };
}

/**
 * Whether a WebGPU adapter is a software one: the fallback adapter (`isFallbackAdapter`, on the
 * adapter in older Chromium and on `adapter.info` in newer), or one whose info names a software
 * implementation ("google swiftshader").
 */
export function isSoftwareAdapter(adapter: AdapterFacts): boolean {
  const info = adapter.info ?? {};
  if (adapter.isFallbackAdapter === true || info.isFallbackAdapter === true) return true;
  return isSoftwareRenderer([info.vendor, info.architecture, info.device, info.description].join(' '));
}

/**
 * The fastest backend that worked. Ties go to the preferred one, except that a software GPU never
 * wins by order: it is chosen only when it measured strictly faster than every other backend
 * (SwiftShader's WebGL initialises everywhere, and trains the article's CNN about ten times slower
 * than WASM with the project's kernels).
 */
export function fastest(probes: readonly BackendProbe[]): BackendProbe | undefined {
  let best: BackendProbe | undefined;
  for (const probe of probes) {
    if (!probe.ok || probe.samplesPerSec === undefined) continue;
    if (!best || beats(probe, best)) best = probe;
  }
  return best;
}

function beats(a: BackendProbe, b: BackendProbe): boolean {
  if (a.samplesPerSec! !== b.samplesPerSec!) return a.samplesPerSec! > b.samplesPerSec!;
  if (Boolean(a.software) !== Boolean(b.software)) return !a.software;
  return PREFERENCE.indexOf(a.backend) < PREFERENCE.indexOf(b.backend);
}

/**
 * The backends the reader would have had before the chosen one in the preference order, and why
 * not: the lab's fallback note lists them.
 */
export function passedOver(probes: readonly BackendProbe[], chosen: BackendName): BackendProbe[] {
  const rank = PREFERENCE.indexOf(chosen);
  return probes.filter((p) => PREFERENCE.indexOf(p.backend) < rank);
}
