// The Content-Security-Policy (scripts/integrations/csp.ts): every page in both locales is served with a
// policy header and carries the same policy as a <meta> element; neither allows inline scripts by
// 'unsafe-inline' or code from strings by 'unsafe-eval' (only 'wasm-unsafe-eval', for WebAssembly),
// no origin but the site's own appears, and loading the page reports no violation.
import { expect, test } from '@playwright/test';
import { guard, PAGES } from './book';

function scriptSrc(policy: string): string {
  return (
    policy
      .split(';')
      .map((d) => d.trim())
      .find((d) => d.startsWith('script-src')) ?? ''
  );
}

function checkPolicy(policy: string) {
  const scripts = scriptSrc(policy);
  expect(scripts).toMatch(/^script-src 'self' 'wasm-unsafe-eval'( 'sha256-[A-Za-z0-9+/=]+')*$/);
  expect(policy).not.toContain("unsafe-eval'; ");
  expect(policy).not.toMatch(/https?:|\*/);
  expect(policy).toContain("connect-src 'self'");
  expect(policy).toContain("object-src 'none'");
}

for (const { path } of PAGES) {
  test(`CSP: /${path} has a strict policy and no violation`, async ({ page }) => {
    const seen = guard(page);
    const response = await page.goto(path, { waitUntil: 'load' });
    const header = response?.headers()['content-security-policy'] ?? '';
    checkPolicy(header);
    expect(header).toContain("frame-ancestors 'none'");
    const meta = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
    checkPolicy(meta ?? '');
    // every inline script the page runs is one of the hashes its own policy names
    expect(scriptSrc(meta ?? '').split(' ').length).toBeGreaterThan(2);
    expect(seen.errors).toEqual([]);
    expect(seen.offsite).toEqual([]);
  });
}
