/**
 * What the reader's browser offers the labs, found without loading TensorFlow.js: a WebGPU
 * adapter, WebGL 2, WebAssembly with SIMD and with threads, and cross-origin isolation (which
 * WebAssembly threads need, because they share memory through a SharedArrayBuffer). The labs
 * themselves choose a backend by timing a few training steps on each; this probe only says which
 * ones exist. Every global is passed in, so the unit tests run it in Node against fakes.
 */

/** The answers, one per feature. */
export interface BrowserFeatures {
  /** 'adapter': WebGPU with a graphics adapter; 'no-adapter': the API without one; 'absent': no API */
  webgpu: 'adapter' | 'no-adapter' | 'absent';
  webgl2: boolean;
  wasm: boolean;
  wasmSimd: boolean;
  /** the threaded WebAssembly binary can run: threads validate and memory can be shared */
  wasmThreads: boolean;
  crossOriginIsolated: boolean;
  /** navigator.hardwareConcurrency, when the browser says */
  cores: number | null;
}

/** The globals the probe reads; in a page, `browserEnvironment()`. */
export interface ProbeEnvironment {
  gpu?: { requestAdapter(): Promise<unknown> };
  hardwareConcurrency?: number;
  webAssembly?: { validate(bytes: Uint8Array<ArrayBuffer>): boolean };
  crossOriginIsolated?: boolean;
  /** whether a SharedArrayBuffer can be made and posted (false where it is missing or refused) */
  canShareMemory: () => boolean;
  /** a fresh canvas's WebGL 2 context, or null */
  webgl2Context: () => unknown;
}

// Two tiny WebAssembly modules from GoogleChromeLabs/wasm-feature-detect, as TensorFlow.js's WASM
// backend uses them: one with a SIMD instruction (i32.const 0, i8x16.splat), one with a shared
// memory and an atomic instruction.
const SIMD_MODULE = [
  0, 97, 115, 109, 1, 0, 0, 0, 1, 4, 1, 96, 0, 0, 3, 2, 1, 0, 10, 9, 1, 7, 0, 65, 0, 253, 15, 26, 11,
];
const THREADS_MODULE = [
  0, 97, 115, 109, 1, 0, 0, 0, 1, 4, 1, 96, 0, 0, 3, 2, 1, 0, 5, 4, 1, 3, 1, 1, 10, 11, 1, 9, 0, 65, 0, 254, 16, 2, 0,
  26, 11,
];

const validates = (env: ProbeEnvironment, bytes: number[]): boolean => {
  try {
    return Boolean(env.webAssembly?.validate(new Uint8Array(bytes)));
  } catch {
    return false;
  }
};

/** Asks the browser (or the fakes in `env`) what it offers. Never throws. */
export async function probeBrowser(env: ProbeEnvironment): Promise<BrowserFeatures> {
  let webgpu: BrowserFeatures['webgpu'] = 'absent';
  if (env.gpu) {
    try {
      webgpu = (await env.gpu.requestAdapter()) ? 'adapter' : 'no-adapter';
    } catch {
      webgpu = 'no-adapter';
    }
  }
  let webgl2 = false;
  try {
    webgl2 = Boolean(env.webgl2Context());
  } catch {
    webgl2 = false;
  }
  const wasm = Boolean(env.webAssembly);
  const crossOriginIsolated = env.crossOriginIsolated === true;
  return {
    webgpu,
    webgl2,
    wasm,
    wasmSimd: wasm && validates(env, SIMD_MODULE),
    wasmThreads: wasm && crossOriginIsolated && env.canShareMemory() && validates(env, THREADS_MODULE),
    crossOriginIsolated,
    cores: typeof env.hardwareConcurrency === 'number' && env.hardwareConcurrency > 0 ? env.hardwareConcurrency : null,
  };
}

/** The real globals of a page. */
export function browserEnvironment(): ProbeEnvironment {
  const nav = navigator as Navigator & { gpu?: ProbeEnvironment['gpu'] };
  return {
    gpu: nav.gpu,
    hardwareConcurrency: nav.hardwareConcurrency,
    webAssembly: typeof WebAssembly === 'object' ? WebAssembly : undefined,
    crossOriginIsolated: globalThis.crossOriginIsolated,
    canShareMemory: () => {
      try {
        new MessageChannel().port1.postMessage(new SharedArrayBuffer(1));
        return true;
      } catch {
        return false;
      }
    },
    webgl2Context: () => {
      const canvas = document.createElement('canvas');
      const context = canvas.getContext('webgl2');
      // give the context back at once: browsers allow only a few at a time
      (context?.getExtension('WEBGL_lose_context') as { loseContext(): void } | null)?.loseContext();
      return context;
    },
  };
}
