// Phone width and theme switching: the home page and chapters fit 360 px without sideways
// scrolling, and each diagram shows the SVG drawn for the current theme.
import { expect, test } from '@playwright/test';
import { PAGES } from './book';

test.describe('at 360 px wide', () => {
  test.use({ viewport: { width: 360, height: 740 } });
  for (const { path } of PAGES) {
    test(`/${path} has no horizontal scroll`, async ({ page }) => {
      await page.goto(path);
      const overflow = await page.evaluate(
        () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
      );
      expect(overflow).toBeLessThanOrEqual(0);
    });
  }
});

for (const theme of ['light', 'dark'] as const) {
  test(`diagrams follow the ${theme} theme`, async ({ page }) => {
    await page.addInitScript((t) => localStorage.setItem('starlight-theme', t), theme);
    await page.goto('core-concepts/');
    const figure = page.locator('figure.mermaid-diagram').first();
    await expect(figure.locator(theme === 'dark' ? '.mermaid-dark' : '.mermaid-light')).toBeVisible();
    await expect(figure.locator(theme === 'dark' ? '.mermaid-light' : '.mermaid-dark')).toBeHidden();
  });
}

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });
  test('math, diagrams and code are in the HTML', async ({ page }) => {
    await page.goto('core-concepts/');
    await expect(page.locator('.katex').first()).toBeVisible();
    await expect(page.locator('figure.mermaid-diagram svg:visible').first()).toBeVisible();
    await expect(page.locator('pre code').first()).toBeVisible();
    // Tabs cannot switch without JavaScript, so both the Python and the TypeScript panel show.
    const panels = page.locator('starlight-tabs [role="tabpanel"]');
    expect(await panels.count()).toBeGreaterThanOrEqual(2);
    for (const panel of await panels.all()) await expect(panel).toBeVisible();
  });
});
