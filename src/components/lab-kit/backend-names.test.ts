import { describe, expect, it } from 'vitest';
import { useTranslations } from '../../i18n';
import { backendLabel, localBackendDetail } from './backend-names';

describe('localBackendDetail', () => {
  it("says the worker's WASM description in the reader's language", () => {
    const zh = useTranslations('zh-cn');
    expect(localBackendDetail(zh, 'SIMD, 2 threads')).toBe('启用 SIMD，2 个线程');
    expect(localBackendDetail(zh, 'no SIMD, 1 thread')).toBe('未启用 SIMD，单线程');
    expect(localBackendDetail(useTranslations(undefined), 'no SIMD, 4 threads')).toBe('no SIMD, 4 threads');
  });
  it('leaves any other detail as it is', () => {
    expect(localBackendDetail(useTranslations('zh-cn'), 'ANGLE (Intel)')).toBe('ANGLE (Intel)');
  });
});

describe('backendLabel', () => {
  const en = useTranslations(undefined);
  const zh = useTranslations('zh-cn');
  it('calls a software GPU software, in both languages', () => {
    expect(backendLabel(en, 'webgpu', 'google swiftshader', true)).toBe('WebGPU (software: google swiftshader)');
    expect(backendLabel(zh, 'webgpu', 'google swiftshader', true)).toBe('WebGPU（软件模拟：google swiftshader）');
    expect(backendLabel(en, 'webgl', '', true)).toBe('WebGL (software)');
    expect(backendLabel(zh, 'webgl', '', true)).toBe('WebGL（软件模拟）');
  });
  it('names a hardware backend with how it runs, or alone', () => {
    expect(backendLabel(en, 'webgl', 'WebGL 2, ANGLE (NVIDIA)')).toBe('WebGL (WebGL 2, ANGLE (NVIDIA))');
    expect(backendLabel(zh, 'wasm', 'SIMD, 1 thread')).toBe('WASM（启用 SIMD，单线程）');
    expect(backendLabel(en, 'cpu', '')).toBe('CPU');
  });
});
