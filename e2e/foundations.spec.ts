// The foundations in the browser: the initialisation explorer of the mathematics chapter, worked
// by keyboard alone (its Run button and its choices), in both locales; and the overfitting lab of
// the Practice chapter, trained briefly on the WASM backend with remedies switched on, in both
// locales: it reaches done, reports the train/test gap after each epoch, and Reset brings the
// worker's tensors back to their baseline, with no console error or off-site request.
import { expect, test, type Locator, type Page } from '@playwright/test';
import { guard, hydratedLab, openLab } from './book';

test.describe.configure({ mode: 'serial' });

/** Moves the keyboard focus to `field` by tabbing from the explorer's first control. */
async function focusByTab(page: Page, first: Locator, field: Locator): Promise<void> {
  await first.focus();
  for (let i = 0; i < 8 && !(await field.evaluate((el) => el === document.activeElement)); i++)
    await page.keyboard.press('Tab');
  await expect(field).toBeFocused();
}

test('the initialisation explorer, by keyboard: too small a scale vanishes, He keeps the scale (both locales)', async ({
  page,
}) => {
  test.setTimeout(60_000);
  const seen = guard(page);
  await page.goto('math/derivations/');
  const explorer = await hydratedLab(page, 'init-explorer');
  const readout = explorer.locator('.readout');
  await expect(explorer).toHaveAttribute('data-state', 'idle');
  // the build-time default: He with ReLU, 20 layers, the activations keep their scale
  const start = Number(await readout.getAttribute('data-activation-std'));
  expect(start).toBeGreaterThan(0.3);
  expect(start).toBeLessThan(3);

  // depth 10 typed, then the scheme chosen with the arrow keys: "Too small" is the first option
  const depth = explorer.locator('input[name="depth"]');
  const scheme = explorer.locator('select[name="scheme"]');
  await depth.focus();
  await page.keyboard.press('ControlOrMeta+a');
  await page.keyboard.type('10');
  await focusByTab(page, depth, scheme);
  for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowUp');
  await expect(scheme).toHaveValue('small');
  await depth.focus();
  await page.keyboard.press('Enter');
  await expect(explorer).toHaveAttribute('data-state', 'done');
  await expect(readout).toHaveAttribute('data-depth', '10');
  // σ = 0.01, width 128, ReLU: the variance shrinks 156-fold a layer (4.66)
  expect(Number(await readout.getAttribute('data-activation-std'))).toBeLessThan(1e-6);
  // a bad depth is named inline and Run is disabled
  await depth.fill('0');
  await expect(explorer.getByText('Enter a whole number from 1 to 50.')).toBeVisible();
  await expect(explorer.getByRole('button', { name: 'Run' })).toBeDisabled();
  await explorer.getByRole('button', { name: 'Reset' }).press('Enter');
  await expect(explorer).toHaveAttribute('data-state', 'idle');
  await expect(depth).toHaveValue('20');

  await page.goto('zh-cn/math/derivations/');
  const zh = await hydratedLab(page, 'init-explorer');
  await expect(zh.getByRole('heading', { level: 3 })).toHaveText('初始化与深度：各层激活值的离散程度');
  await zh.locator('select[name="activation"]').focus();
  await page.keyboard.press('ArrowUp');
  await expect(zh.locator('select[name="activation"]')).toHaveValue('tanh');
  await zh.getByRole('button', { name: '运行' }).press('Enter');
  await expect(zh).toHaveAttribute('data-state', 'done');
  await expect(zh.locator('.readout')).toContainText('经过 20 层后');
  expect(seen.errors).toEqual([]);
  expect(seen.offsite).toEqual([]);
});

/** Trains the overfit lab for `epochs` with the remedies named, waits for done, resets, checks the tensors. */
async function trainBriefly(lab: Locator, remedies: string[], epochs: number, train: string, reset: string) {
  await expect(lab).toHaveAttribute('data-state', 'idle');
  for (const name of remedies) {
    await lab.locator(`input[type="checkbox"][name="${name}"]`).focus();
    await lab.page().keyboard.press('Space');
    await expect(lab.locator(`input[type="checkbox"][name="${name}"]`)).toBeChecked();
  }
  await lab.locator('input[name="epochs"]').fill(String(epochs));
  await lab.getByRole('button', { name: train, exact: true }).click();
  await expect(lab).toHaveAttribute('data-state', 'done', { timeout: 90_000 });
  const readout = lab.locator('.readout');
  await expect(readout).toHaveAttribute('data-epochs', String(epochs));
  // the gap is training minus test accuracy, in points: finite and within ±100
  expect(Math.abs(Number(await readout.getAttribute('data-gap')))).toBeLessThan(100);
  // both charts (accuracy, loss) draw both curves, one value per epoch in their tables
  await expect(lab.locator('svg polyline.train')).not.toHaveCount(0);
  await expect(lab.locator('svg polyline.test')).not.toHaveCount(0);
  await expect(lab.locator('details table').first().locator('tbody tr')).toHaveCount(epochs);
  const baseline = await lab.getAttribute('data-tensors-baseline');
  expect(baseline).not.toBeNull();
  await lab.getByRole('button', { name: reset, exact: true }).click();
  await expect(lab).toHaveAttribute('data-tensors', baseline!);
  await expect(readout).toHaveCount(0);
}

test('the overfitting lab trains to done with remedies on and frees its tensors (both locales)', async ({ page }) => {
  test.setTimeout(150_000);
  const { seen, lab } = await openLab(page, 'practice/?lab-backend=wasm', 'overfit');
  await expect(lab.getByRole('group', { name: 'Remedies' })).toBeVisible();
  await expect(lab.getByText(/with no remedy/)).toBeVisible();
  // one training label in five wrong unless the reader asks for the true labels
  await expect(lab.getByRole('group', { name: 'Training labels' }).getByRole('checkbox')).toBeChecked();
  await trainBriefly(lab, ['weightDecay', 'dropout', 'augment'], 2, 'Train', 'Reset');
  expect(seen.errors).toEqual([]);

  await page.goto('zh-cn/practice/?lab-backend=wasm');
  const zh = await hydratedLab(page, 'overfit');
  await expect(zh.getByRole('group', { name: '对策' })).toBeVisible();
  await trainBriefly(zh, ['batchNorm', 'earlyStopping'], 1, '训练', '重置');
  expect(seen.errors).toEqual([]);
  expect(seen.offsite).toEqual([]);
});
