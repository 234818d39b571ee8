// The two RNN explorables in the math chapter. The stepper: Run by keyboard walks the six steps to
// `done` and the unrolled diagram grows to six cells, Pause/Resume/Next step/Reset work, a slider
// moves by keyboard and changes the written-out sum, nonsense input gets a message. The gradient
// plot: "Another random sequence" by keyboard moves to the next seed and visibly redraws, a smaller
// recurrent scale makes the RNN's readout fall, a bad seed gets a message, Reset restores all. Both locales, no console error, axe clean on both islands, no sideways
// scrolling at 360 px, and the server-rendered worked example without JavaScript.
import { expect, test, type Locator } from '@playwright/test';
import { en } from '../src/i18n/en';
import { zhCN } from '../src/i18n/zh-cn';
import { axeProblems, guard, hydratedLab } from './book';

const rnnValue = async (lab: Locator) => Number(await lab.locator('.readout').getAttribute('data-rnn'));

for (const { prefix, s } of [
  { prefix: '', s: en },
  { prefix: 'zh-cn/', s: zhCN },
]) {
  test(`the recurrence, stepped, works with the keyboard (${prefix || 'en'})`, async ({ page }) => {
    const seen = guard(page);
    await page.goto(`${prefix}math/models/`);
    const lab = await hydratedLab(page, 'rnn-step');
    await expect(lab).toHaveAttribute('data-state', 'idle');
    const cells = lab.locator('[data-step]');
    await expect(cells).toHaveCount(1);
    // step 1 of a single pulse with the default weights: h_1,1 = tanh(1 · 1 + 0 + 0 + 0)
    const result = lab.locator('.sum .result').first();
    await expect(result).toHaveText('0.762');

    // a slider by keyboard: W_xh,1 from 1.00 to 1.10 → tanh(1.1) = 0.800
    const slider = lab.getByRole('slider').first();
    await slider.focus();
    await page.keyboard.press('ArrowRight');
    await expect(lab.locator('output').first()).toHaveText('1.10');
    await expect(result).toHaveText('0.800');

    // Run, by keyboard, steps through all six inputs and grows the diagram one cell per step
    const run = lab.getByRole('button', { name: s['rnnStep.run'], exact: true });
    await run.focus();
    await page.keyboard.press('Enter');
    await expect(lab).toHaveAttribute('data-state', 'training');
    await expect(lab).toHaveAttribute('data-state', 'done', { timeout: 20_000 });
    await expect(cells).toHaveCount(6);
    await expect(lab.locator('[data-step="6"]')).toHaveClass(/current/);
    // the button kept the focus and is Run again
    await expect(run).toBeFocused();

    // again, with Pause and Resume on the same button
    await page.keyboard.press('Enter');
    await expect(lab).toHaveAttribute('data-state', 'training');
    await lab.getByRole('button', { name: s['lab.pause'], exact: true }).click();
    await expect(lab).toHaveAttribute('data-state', 'paused');
    const paused = await cells.count();
    expect(paused).toBeLessThan(6);
    await lab.getByRole('button', { name: s['lab.resume'], exact: true }).click();
    await expect(lab).toHaveAttribute('data-state', 'done', { timeout: 20_000 });

    // Reset, then one step by hand
    await lab.getByRole('button', { name: s['lab.reset'], exact: true }).click();
    await expect(lab).toHaveAttribute('data-state', 'idle');
    await expect(cells).toHaveCount(1);
    await expect(result).toHaveText('0.762');
    await lab.getByRole('button', { name: s['rnnStep.next'], exact: true }).click();
    await expect(cells).toHaveCount(2);
    await expect(lab).toHaveAttribute('data-state', 'paused');

    // a preset, and nonsense refused with a message
    await lab.getByRole('combobox').selectOption('step');
    await expect(lab.getByRole('textbox').nth(2)).toHaveValue('1');
    const first = lab.getByRole('textbox').first();
    await first.fill('abc');
    await first.press('Tab');
    await expect(lab.getByRole('alert')).toBeVisible();
    await first.fill('1e9');
    await first.press('Tab');
    await expect(lab.getByRole('alert')).toBeVisible();
    await first.fill('0.5');
    await first.press('Tab');
    await expect(lab.getByRole('alert')).toHaveCount(0);
    // Reset after refused text: the message goes, and so does the text (x₂ is 0 before and after,
    // so only a box made afresh loses it), back to the first sequence
    const second = lab.getByRole('textbox').nth(1);
    await second.fill('abc');
    await second.press('Tab');
    await expect(lab.getByRole('alert')).toBeVisible();
    await lab.getByRole('button', { name: s['lab.reset'], exact: true }).click();
    await expect(lab.getByRole('alert')).toHaveCount(0);
    await expect(first).toHaveValue('1');
    await expect(second).toHaveValue('0');
    await expect(lab.getByRole('combobox')).toHaveValue('pulse');

    expect(await axeProblems(page, '[data-lab="rnn-step"]')).toEqual([]);
    expect(seen.errors).toEqual([]);
  });

  test(`vanishing and exploding gradients respond to the scale (${prefix || 'en'})`, async ({ page }) => {
    const seen = guard(page);
    await page.goto(`${prefix}math/derivations/`);
    const lab = await hydratedLab(page, 'rnn-gradients');
    await expect(lab).toHaveAttribute('data-state', 'idle');
    const readout = lab.locator('.readout');
    await expect(readout).toHaveAttribute('data-distance', '40');
    const before = await rnnValue(lab);
    expect(before).toBeGreaterThan(0);
    expect(before).toBeLessThan(1e-3);

    // "Another random sequence" by keyboard: the next seed, other weights and inputs, other
    // numbers and another curve (its trend stays: still far below 1 at this scale)
    const seed = lab.getByRole('textbox');
    await expect(seed).toHaveValue('1');
    const curve = () => lab.locator('polyline.rnn').getAttribute('points');
    const firstCurve = await curve();
    const run = lab.getByRole('button', { name: s['gradFlow.another'], exact: true });
    await run.focus();
    await page.keyboard.press('Enter');
    await expect(lab).toHaveAttribute('data-state', 'done');
    await expect(seed).toHaveValue('2');
    expect(await rnnValue(lab)).not.toBe(before);
    expect(await rnnValue(lab)).toBeLessThan(1e-2);
    expect(await curve()).not.toBe(firstCurve);
    await expect(run).toBeFocused();
    const atSeed2 = await rnnValue(lab);

    // a smaller recurrent scale: 1.00 → 0.75 with five presses; the RNN's gradient falls
    const scale = lab.getByRole('slider', { name: s['gradFlow.scale'] });
    await scale.focus();
    for (let k = 0; k < 5; k++) await page.keyboard.press('ArrowLeft');
    await expect(lab.locator('output').first()).toHaveText('0.75');
    await expect.poll(() => rnnValue(lab)).toBeLessThan(atSeed2 / 100);
    // and a larger one makes it grow
    for (let k = 0; k < 15; k++) await page.keyboard.press('ArrowRight');
    await expect(lab.locator('output').first()).toHaveText('1.50');
    await expect.poll(() => rnnValue(lab)).toBeGreaterThan(atSeed2 * 100);
    await expect(lab.locator('polyline')).toHaveCount(4);
    await expect(lab.locator('tbody tr')).toHaveCount(41);

    // the longest sequence, T = 100: one row per distance 0 … 100, computed well inside a frame budget
    const length = lab.getByRole('slider', { name: s['gradFlow.length'] });
    await length.focus();
    await page.keyboard.press('End');
    await expect(readout).toHaveAttribute('data-distance', '100');
    await expect(lab.locator('tbody tr')).toHaveCount(101);
    await run.click();
    const ms = Number(await readout.getAttribute('data-compute-ms'));
    test.info().annotations.push({ type: 'compute time, T = 100', description: `${ms} ms` });
    expect(ms).toBeGreaterThan(0);
    expect(ms).toBeLessThan(250); // about 10–20 ms here; generous for a loaded CI machine

    // a bad seed is refused (the same bounds as every lab's seed), Reset restores the defaults
    for (const bad of ['-3', '2147483648', 'abc']) {
      await seed.fill(bad);
      await seed.press('Tab');
      await expect(lab.getByRole('alert')).toBeVisible();
    }
    await lab.getByRole('button', { name: s['lab.reset'], exact: true }).click();
    await expect(lab).toHaveAttribute('data-state', 'idle');
    await expect(lab.getByRole('alert')).toHaveCount(0);
    await expect(seed).toHaveValue('1');
    await expect(lab.locator('output').first()).toHaveText('1.00');
    expect(await rnnValue(lab)).toBe(before);
    expect(await curve()).toBe(firstCurve);

    expect(await axeProblems(page, '[data-lab="rnn-gradients"]')).toEqual([]);
    expect(seen.errors).toEqual([]);
  });
}

