/**
 * The backends as the labs name them to the reader, and the worker's description of its WASM
 * backend ("SIMD, 2 threads") in the reader's language.
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
