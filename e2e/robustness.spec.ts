// The robustness sweep: every page in both locales with JavaScript off (what a reader without
// JavaScript, a crawler or a reader mode gets), at a 360-px phone and a 1440-px desktop width, in
// light and dark colour schemes, with reduced motion. Each must show its heading, text, math,
// diagrams and code, fit the width without sideways scrolling, and log no error. (Axe runs with
// JavaScript on, in every theme and at phone width: a11y.spec.ts.) Last, with JavaScript on, no page
// shifts its layout while it loads.
import { expect, test } from '@playwright/test';
import { guard, PAGES } from './book';

const WIDTHS = [
  { width: 360, height: 740 },
  { width: 1440, height: 900 },
] as const;

for (const { path, source } of PAGES) {
  test(`without JavaScript: /${path} reads at 360 and 1440 px, light and dark`, async ({ browser }) => {
    // one page load per width; the colour scheme is switched on the loaded page (without JavaScript
    // the book's colours follow prefers-color-scheme, so both schemes are checked on the same load)
    for (const viewport of WIDTHS) {
      const context = await browser.newContext({ javaScriptEnabled: false, viewport, reducedMotion: 'reduce' });
      const page = await context.newPage();
      const seen = guard(page);
      await page.emulateMedia({ colorScheme: 'light' });
      const response = await page.goto(path);
      expect(response?.status(), `${viewport.width} px`).toBe(200);
      // an exercise's solution is a native disclosure the reader opens without JavaScript: open them
      // all, so their math and code count and must fit the width too
      await page.evaluate(() =>
        document.querySelectorAll<HTMLDetailsElement>('[data-exercise] details').forEach((d) => (d.open = true)),
      );
      for (const colorScheme of ['light', 'dark'] as const) {
        await page.emulateMedia({ colorScheme });
        const label = `${viewport.width} px, ${colorScheme}`;
        await expect(page.locator('h1'), label).toBeVisible();
        await expect(page.locator('main p').first(), label).toBeVisible();
        if (source.equations.length > 0) await expect(page.locator('.katex').first(), label).toBeVisible();
        if (source.skeleton.some((i) => i.kind === 'mermaid'))
          await expect(page.locator('figure.mermaid-diagram svg:visible').first(), label).toBeVisible();
        if (source.skeleton.some((i) => i.kind === 'code'))
          await expect(page.locator('pre code').first(), label).toBeVisible();
        // no sideways scrolling of the page (wide tables and code scroll inside their own box)
        const overflow = await page.evaluate(
          () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
        );
        expect(overflow, `${label}: the page scrolls sideways by ${overflow} px`).toBeLessThanOrEqual(0);
        expect(
          await page.evaluate(() => matchMedia('(prefers-color-scheme: dark)').matches),
          `${label}: the scheme applies`,
        ).toBe(colorScheme === 'dark');
      }
      expect(seen.errors, `${viewport.width} px`).toEqual([]);
      expect(seen.offsite, `${viewport.width} px`).toEqual([]);
      await context.close();
    }
  });
}

// Nothing on the first screen jumps while a page loads (Lighthouse's cumulative layout shift, whose
// "good" threshold is 0.1). Long chapters defer the layout of blocks far below the screen
// (book.css); a deferred block inside the first screen would paint at its placeholder height and
// then jump, which this catches on a phone and on a desktop.
for (const { path } of PAGES) {
  test(`/${path} does not shift its layout while loading`, async ({ browser }) => {
    for (const viewport of [
      { width: 360, height: 740 },
      { width: 1440, height: 900 },
    ]) {
      const context = await browser.newContext({ viewport, reducedMotion: 'reduce' });
      const page = await context.newPage();
      await page.addInitScript(() => {
        const w = window as unknown as { __shift: number };
        w.__shift = 0;
        new PerformanceObserver((list) => {
          for (const entry of list.getEntries() as unknown as { value: number; hadRecentInput: boolean }[])
            if (!entry.hadRecentInput) w.__shift += entry.value;
        }).observe({ type: 'layout-shift', buffered: true });
      });
      await page.goto(path, { waitUntil: 'load' });
      // two frames after load, then a quiet moment for late fonts and islands
      await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
      await page.waitForTimeout(500);
      const shift = await page.evaluate(() => (window as unknown as { __shift: number }).__shift);
      expect(shift, `${viewport.width} px: cumulative layout shift`).toBeLessThan(0.1);
      await context.close();
    }
  });
}
