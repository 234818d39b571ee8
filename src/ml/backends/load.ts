/**
 * Registers a TensorFlow.js backend in the browser, loading its code only when it is asked for:
 * WebGL and CPU ship with @tensorflow/tfjs; WebGPU and WASM are separate chunks. The WASM binaries
 * are assets of this site (Vite's `?url`), so nothing is fetched from another host, and the
 * multi-threaded binary is used only where the page is cross-origin isolated (COOP/COEP headers).
 */
import * as tf from '@tensorflow/tfjs';
import wasmPlain from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url';
import wasmSimd from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url';
import wasmThreadedSimd from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm?url';
import type { BackendDescription, BackendName } from '../core/backends';
import { isSoftwareAdapter, isSoftwareRenderer, type AdapterFacts } from './probe';
import { registerWasmTrainingKernels } from './wasm-kernels';

export interface BackendOptions {
  /**
   * WASM threads: a number, or 'off' for the single-threaded binary even where threads are
   * possible (the benchmark compares them). Default: the backend is set up with every logical core
   * (at most 4), so that the backend race can time them all, and trains on one. The convolutions
   * and their gradients, most of a CNN's step, are the project's own single-threaded SIMD kernels;
   * XNNPACK's helper threads then only speed up the small products and spin between them, on the
   * same cores. Measured on 2 cores, the article's CNN in the worker: 1 thread ≈ 1,750 samples/s,
   * 2 threads ≈ 1,360 (the single-threaded binary ≈ 1,410). Before those kernels, 2 threads were
   * faster (925 against 775).
   */
  wasmThreads?: number | 'off';
}

let wasmConfigured = false;
/** the threads the WASM backend was set up with (1 for the single-threaded binary) */
let wasmThreadsAll = 1;
/** the threads the WASM backend trains on unless a run asks for all (a number asked for, or 1) */
let wasmThreadsDefault = 1;

/**
 * tfjs-backend-wasm 4.22's C++ side caps XNNPACK's thread pool at half of
 * `navigator.hardwareConcurrency`, whatever `setThreadsCount` asks for: sensible on a page whose
 * main thread must stay free, but this code runs in a worker, and on a 2-core machine the cap
 * means one thread. The cap reads the worker's own navigator, so reporting twice the wanted
 * number there (only there, only for the wanted count) lifts it.
 */
function allowThreads(threads: number): void {
  const cores = navigator.hardwareConcurrency || 1;
  if (typeof WorkerGlobalScope === 'undefined' || threads <= Math.floor(cores / 2)) return;
  Object.defineProperty(navigator, 'hardwareConcurrency', { configurable: true, get: () => threads * 2 });
}

interface GpuNavigator {
  gpu?: { requestAdapter(): Promise<unknown> };
}

export async function loadBackend(name: BackendName, options: BackendOptions = {}): Promise<void> {
  switch (name) {
    case 'webgpu': {
      const gpu = (navigator as unknown as GpuNavigator).gpu;
      if (!gpu) throw new Error('this browser has no WebGPU');
      if (!(await gpu.requestAdapter())) throw new Error('WebGPU found no graphics adapter');
      await import('@tensorflow/tfjs-backend-webgpu');
      return;
    }
    case 'wasm': {
      const wasm = await import('@tensorflow/tfjs-backend-wasm');
      if (!wasmConfigured) {
        wasmConfigured = true;
        wasm.setWasmPaths({
          'tfjs-backend-wasm.wasm': wasmPlain,
          'tfjs-backend-wasm-simd.wasm': wasmSimd,
          'tfjs-backend-wasm-threaded-simd.wasm': wasmThreadedSimd,
        });
        if (options.wasmThreads === 'off') {
          tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
        } else {
          const threads = options.wasmThreads ?? Math.max(1, Math.min(4, navigator.hardwareConcurrency || 1));
          wasmThreadsAll = threads;
          wasmThreadsDefault = options.wasmThreads ?? 1;
          wasm.setThreadsCount(threads);
          allowThreads(threads);
        }
        registerWasmTrainingKernels();
      }
      return;
    }
    case 'webgl':
    case 'cpu':
      return;
    default: {
      const unreachable: never = name;
      throw new Error(`unknown backend ${String(unreachable)}`);
    }
  }
}

/**
 * How the current backend runs, for the lab's status line, and whether its GPU is a software one:
 * WASM's SIMD and threads; WebGL's version and renderer (WEBGL_debug_renderer_info); the WebGPU
 * adapter's vendor and architecture ("google swiftshader").
 */
export async function describeBackend(name: BackendName): Promise<BackendDescription> {
  try {
    if (name === 'wasm') {
      const wasm = await import('@tensorflow/tfjs-backend-wasm');
      const simd = await tf.env().getAsync('WASM_HAS_SIMD_SUPPORT');
      // the pool the kernels run on now (setWasmThreads moves it); the module's getThreadsCount
      // keeps the count the backend started with
      const pool = (tf.findBackend('wasm') as unknown as WasmModule | null)?.wasm?.tfjs;
      const threads = pool ? pool.getThreadsCount() : wasm.getThreadsCount();
      return { detail: `${simd ? 'SIMD' : 'no SIMD'}, ${threads} ${threads === 1 ? 'thread' : 'threads'}` };
    }
    if (name === 'webgl') {
      const gl = (tf.backend() as unknown as { gpgpu?: { gl?: WebGLRenderingContext } }).gpgpu?.gl;
      const info = gl?.getExtension('WEBGL_debug_renderer_info');
      const renderer = info && gl ? String(gl.getParameter(info.UNMASKED_RENDERER_WEBGL)) : '';
      return {
        detail: `WebGL ${tf.env().get('WEBGL_VERSION')}${renderer ? `, ${renderer}` : ''}`,
        software: isSoftwareRenderer(renderer),
      };
    }
    if (name === 'webgpu') {
      const adapter = (await (navigator as unknown as GpuNavigator).gpu?.requestAdapter()) as AdapterFacts | null;
      if (!adapter) return { detail: '' };
      const info = adapter.info ?? {};
      return {
        detail: [info.vendor, info.architecture].filter(Boolean).join(' ') || (info.description ?? ''),
        software: isSoftwareAdapter(adapter),
      };
    }
  } catch {
    // a description is a nicety; never fail a run for it
  }
  return { detail: '' };
}

interface WasmModule {
  wasm?: { tfjs?: { initWithThreadsCount(threads: number): void; getThreadsCount(): number } };
}

/**
 * Moves the WASM backend's kernels onto 1 thread, onto all it was set up with (the backend race
 * compares them in one worker), or onto the default (1 unless a number was asked for). tfjs-backend-wasm sets its XNNPACK thread pool once, when the
 * backend starts; its C++ `init_with_threads_count` makes a new pool for every kernel after it. A
 * pool of one thread starts no helper thread; the previous pool is not freed (tfjs has no call for
 * that), so its idle helper threads stay parked until the worker ends: the island starts a fresh
 * worker before a second race.
 * @returns the threads the kernels now run on (1 with the single-threaded binary)
 */
export function setWasmThreads(threads: 1 | 'all' | 'default'): number {
  const tfjs = (tf.findBackend('wasm') as unknown as WasmModule | null)?.wasm?.tfjs;
  if (!tfjs) throw new Error('the WASM backend is not set up');
  const wanted = threads === 'all' ? wasmThreadsAll : threads === 'default' ? wasmThreadsDefault : 1;
  if (tfjs.getThreadsCount() !== wanted) tfjs.initWithThreadsCount(wanted);
  return tfjs.getThreadsCount();
}
