// The Transformer race end to end, on the WASM backend, in both locales: short races (sequences of
// 6 digits, 2 seconds of training each) paused and resumed to done; the table gives both models'
// weights (the page's formulas, which the unit tests check against the built models) and accuracies
// between 0 and 1, the chart draws both curves, the attention map has one row per output position
// with a readable summary; Reset frees every tensor; a second race stopped mid-run frees them too;
// bad settings get their inline messages; axe finds nothing serious; the finished lab fits a 360-px
// page; no console error or off-site request.
import { expect, test, type Locator } from '@playwright/test';
import { axeProblems, hydratedLab, openLab } from './book';
import { cutSelects } from './lab-layout';

const LENGTH = 6;
/** the weights at length 6, from the formulas (4.79) and 8u(V + u + 1) + 2uV + V with d 32, d_ff 64, u 28 */
const PARAMS = { transformer: 9706 - 10 * 32, lstm: 9306 };

interface Names {
  train: string;
  pause: string;
  resume: string;
  stop: string;
  reset: string;
}

async function race(lab: Locator, names: Names) {
  await expect(lab).toHaveAttribute('data-state', 'idle');
  await lab.locator('input[name="length"]').fill(String(LENGTH));
  await lab.locator('input[name="budget"]').fill('2');
  await lab.getByRole('button', { name: names.train, exact: true }).click();
  await expect(lab).toHaveAttribute('data-state', 'training', { timeout: 60_000 });
  await lab.getByRole('button', { name: names.pause, exact: true }).click();
  await expect(lab).toHaveAttribute('data-state', 'paused', { timeout: 30_000 });
  await lab.getByRole('button', { name: names.resume, exact: true }).click();
  await expect(lab).toHaveAttribute('data-state', /training|done/);
  await expect(lab).toHaveAttribute('data-state', 'done', { timeout: 90_000 });
  for (const model of ['transformer', 'lstm'] as const) {
    const row = lab.locator(`tr[data-model="${model}"]`);
    await expect(row).toHaveAttribute('data-params', String(PARAMS[model]));
    expect(Number(await row.getAttribute('data-seconds'))).toBeGreaterThanOrEqual(2);
    const acc = Number(await row.getAttribute('data-acc'));
    const sequences = Number(await row.getAttribute('data-sequence-acc'));
    expect(acc).toBeGreaterThan(0);
    expect(acc).toBeLessThanOrEqual(1);
    expect(sequences).toBeLessThanOrEqual(acc);
    await expect(lab.locator(`svg polyline.${model}`)).not.toHaveCount(0);
  }
  await expect(lab.locator('[data-attention-map] tbody tr')).toHaveCount(LENGTH);
  await expect(lab.locator('[data-attention-map] tbody td')).toHaveCount(LENGTH * LENGTH);
  await expect(lab.locator('[data-attention-summary]')).toContainText(/\d( \d){5}/);
  expect(await axeProblems(lab.page(), '[data-lab="transformer-race"]')).toEqual([]);
  // on a 360-px phone the finished lab fits the page (its table and map scroll in their own boxes)
  const page = lab.page();
  const size = page.viewportSize()!;
  await page.setViewportSize({ width: 360, height: 780 });
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
  expect(await cutSelects(page, '[data-lab="transformer-race"]')).toEqual([]);
  await page.setViewportSize(size);
  const baseline = (await lab.getAttribute('data-tensors-baseline'))!;
  expect(baseline).not.toBe('');
  await lab.getByRole('button', { name: names.reset, exact: true }).click();
  await expect(lab).toHaveAttribute('data-tensors', baseline);
  await expect(lab.locator('tr[data-model]')).toHaveCount(0);
  await expect(lab.locator('[data-attention-map]')).toHaveCount(0);

  // a long race, stopped while it trains: every tensor freed after the stop and the reset
  await lab.locator('input[name="budget"]').fill('300');
  await lab.getByRole('button', { name: names.train, exact: true }).click();
  await expect(lab).toHaveAttribute('data-state', 'training', { timeout: 60_000 });
  await lab.getByRole('button', { name: names.stop, exact: true }).click();
  await expect(lab).toHaveAttribute('data-state', 'idle', { timeout: 30_000 });
  await lab.getByRole('button', { name: names.reset, exact: true }).click();
  await expect(lab).toHaveAttribute('data-tensors', baseline);
}

test('the Transformer race: short races to done, paused, stopped, reset, tensors freed (both locales)', async ({
  page,
}) => {
  test.setTimeout(240_000);
  const { seen, lab } = await openLab(page, 'math/attention/?lab-backend=wasm', 'transformer-race');
  await race(lab, { train: 'Train', pause: 'Pause', resume: 'Resume', stop: 'Stop', reset: 'Reset' });
  for (const bad of ['0', '-3', 'abc', '', '99999']) {
    await lab.locator('input[name="length"]').fill(bad);
    await expect(lab.getByText('Enter a whole number from 4 to 24.')).toBeVisible();
    await expect(lab.getByRole('button', { name: 'Train', exact: true })).toBeDisabled();
  }
  await lab.locator('input[name="length"]').fill('16');
  await lab.locator('input[name="budget"]').fill('0.5');
  await expect(lab.getByText('Enter a whole number from 1 to 600.')).toBeVisible();
  expect(seen.errors).toEqual([]);

  await page.goto('zh-cn/math/attention/?lab-backend=wasm');
  const zh = await hydratedLab(page, 'transformer-race');
  await race(zh, { train: '训练', pause: '暂停', resume: '继续', stop: '停止', reset: '重置' });
  await zh.locator('input[name="seed"]').fill('NaN');
  await expect(zh.getByText('请输入 0 到 2,147,483,647 之间的整数。')).toBeVisible();
  expect(seen.errors).toEqual([]);
  expect(seen.offsite).toEqual([]);
});
