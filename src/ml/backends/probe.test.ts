import { describe, expect, it } from 'vitest';
import type { BackendProbe } from '../core/backends';
import { fastest, isSoftwareAdapter, isSoftwareRenderer } from './probe';

describe('software GPUs', () => {
  it('knows the software renderers by name, and real GPUs are not among them', () => {
    for (const renderer of [
      'ANGLE (Google, Vulkan 1.3.0 (SwiftShader Device (Subzero) (0x0000C0DE)), SwiftShader driver)',
      'Google SwiftShader',
      'llvmpipe (LLVM 15.0.6, 256 bits)',
      'ANGLE (Mesa, llvmpipe (LLVM 15.0.6, 256 bits), OpenGL 4.5)',
      'lavapipe',
      'Microsoft Basic Render Driver',
      'Software Rasterizer',
    ])
      expect(isSoftwareRenderer(renderer), renderer).toBe(true);
    for (const renderer of [
      'ANGLE (NVIDIA, NVIDIA GeForce RTX 3060 (0x00002504) Direct3D11 vs_5_0 ps_5_0, D3D11)',
      'ANGLE (Intel, Mesa Intel(R) UHD Graphics 620 (KBL GT2), OpenGL 4.6)',
      'Apple M1',
      '',
    ])
      expect(isSoftwareRenderer(renderer), renderer).toBe(false);
  });

  it('calls a WebGPU adapter software when it is the fallback adapter or names a software implementation', () => {
    // Chromium 156 with --use-webgpu-adapter=swiftshader
    expect(
      isSoftwareAdapter({ info: { vendor: 'google', architecture: 'swiftshader', isFallbackAdapter: true } }),
    ).toBe(true);
    // older Chromium: the flag on the adapter itself, or only the name
    expect(isSoftwareAdapter({ isFallbackAdapter: true, info: { vendor: 'google' } })).toBe(true);
    expect(isSoftwareAdapter({ info: { vendor: 'mesa', architecture: '', description: 'llvmpipe' } })).toBe(true);
    expect(isSoftwareAdapter({ info: { vendor: 'nvidia', architecture: 'ampere', isFallbackAdapter: false } })).toBe(
      false,
    );
    expect(isSoftwareAdapter({ isFallbackAdapter: false })).toBe(false);
  });
});

describe('the fastest backend', () => {
  const probe = (backend: BackendProbe['backend'], samplesPerSec: number, software = false): BackendProbe => ({
    backend,
    ok: true,
    samplesPerSec,
    ...(software ? { software } : {}),
  });

  it('is the fastest, ties going to the preferred order among hardware backends', () => {
    expect(fastest([probe('webgl', 100), probe('wasm', 300), probe('cpu', 10)])?.backend).toBe('wasm');
    expect(fastest([probe('wasm', 300), probe('webgl', 300)])?.backend).toBe('webgl');
    expect(fastest([{ backend: 'webgpu', ok: false, note: 'no adapter' }, probe('cpu', 10)])?.backend).toBe('cpu');
    expect(fastest([{ backend: 'cpu', ok: true, note: 'not timed' }])).toBeUndefined();
  });

  it('is a software GPU only when that measured strictly faster than every other backend', () => {
    // first in the preference order, equally fast: not chosen by order alone
    expect(fastest([probe('webgpu', 300, true), probe('webgl', 300, true), probe('wasm', 300)])?.backend).toBe('wasm');
    expect(fastest([probe('wasm', 300), probe('webgpu', 300, true)])?.backend).toBe('wasm');
    expect(fastest([probe('webgl', 80, true), probe('wasm', 800)])?.backend).toBe('wasm');
    // faster: chosen, whatever the order
    expect(fastest([probe('webgpu', 301, true), probe('wasm', 300)])?.backend).toBe('webgpu');
    expect(fastest([probe('wasm', 300), probe('webgl', 900, true)])?.backend).toBe('webgl');
    // two software GPUs equally fast: the preferred order between them
    expect(fastest([probe('webgl', 50, true), probe('webgpu', 50, true)])?.backend).toBe('webgpu');
  });
});