test.describe('at 360 px wide', () => {
  test.use({ viewport: { width: 360, height: 740 } });
  test('the RNN explorables fit the column and scroll inside themselves', async ({ page }) => {
    for (const [path, id] of [
      ['math/models/', 'rnn-step'],
      ['math/derivations/', 'rnn-gradients'],
    ] as const) {
      await page.goto(path);
      const lab = await hydratedLab(page, id);
      // the explorable fits the column, and nothing in it sticks out of its box (its plot and
      // table scroll inside their own boxes); the page's other content is checked elsewhere
      const fit = await lab.evaluate((el) => ({
        right: el.getBoundingClientRect().right - document.documentElement.clientWidth,
        inside: el.scrollWidth - el.clientWidth,
      }));
      expect(fit.right, path).toBeLessThanOrEqual(0);
      expect(fit.inside, path).toBeLessThanOrEqual(0);
    }
  });
});

test.describe('with reduced motion', () => {
  test.use({ reducedMotion: 'reduce' });
  test('the stepper still steps, without animating its cells', async ({ page }) => {
    await page.goto('math/models/');
    const lab = await hydratedLab(page, 'rnn-step');
    await lab.getByRole('button', { name: en['rnnStep.run'], exact: true }).click();
    await expect(lab).toHaveAttribute('data-state', 'done', { timeout: 20_000 });
    const animation = await lab.locator('[data-step="6"]').evaluate((cell) => getComputedStyle(cell).animationName);
    expect(animation).toBe('none');
  });
});

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });
  test('both explorables show a worked example', async ({ page }) => {
    await page.goto('math/models/');
    const stepper = page.locator('[data-lab="rnn-step"]');
    await expect(stepper.locator('math').first()).toBeVisible();
    await expect(stepper.locator('.sum .result').first()).toHaveText('0.762');
    await expect(stepper.locator('[data-step]')).toHaveCount(1);
    await page.goto('math/derivations/');
    const plot = page.locator('[data-lab="rnn-gradients"]');
    await expect(plot.locator('polyline')).toHaveCount(4);
    await expect(plot.locator('.readout')).toContainText('40');
  });
});
