// The attention lab end to end, on the WASM backend, in both locales: the two translators (with and
// without attention) train a short run to done side by side, the held-out score and the per-format
// table appear, a typed date gets both outputs and the attention matrix (a table, one row per
// output character, one column per input character, each row summing to about 100 %), bad input
// gets an inline message, Reset brings both workers back to their tensor baseline, and no console
// error or off-site request happens. Tiny settings: a few batches of 8, 16 test dates.
import { expect, test, type Locator } from '@playwright/test';
import { axeProblems, guard, hydratedLab } from './book';

test.describe.configure({ mode: 'serial' });

const SIDES = ['attention-translate-attention', 'attention-translate-plain'];

async function trainTiny(lab: Locator, trainBoth: string): Promise<void> {
  await lab.locator('input[name="steps"]').fill('3');
  await lab.locator('input[name="tested"]').fill('16');
  for (const side of SIDES) {
    await lab.locator(`[data-lab="${side}"] input[name="batchSize"]`).fill('8');
    await lab.locator(`[data-lab="${side}"] input[name="epochs"]`).fill('1');
  }
  await lab.getByRole('button', { name: trainBoth }).click();
  for (const side of SIDES)
    await expect(lab.locator(`[data-lab="${side}"]`)).toHaveAttribute('data-state', 'done', { timeout: 90_000 });
  await expect(lab).toHaveAttribute('data-state', 'done');
}

/** The matrix's rows: each output character's weights as the cells' hidden text, in %. */
async function rowSums(lab: Locator): Promise<number[]> {
  const rows = lab.locator('table.matrix tbody tr');
  const sums: number[] = [];
  for (let r = 0; r < (await rows.count()); r++) {
    const cells = await rows.nth(r).locator('td').allTextContents();
    sums.push(cells.reduce((s, c) => s + Number(c.replace(/[^\d.]/g, '')), 0));
  }
  return sums;
}

test('English: both translators train, a typed date gets both outputs and the attention matrix, Reset restores the baseline', async ({
  page,
}) => {
  test.setTimeout(150_000);
  const seen = guard(page);
  await page.goto('applications/?lab-backend=wasm');
  const lab = await hydratedLab(page, 'attention-translate');
  await expect(lab).toHaveAttribute('data-state', 'idle');
  await expect(lab.getByRole('button', { name: 'Translate' })).toBeDisabled();
  const steps = lab.locator('input[name="steps"]');
  for (const bad of ['0', 'NaN', '']) {
    await steps.fill(bad);
    await expect(steps).toHaveAttribute('aria-invalid', 'true');
    await expect(lab.getByRole('button', { name: 'Train both' })).toBeDisabled();
  }
  await trainTiny(lab, 'Train both');
  await expect(
    lab.getByText(/Exact match on 16 held-out test dates: with attention [\d.]+ %, without [\d.]+ %/),
  ).toBeVisible();
  await expect(lab.locator('table.formats tbody tr')).toHaveCount(16);

  const date = lab.locator('input[name="date"]');
  await date.fill('');
  await expect(date).toHaveAttribute('aria-invalid', 'true');
  await date.fill('May 3rd, 21');
  await lab.getByRole('button', { name: 'Translate' }).click();
  // a short run writes some ten characters, right or not; each model answers
  await expect(lab.getByText(/With attention: .{10} · without: .{10}/)).toBeVisible({ timeout: 30_000 });
  const matrix = lab.locator('table.matrix');
  await expect(matrix.locator('thead th.in')).toHaveCount('may 3rd, 21'.length);
  await expect(matrix.locator('tbody tr')).toHaveCount(10);
  for (const sum of await rowSums(lab)) expect(Math.abs(sum - 100)).toBeLessThanOrEqual(6);
  expect(await axeProblems(page, '[data-lab="attention-translate"]')).toEqual([]);

  const baselines = await Promise.all(
    SIDES.map((s) => lab.locator(`[data-lab="${s}"]`).getAttribute('data-tensors-baseline')),
  );
  await lab.getByRole('button', { name: 'Reset both' }).click();
  await expect(lab).toHaveAttribute('data-state', 'idle');
  for (const [i, side] of SIDES.entries())
    await expect(lab.locator(`[data-lab="${side}"]`)).toHaveAttribute('data-tensors', baselines[i]!);
  await expect(matrix).toHaveCount(0);
  await expect(lab.getByText(/Exact match on/)).toHaveCount(0);
  expect(seen.errors).toEqual([]);
  expect(seen.offsite).toEqual([]);
});

test('简体中文: the lab trains and translates a date written in Chinese numerals', async ({ page }) => {
  test.setTimeout(150_000);
  const seen = guard(page);
  await page.goto('zh-cn/applications/?lab-backend=wasm');
  const lab = await hydratedLab(page, 'attention-translate');
  await trainTiny(lab, '两个一起训练');
  await expect(lab.getByText(/16 个留出测试日期的完全匹配率/)).toBeVisible();
  await lab.locator('input[name="date"]').fill('二〇二一年五月三日');
  await lab.getByRole('button', { name: '翻译', exact: true }).click();
  await expect(lab.getByText(/有注意力：.{10} · 无注意力：.{10}/)).toBeVisible({ timeout: 30_000 });
  await expect(lab.locator('table.matrix thead th.in')).toHaveCount(9);
  await expect(lab.locator('table.matrix tbody tr')).toHaveCount(10);
  const baselines = await Promise.all(
    SIDES.map((s) => lab.locator(`[data-lab="${s}"]`).getAttribute('data-tensors-baseline')),
  );
  await lab.getByRole('button', { name: '两个一起重置' }).click();
  await expect(lab).toHaveAttribute('data-state', 'idle');
  for (const [i, side] of SIDES.entries())
    await expect(lab.locator(`[data-lab="${side}"]`)).toHaveAttribute('data-tensors', baselines[i]!);
  expect(seen.errors).toEqual([]);
  expect(seen.offsite).toEqual([]);
});
