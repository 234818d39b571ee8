import { describe, expect, it } from 'vitest';
import { probeBrowser, type ProbeEnvironment } from './browser-features';

const everything: ProbeEnvironment = {
  gpu: { requestAdapter: async () => ({}) },
  hardwareConcurrency: 8,
  webAssembly: WebAssembly,
  crossOriginIsolated: true,
  canShareMemory: () => true,
  webgl2Context: () => ({}),
};

describe('the browser probe', () => {
  it('reports everything a capable, cross-origin isolated browser offers', async () => {
    // Node's WebAssembly validates both feature modules, so this also checks their bytes
    expect(await probeBrowser(everything)).toEqual({
      webgpu: 'adapter',
      webgl2: true,
      wasm: true,
      wasmSimd: true,
      wasmThreads: true,
      crossOriginIsolated: true,
      cores: 8,
    });
  });

  it('tells WebGPU without an adapter from no WebGPU, and survives a throwing adapter request', async () => {
    expect((await probeBrowser({ ...everything, gpu: { requestAdapter: async () => null } })).webgpu).toBe(
      'no-adapter',
    );
    const throwing = { requestAdapter: () => Promise.reject(new Error('blocked')) };
    expect((await probeBrowser({ ...everything, gpu: throwing })).webgpu).toBe('no-adapter');
    expect((await probeBrowser({ ...everything, gpu: undefined })).webgpu).toBe('absent');
  });

  it('has no WebAssembly threads without cross-origin isolation or shared memory', async () => {
    expect((await probeBrowser({ ...everything, crossOriginIsolated: false })).wasmThreads).toBe(false);
    expect((await probeBrowser({ ...everything, canShareMemory: () => false })).wasmThreads).toBe(false);
  });

  it('reports no SIMD or threads where the modules do not validate, and nothing without WebAssembly', async () => {
    const old = { validate: () => false };
    expect(await probeBrowser({ ...everything, webAssembly: old })).toMatchObject({
      wasm: true,
      wasmSimd: false,
      wasmThreads: false,
    });
    const throwing = {
      validate: () => {
        throw new Error('no');
      },
    };
    expect(await probeBrowser({ ...everything, webAssembly: throwing })).toMatchObject({ wasmSimd: false });
    expect(await probeBrowser({ ...everything, webAssembly: undefined })).toMatchObject({
      wasm: false,
      wasmSimd: false,
    });
  });

  it('reports no WebGL 2 when the context is missing or creating it throws, and unknown cores', async () => {
    expect((await probeBrowser({ ...everything, webgl2Context: () => null })).webgl2).toBe(false);
    const failing = {
      ...everything,
      webgl2Context: () => {
        throw new Error('gpu process crashed');
      },
      hardwareConcurrency: undefined,
    };
    expect(await probeBrowser(failing)).toMatchObject({ webgl2: false, cores: null });
  });
});
