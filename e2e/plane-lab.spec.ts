// The home page's first lab (PlaneLab): it starts by itself and reaches its visible result (a test
// accuracy of at least 90 % on two spirals) within 10 s, in both locales; it pauses, resumes, stops
// and resets; its learning rate is validated; it waits for the reader under reduced motion.
import { expect, test } from '@playwright/test';
import { en } from '../src/i18n/en';
import { zhCN } from '../src/i18n/zh-cn';
import { axeProblems, guard, hydratedLab } from './book';
import { cutCaptions, cutSelects } from './lab-layout';

for (const { prefix, t } of [
  { prefix: '', t: en },
  { prefix: 'zh-cn/', t: zhCN },
]) {
  test(`the home page's lab learns two spirals by itself within 10 s (${prefix || 'en'})`, async ({ page }) => {
    const problems = guard(page);
    await page.goto(prefix);
    const lab = await hydratedLab(page, 'playground-plane');
    await expect(lab).toHaveAttribute('data-backend', 'js');
    // the visible result: the regions separate the spirals, ≥ 90 % of the unseen test points right
    await expect
      .poll(async () => Number((await lab.getAttribute('data-test-accuracy')) ?? 0), { timeout: 10_000 })
      .toBeGreaterThanOrEqual(0.9);
    await expect(lab).toHaveAttribute('data-state', 'done', { timeout: 30_000 });
    await expect(lab.locator('.status')).toContainText(t['plane.finished'].split('{')[0]!.trim().slice(0, 4));
    expect(problems.errors).toEqual([]);
    expect(problems.offsite).toEqual([]);
  });
}

test('the plane lab pauses, resumes, stops and resets to its first state', async ({ page }) => {
  const problems = guard(page);
  await page.emulateMedia({ reducedMotion: 'reduce' });
  await page.goto('');
  const lab = await hydratedLab(page, 'playground-plane');
  // under reduced motion it waits for the reader
  await page.waitForTimeout(500);
  await expect(lab).toHaveAttribute('data-state', 'idle');
  await expect(lab).toHaveAttribute('data-step', '0');
  await lab.getByRole('button', { name: en['lab.train'], exact: true }).press('Enter');
  await expect(lab).toHaveAttribute('data-state', 'training');
  await lab.getByRole('button', { name: en['lab.pause'] }).click();
  await expect(lab).toHaveAttribute('data-state', 'paused');
  const paused = Number(await lab.getAttribute('data-step'));
  await page.waitForTimeout(300);
  expect(Number(await lab.getAttribute('data-step'))).toBe(paused);
  await lab.getByRole('button', { name: en['lab.resume'] }).click();
  await expect.poll(async () => Number(await lab.getAttribute('data-step'))).toBeGreaterThan(paused);
  await lab.getByRole('button', { name: en['lab.stop'] }).click();
  await expect(lab).toHaveAttribute('data-state', 'done');
  await expect(lab.locator('.status')).toContainText('Stopped after');
  // the stopped run is kept once
  const keep = lab.getByRole('button', { name: en['runs.keep'] });
  await keep.click();
  await expect(keep).toBeDisabled();
  await expect(lab.locator('.keep-runs')).toHaveAttribute('data-kept', '1');
  await lab.getByRole('button', { name: en['lab.reset'] }).click();
  await expect(lab).toHaveAttribute('data-state', 'idle');
  await expect(lab).toHaveAttribute('data-step', '0');
  await expect(lab.locator('dd').first()).toHaveText('–');
  await expect(lab.locator('.status')).toContainText('Ready');
  // a new run can be kept in its turn
  await lab.getByRole('button', { name: en['lab.train'], exact: true }).click();
  await expect.poll(async () => Number(await lab.getAttribute('data-step'))).toBeGreaterThan(20);
  await lab.getByRole('button', { name: en['lab.stop'] }).click();
  await expect(keep).toBeEnabled();
  expect(problems.errors).toEqual([]);
});

test('the plane lab validates its learning rate inline', async ({ page }) => {
  await page.emulateMedia({ reducedMotion: 'reduce' });
  await page.goto('');
  const lab = await hydratedLab(page, 'playground-plane');
  const rate = lab.getByLabel(en['plane.rate']);
  for (const [text, message] of [
    ['0', en['plane.error.ratePositive']],
    ['-1', en['plane.error.ratePositive']],
    ['NaN', en['plane.error.rateNumber']],
    ['abc', en['plane.error.rateNumber']],
    ['1e9', en['plane.error.rateLarge']],
    ['', en['plane.error.rateRequired']],
  ] as const) {
    await rate.fill(text);
    await rate.press('Tab');
    await expect(lab.getByRole('alert')).toHaveText(message);
    await expect(rate).toHaveAttribute('aria-invalid', 'true');
    await lab.getByRole('button', { name: en['lab.train'], exact: true }).click();
    await expect(lab).toHaveAttribute('data-state', 'idle');
  }
  await rate.fill('0.05');
  await rate.press('Tab');
  await expect(lab.getByRole('alert')).toHaveCount(0);
  await lab.getByRole('button', { name: en['lab.train'], exact: true }).click();
  await expect(lab).toHaveAttribute('data-state', 'training');
});

for (const [prefix, width] of [
  ['', 360],
  ['zh-cn/', 360],
  ['', 1440],
] as const) {
  test(`the plane lab cuts no select or caption at ${width} px (${prefix || 'en'})`, async ({ page }) => {
    await page.setViewportSize({ width, height: 900 });
    await page.goto(prefix);
    const lab = await hydratedLab(page, 'playground-plane');
    expect(await cutSelects(page, '[data-lab="playground-plane"]')).toEqual([]);
    expect(await cutCaptions(lab)).toEqual([]);
  });
}

test('the plane lab has no serious accessibility problem and fits a 360-px phone', async ({ page }) => {
  await page.setViewportSize({ width: 360, height: 740 });
  await page.goto('zh-cn/');
  await hydratedLab(page, 'playground-plane');
  expect(await axeProblems(page, '[data-lab="playground-plane"]')).toEqual([]);
  const overflow = await page.evaluate(
    () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
  );
  expect(overflow).toBeLessThanOrEqual(0);
});

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });
  test('the home page shows a finished run of the plane lab', async ({ page }) => {
    await page.goto('');
    await expect(page.locator('.plane-still svg rect')).toHaveCount(400);
    await expect(page.locator('.plane-still figcaption')).toContainText('1,500');
  });
});
