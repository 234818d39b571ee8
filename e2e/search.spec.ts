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

/** Opens the search dialog on `start` and types `query`; resolves once results are listed. */
async function search(page: import('@playwright/test').Page, start: string, query: string) {
  await page.goto(start);
  await page.locator('button[data-open-modal]').first().click();
  const input = page.locator('dialog[open] .pagefind-ui__search-input').first();
  await expect(input).toBeVisible();
  await input.fill(query);
  await expect(page.locator('dialog[open] .pagefind-ui__result-link').first()).toBeVisible({ timeout: 15_000 });
}

// The index keeps each formula's TeX source once (src/markdown/rehype-math-search.ts): an excerpt
// used to repeat it as MathML text, TeX and HTML text ("ln10\ln 10ln10").
test('a search excerpt shows a formula once, as its TeX source', async ({ page }) => {
  const seen = guard(page);
  await search(page, '', '2.302585');
  const excerpts = page.locator('dialog[open] .pagefind-ui__result-excerpt', { hasText: '2.302585' });
  await expect(excerpts.first()).toBeVisible();
  const texts = await excerpts.allTextContents();
  for (const text of texts) {
    expect(text.split('2.302585').length - 1, text).toBe(1);
    expect(text, text).toContain('\\ln 10');
    expect(text, text).not.toMatch(/ln10/);
  }
  expect(seen.errors).toEqual([]);
});

// Starlight has no Chinese for the search dialog; content/i18n/zh-CN.json supplies it.
test('the Chinese search speaks Chinese', async ({ page }) => {
  const seen = guard(page);
  await search(page, 'zh-cn/', 'LSTM');
  const message = page.locator('dialog[open] .pagefind-ui__message');
  await expect(message).toHaveText(/^找到 \d+ 条与“LSTM”相关的结果$/);
  await expect(page.locator('dialog[open] .pagefind-ui__search-input')).toHaveAttribute('placeholder', '搜索');
  expect(seen.errors).toEqual([]);
});
