// axe-core on every page, in light and dark themes at desktop width and on a 360-px phone:
// no serious or critical violation. At desktop width one test checks both themes on one page load:
// the page opens in the dark theme (the reader's stored choice, applied before the first paint), axe
// runs its colour rules there (the dark theme changes colours only: the same markup, ARIA and
// layout as the light one; the colour rules are half of axe's time on a long chapter), then the
// reader's own theme picker switches to light and every rule runs on the same, already laid-out
// page. Loading and laying out a long chapter again (every island hydrates as it scrolls by) would
// cost as much as the colour pass itself. On the phone, axe leaves out KaTeX's
// visual rendering (`.katex-html`, aria-hidden; most of a math page's nodes and of axe's time there):
// its markup is the desktop's, already checked there in full, in both themes' colours, and what the
// narrow width changes around an equation, its scrolling wrapper, stays in. The chapter text's colours
// are the desktop's too (colour rules are two thirds of axe's time on a long page): on the phone they
// run on everything around the text (header, menu, the table of contents' drop-down, footer, which
// the narrow layout restyles), and every other rule runs on the text as well.
// On the phone, axe's target-size rule also runs first on the page as it loads, far blocks still
// skipped (content-visibility), as Lighthouse sees it (412 px): a skipped block's measured content must not
// reach over a control below it.
import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import { axeProblems, PAGES } from './book';

const COLOUR_RULES = ['color-contrast', 'link-in-text-block'];

const variants = [
  { name: 'light and dark', theme: 'dark', width: 1280 },
  { name: 'phone', theme: 'light', width: 360 },
] as const;

for (const variant of variants) {
  test.describe(`${variant.name}`, () => {
    test.use({ viewport: { width: variant.width, height: 800 } });
    for (const { path } of PAGES) {
      test(`axe: /${path} (${variant.name})`, async ({ page }) => {
        // the math chapter is long: axe takes tens of seconds there, in each theme
        test.setTimeout(variant.name === 'phone' ? 180_000 : 300_000);
        await page.addInitScript((t) => localStorage.setItem('starlight-theme', t), variant.theme);
        await page.goto(path);
        await expect(page.locator('html')).toHaveAttribute('data-theme', variant.theme);
        if (variant.name === 'phone') {
          // Lighthouse's phone is 412 px wide; the full check below runs at 360
          await page.setViewportSize({ width: 412, height: 823 });
          await page.waitForLoadState('load');
          const asLoaded = await new AxeBuilder({ page }).withRules(['target-size']).analyze();
          expect(asLoaded.violations.flatMap((v) => v.nodes.map((n) => n.target.join(' ')))).toEqual([]);
          await page.setViewportSize({ width: variant.width, height: 800 });
          const around = await axeProblems(page, undefined, undefined, ['.katex-html', '.sl-markdown-content']);
          const text = await axeProblems(page, '.sl-markdown-content', undefined, ['.katex-html'], {
            disable: COLOUR_RULES,
            render: false,
          });
          expect([...around, ...text]).toEqual([]);
          return;
        }
        const dark = await axeProblems(page, undefined, COLOUR_RULES);
        // the reader's theme picker in the header; the page's colours settle before axe reads them
        await page.locator('starlight-theme-select select:visible').first().selectOption('light');
        await expect(page.locator('html')).toHaveAttribute('data-theme', 'light');
        await page.waitForFunction(() => !document.getAnimations().some((a) => a instanceof CSSTransition));
        const light = await axeProblems(page, undefined, undefined, [], { render: false });
        expect({ dark, light }).toEqual({ dark: [], light: [] });
      });
    }
  });
}
