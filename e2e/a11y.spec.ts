// axe-core on every page, in light and dark themes at desktop width and on a 360-px phone:
// no serious or critical violation. The dark theme changes colours only (the same markup, ARIA and
// layout as the light one at the same width), so there axe runs its colour rules, which are half of
// its time on a long chapter; light and phone run every rule. On the phone, axe leaves out KaTeX's
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
  { name: 'light', theme: 'light', width: 1280, rules: undefined, exclude: [] },
  { name: 'dark', theme: 'dark', width: 1280, rules: COLOUR_RULES, exclude: [] },
  { name: 'phone', theme: 'light', width: 360, rules: undefined, exclude: [] },
] as const;

for (const variant of variants) {
  test.describe(`${variant.name}`, () => {
    test.use({ viewport: { width: variant.width, height: 800 } });
    for (const { path } of PAGES) {
      test(`axe: /${path} (${variant.name})`, async ({ page }) => {
        test.setTimeout(180_000); // the math chapter is long: axe takes tens of seconds there
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
        }
        if (variant.name === 'phone') {
          const around = await axeProblems(page, undefined, undefined, ['.katex-html', '.sl-markdown-content']);
          const text = await axeProblems(page, '.sl-markdown-content', undefined, ['.katex-html'], {
            disable: COLOUR_RULES,
            render: false,
          });
          expect([...around, ...text]).toEqual([]);
          return;
        }
        const rules = variant.rules ? [...variant.rules] : undefined;
        expect(await axeProblems(page, undefined, rules, [...variant.exclude])).toEqual([]);
      });
    }
  });
}
