// Pagefind search works from the static build, in each locale, with no server behind it.
import { expect, test } from '@playwright/test';
import { guard } from './book';

const cases = [
  { locale: 'en', start: '', query: 'founding team', expect: /background\/$/ },
  { locale: 'zh-cn', start: 'zh-cn/', query: '创始团队', expect: /zh-cn\/background\/$/ },
];

for (const c of cases) {
  test(`search finds chapter 1 in ${c.locale}`, async ({ page }) => {
    const seen = guard(page);
    await page.goto(c.start);
    await page.locator('button[data-open-modal]').first().click();
    const input = page.locator('dialog[open] input[type="search"], dialog[open] .pagefind-ui__search-input').first();
    await expect(input).toBeVisible();
    await input.fill(c.query);
    const results = page.locator('dialog[open] .pagefind-ui__result-link');
    await expect(results.first()).toBeVisible({ timeout: 15_000 });
    const hrefs = await results.evaluateAll((links) => links.map((l) => (l as HTMLAnchorElement).href.split('#')[0]));
    expect(
      hrefs.some((h) => c.expect.test(h!)),
      `results: ${hrefs.join(', ')}`,
    ).toBe(true);
    expect(seen.errors).toEqual([]);
    expect(seen.offsite).toEqual([]);
  });
}
