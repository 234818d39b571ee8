/**
 * The backends as the labs name them to the reader, the worker's description of its WASM backend
 * ("SIMD, 2 threads") in the reader's language, and a software GPU called one: "WebGPU (software:
 * google swiftshader)", "WebGPU（软件模拟：google swiftshader）".
 */
import type { useTranslations } from '../../i18n';
import type { BackendName } from '../../ml/worker/protocol';

export const BACKEND_NAMES: Record<BackendName, string> = {
  webgpu: 'WebGPU',
  webgl: 'WebGL',
  wasm: 'WASM',
  cpu: 'CPU',
};

/** "SIMD, 2 threads" as the worker describes WASM, in the reader's language; anything else as it is. */
export function localBackendDetail(t: ReturnType<typeof useTranslations>, detail: string): string {
  const wasm = /^(no )?SIMD, (\d+) threads?$/.exec(detail);
  if (!wasm) return detail;
  const n = Number(wasm[2]);
  return t('lab.backend.wasmDetail', {
    simd: t(wasm[1] ? 'lab.backend.noSimd' : 'lab.backend.simd'),
    threads: n === 1 ? t('lab.backend.threads.one') : t('lab.backend.threads.other', { n }),
  });
}

/**
 * The backend in use as the status line names it: its name, then how it runs, with a software GPU
 * (SwiftShader, llvmpipe…) said to be one.
 */
export function backendLabel(
  t: ReturnType<typeof useTranslations>,
  name: BackendName,
  detail: string,
  software = false,
): string {
  const local = detail ? localBackendDetail(t, detail) : '';
  const described = software
    ? local
      ? t('lab.backend.softwareDetail', { detail: local })
      : t('lab.backend.software')
    : local;
  return described
    ? t('lab.backend.described', { backend: BACKEND_NAMES[name], detail: described })
    : BACKEND_NAMES[name];
}
