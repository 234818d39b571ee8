// The optimizer-paths explorer in the mathematics chapter: the arrow keys move the start marker and
// a click on the plot puts it there, Run draws every chosen optimizer's path step by step to `done`
// (at once with reduced motion), the final losses shown equal the unit-tested reference
// implementation's from the same start, κ and Distill's optimal step and momentum are shown and
// applied, nonsense in a setting gets a message, Reset restores the defaults. Both locales, no
// console error, axe clean on the explorer with its paths drawn.
import { expect, test } from '@playwright/test';
import { en } from '../src/i18n/en';
import { optim } from '../src/i18n/optim';
import { zhCN } from '../src/i18n/zh-cn';
import { EPSILON, optimalMomentum, optimizerPath, quadratic } from '../src/ml/explain/optim-paths';
import AxeBuilder from '@axe-core/playwright';
import { guard, hydratedLab } from './book';

const DEFAULTS = { eta: 0.15, etaAdaptive: 0.3, mu: 0.5, rho: 0.9, beta1: 0.9, beta2: 0.999, epsilon: EPSILON };
/** the final loss of an optimizer after 50 steps on the default quadratic (κ = 10), by the reference */
const reference = (id: 'sgd' | 'momentum' | 'adam', start: { x: number; y: number }) =>
  optimizerPath(quadratic(10), id, DEFAULTS, start, 50).points.at(-1)!.loss;

for (const { prefix, s, o, reduced } of [
  { prefix: '', s: en, o: optim.en, reduced: false },
  { prefix: 'zh-cn/', s: zhCN, o: optim['zh-cn'], reduced: true },
]) {
  test(`optimizer paths: keyboard start, Run, the reference's numbers (${prefix || 'en'})`, async ({ page }) => {
    if (reduced) await page.emulateMedia({ reducedMotion: 'reduce' });
    const seen = guard(page);
    await page.goto(`${prefix}math/derivations/`);
    const lab = await hydratedLab(page, 'optim-paths');
    await expect(lab).toHaveAttribute('data-state', 'idle');

    // the start marker by keyboard: two steps right (0.2 each), one up (0.12), from (−4, 2)
    const marker = lab.locator('button.start');
    await marker.focus();
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowUp');
    await expect(marker).toHaveAttribute('data-x', '-3.6');
    await expect(marker).toHaveAttribute('data-y', '2.12');
    await expect(marker).toBeFocused();

    // Run, by keyboard, draws the three default paths to the last step
    const run = lab.getByRole('button', { name: o['optim.run'], exact: true });
    await run.focus();
    await page.keyboard.press('Enter');
    if (!reduced) await expect(lab).toHaveAttribute('data-state', 'training');
    await expect(lab).toHaveAttribute('data-state', 'done', { timeout: 15_000 });
    const paths = lab.locator('g.path');
    await expect(paths).toHaveCount(3);
    for (const id of ['sgd', 'momentum', 'adam']) {
      await expect(lab.locator(`g.path[data-optimizer="${id}"]`)).toHaveAttribute('data-steps', '50');
    }
    await expect(lab.locator('.line-chart polyline')).toHaveCount(3);

    // the numbers shown are the reference implementation's from the same start
    const start = { x: -3.6, y: 2.12 };
    for (const id of ['sgd', 'momentum', 'adam'] as const) {
      const row = lab.locator(`tr[data-optimizer="${id}"]`);
      const want = reference(id, start);
      expect(Number(await row.getAttribute('data-loss'))).toBeCloseTo(want, 12);
      await expect(row.locator('td').nth(2)).toHaveText(String(Number(want.toPrecision(4))).replace('-', '−'));
    }
    await expect(lab.locator('.readout')).toContainText(String(Number(reference('adam', start).toPrecision(4))));

    // κ and Distill's optimum, applied by the button: the fields take η* and μ*
    const theory = lab.locator('.theory p');
    const best = optimalMomentum(1, 10);
    expect(Number(await theory.getAttribute('data-mu'))).toBeCloseTo(best.mu, 12);
    await lab.getByRole('button', { name: o['optim.apply'], exact: true }).click();
    await expect(lab.locator('input[name="eta"]')).toHaveValue(String(Number(best.eta.toPrecision(4))));
    await expect(lab.locator('input[name="mu"]')).toHaveValue(String(Number(best.mu.toPrecision(4))));

    // nonsense is refused with a message, and the paths keep the last accepted value
    const eta = lab.locator('input[name="eta"]');
    for (const bad of ['0', '-1', 'abc', '', '1e9']) {
      await eta.fill(bad);
      await expect(lab.locator('.field-error')).toHaveCount(1);
    }
    if (!reduced) {
      // axe on the explorer alone, with its paths and a message drawn, in one locale (a11y.spec
      // checks every page, both locales, before any run)
      const axe = await new AxeBuilder({ page }).include('[data-lab="optim-paths"]').analyze();
      expect(axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')).toEqual([]);
    }
    await eta.fill('0.1');
    await expect(lab.locator('.field-error')).toHaveCount(0);
    // a typed rate redraws the finished paths at once: SGD's loss is the reference's at η = 0.1
    const sgd = optimizerPath(quadratic(10), 'sgd', { ...DEFAULTS, eta: 0.1 }, start, 50).points.at(-1)!.loss;
    await expect(lab.locator('tr[data-optimizer="sgd"]')).toHaveAttribute('data-loss', String(sgd));

    if (!reduced) {
      // a click on the plot moves the start there (the plot's centre is the minimum of the quadratic)
      const plot = lab.locator('.contour svg[role="img"]');
      const box = (await plot.boundingBox())!;
      await plot.click({ position: { x: box.width / 2, y: box.height / 2 } });
      expect(Math.abs(Number(await marker.getAttribute('data-x')))).toBeLessThan(0.1);
      expect(Math.abs(Number(await marker.getAttribute('data-y')))).toBeLessThan(0.1);
    }

    // Reset: defaults, no steps, idle
    await lab.getByRole('button', { name: s['lab.reset'], exact: true }).click();
    await expect(lab).toHaveAttribute('data-state', 'idle');
    await expect(marker).toHaveAttribute('data-x', '-4');
    await expect(eta).toHaveValue('0.15');
    await expect(lab.locator('g.path').first()).toHaveAttribute('data-steps', '0');

    expect(seen.errors).toEqual([]);
  });
}
