import { describe, expect, it } from 'vitest';
import { useTranslations } from '../../i18n';
import { localBackendDetail } from './backend-names';

describe('localBackendDetail', () => {
  it("says the worker's WASM description in the reader's language", () => {
    const en = localBackendDetail(useTranslations(undefined), 'SIMD, 2 threads');
    const zh = localBackendDetail(useTranslations('zh-cn'), 'no SIMD, 1 thread');
    expect(en).toContain('2');
    expect(en).not.toBe('SIMD, 2 threads');
    expect(zh).toMatch(/[\u4e00-\u9fff]/);
  });
  it('leaves any other detail as it is', () => {
    expect(localBackendDetail(useTranslations(undefined), 'ANGLE (Intel)')).toBe('ANGLE (Intel)');
  });
});
