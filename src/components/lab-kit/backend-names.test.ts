import { describe, expect, it } from 'vitest';
import { useTranslations } from '../../i18n';
import { localBackendDetail } from './backend-names';

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
