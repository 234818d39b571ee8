// The optimizer race end to end, on the WASM backend, in both locales: two optimizers chosen by
// keyboard (SGD and Adam, momentum unticked), a few steps on 1,000 MNIST digits to done; each row of
// the table agrees with its own test accuracy and the target (steps to target are the last step,
// or none), both charts draw one curve per optimizer, Reset frees every tensor of the race, a bad
// setting gets its inline message, axe finds nothing serious in the lab, and no console error or
// off-site request happens.
import { expect, test, type Locator } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { hydratedLab, openLab } from './book';

/** 1,000 examples in batches of 64: 16 steps in one epoch, and one test, after the last */
const STEPS = 16;

async function race(lab: Locator, train: string, reset: string) {
  await expect(lab).toHaveAttribute('data-state', 'idle');
  await lab.locator('select[name="examples"]').selectOption('1000');
  await lab.locator('input[name="epochs"]').fill('1');
  await lab.locator('input[name="target"]').fill('50');
  // momentum is chosen at first: untick it by keyboard; SGD and Adam stay
  const momentum = lab.locator('input[name="race-momentum"]');
  await momentum.focus();
  await lab.page().keyboard.press('Space');
  await expect(momentum).not.toBeChecked();
  await expect(lab.locator('input[name="momentum-momentum"]')).toBeDisabled();
  await lab.getByRole('button', { name: train, exact: true }).click();
  await expect(lab).toHaveAttribute('data-state', 'done', { timeout: 90_000 });
  await expect(lab.locator('tr[data-racer]')).toHaveCount(2);
  for (const kind of ['sgd', 'adam']) {
    const row = lab.locator(`tr[data-racer="${kind}"]`);
    const acc = Number(await row.getAttribute('data-acc'));
    expect(acc).toBeGreaterThan(0);
    expect(acc).toBeLessThanOrEqual(1);
    await expect(row).toHaveAttribute('data-steps', acc >= 0.5 ? String(STEPS) : '');
  }
  // Adam at η = 0.001 is ahead of SGD at η = 0.01 after these few steps
  const accOf = async (kind: string) => Number(await lab.locator(`tr[data-racer="${kind}"]`).getAttribute('data-acc'));
  expect(await accOf('adam')).toBeGreaterThan(await accOf('sgd'));
  await expect(lab.locator('.readout')).toBeVisible();
  // one loss curve and one accuracy series per optimizer
  await expect(lab.locator('svg polyline.sgd')).not.toHaveCount(0);
  await expect(lab.locator('svg polyline.adam')).not.toHaveCount(0);
  const axe = await new AxeBuilder({ page: lab.page() }).include('[data-lab="optim-race"]').analyze();
  expect(axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')).toEqual([]);
  const baseline = await lab.getAttribute('data-tensors-baseline');
  expect(baseline).not.toBeNull();
  await lab.getByRole('button', { name: reset, exact: true }).click();
  await expect(lab).toHaveAttribute('data-tensors', baseline!);
  await expect(lab.locator('tr[data-racer]')).toHaveCount(0);
}

test('the optimizer race: two optimizers to done, steps to target, tensors freed (both locales)', async ({ page }) => {
  test.setTimeout(180_000);
  const { seen, lab } = await openLab(page, 'math/derivations/?lab-backend=wasm', 'optim-race');
  await race(lab, 'Train', 'Reset');
  // a learning rate out of range is refused inline and Train waits
  await lab.locator('input[name="adam-learningRate"]').fill('5');
  await expect(lab.getByText('Enter a number from 0.000001 to 1.')).toBeVisible();
  await expect(lab.getByRole('button', { name: 'Train', exact: true })).toBeDisabled();
  expect(seen.errors).toEqual([]);

  await page.goto('zh-cn/math/derivations/?lab-backend=wasm');
  const zh = await hydratedLab(page, 'optim-race');
  await race(zh, '训练', '重置');
  expect(seen.errors).toEqual([]);
  expect(seen.offsite).toEqual([]);
});
