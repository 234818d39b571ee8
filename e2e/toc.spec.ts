// The table of contents (Starlight's, with a cheaper way to gather the elements it observes:
// src/components/overrides/toc/starlight-toc.ts). On every page, the cheaper way finds exactly the
// elements Starlight's selector finds; and scrolling to a section still marks it as current, in the
// desktop column and in the phone's drop-down.
import { expect, test } from '@playwright/test';
import { elementsToObserve } from '../src/components/overrides/toc/observe';
import { PAGES } from './book';

const HEADINGS = 'h1#_top,:where(h2,h3)[id]';

test('the table of contents observes what Starlight would, on every page', async ({ page }) => {
  test.setTimeout(120_000);
  for (const { path } of PAGES) {
    await page.goto(path);
    if ((await page.locator('starlight-toc').count()) === 0) continue;
    // evaluated as an expression, so the shipped function runs in the page as written
    const result = await page.evaluate(`(() => {
      const ours = (${elementsToObserve.toString()})(document, ${JSON.stringify(HEADINGS)});
      const sel = ${JSON.stringify(HEADINGS)};
      const starlights = [...document.querySelectorAll([
        'main :where(' + sel + ')',
        'main :where(' + sel + ', .sl-heading-wrapper) ~ *:not(:has(' + sel + '))',
        'main .sl-markdown-content > *:not(:has(' + sel + '))',
        'main > *:not(:has(' + sel + '))',
      ].join())];
      const a = new Set(ours), b = new Set(starlights);
      const d = (e) => e.tagName + '.' + String(e.className).split(' ')[0] + ' in ' + e.parentElement.tagName + '.' + String(e.parentElement.className).split(' ')[0]; return { ours: a.size, starlights: b.size, missing: starlights.filter((e) => !a.has(e)).length, extra: ours.filter((e) => !b.has(e)).length, sample: starlights.filter((e) => !a.has(e)).slice(0, 4).map(d) };
    })()`);
    expect(result, `/${path}: ${JSON.stringify(result)}`).toMatchObject({ missing: 0, extra: 0 });
    expect((result as { ours: number }).ours, `/${path}`).toBeGreaterThan(0);
  }
});

for (const width of [1440, 360]) {
  test(`scrolling to a section marks it current (${width} px)`, async ({ page }) => {
    await page.setViewportSize({ width, height: 800 });
    await page.goto('practice/');
    const heading = page.locator('h2[id]').nth(2);
    const id = (await heading.getAttribute('id'))!;
    const text = (await heading.textContent())!.trim();
    // the table starts observing at the first idle moment
    await page.evaluate(() => new Promise((r) => requestIdleCallback(() => r(null))));
    // On a busy machine the page can still settle (fonts, islands) after the first scroll and move
    // the heading out of the observed band, so the scroll is repeated until the mark follows it.
    await expect(async () => {
      await heading.evaluate((h) => h.scrollIntoView({ block: 'start' }));
      if (width >= 1152) {
        await expect(page.locator(`starlight-toc a[href="#${id}"]`)).toHaveAttribute('aria-current', 'true', {
          timeout: 2000,
        });
      } else {
        await expect(page.locator('mobile-starlight-toc .display-current')).toHaveText(text, { timeout: 2000 });
      }
    }).toPass({ timeout: 20_000 });
  });
}
