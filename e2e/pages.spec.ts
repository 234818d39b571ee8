// Every page in both locales: loads with 200, one h1, no console error, nothing fetched from
// another host; math typeset by KaTeX and diagrams present as SVG wherever the source has them.
import { expect, test } from '@playwright/test';
import { guard, PAGES } from './book';

for (const { path, source } of PAGES) {
  test(`page /${path} renders cleanly`, async ({ page }) => {
    const seen = guard(page);
    const response = await page.goto(path, { waitUntil: 'load' });
    expect(response?.status(), `status of /${path}`).toBe(200);
    await expect(page.locator('h1')).toHaveCount(1);
    await expect(page.locator('html')).toHaveAttribute('lang', path.startsWith('zh-cn/') ? 'zh-CN' : 'en');

    const equations = source.equations.length;
    if (equations > 0) {
      // One .katex per equation, none left as red error text.
      await expect(page.locator('.katex')).toHaveCount(equations);
      await expect(page.locator('.katex-error')).toHaveCount(0);
      await expect(page.locator('.katex-display')).toHaveCount(source.equations.filter((e) => e.display).length);
    }
    const diagrams = source.skeleton.filter((s) => s.kind === 'mermaid').length;
    await expect(page.locator('figure.mermaid-diagram')).toHaveCount(diagrams);
    for (const figure of await page.locator('figure.mermaid-diagram').all()) {
      // The variant for the current theme is visible and has drawn content.
      const svg = figure.locator('svg:visible');
      await expect(svg).toHaveCount(1);
      const box = await svg.boundingBox();
      expect(box && box.width > 50 && box.height > 20, 'diagram has a size').toBe(true);
      expect(await svg.locator('path, rect, polygon').count()).toBeGreaterThan(0);
    }

    await page.waitForLoadState('networkidle');
    expect(seen.errors, 'console errors').toEqual([]);
    expect(seen.offsite, 'requests to other hosts').toEqual([]);
  });
}
