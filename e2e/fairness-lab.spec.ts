// The fairness audit lab (Outlook chapter) on the WASM backend, in both locales: the classifier
// trains to done, the audit appears, a threshold moves by keyboard, a criterion's button sets the
// thresholds that meet it (its gap then counts as met), the impossibility paragraph is filled in,
// axe finds nothing serious, Reset brings the worker's tensors back to their baseline, and there is
// no console error or off-site request.
import { expect, test, type Locator, type Page } from '@playwright/test';
import { axeProblems, openLab } from './book';

test.describe.configure({ mode: 'serial' });

async function trainAndAudit(
  page: Page,
  path: string,
  epochs: string,
  train: string,
): Promise<{ lab: Locator; seen: { errors: string[]; offsite: string[] } }> {
  const { seen, lab } = await openLab(page, path, 'fairness');
  await expect(lab).toHaveAttribute('data-state', 'idle');
  await lab.locator('input[name="epochs"]').fill(epochs);
  await lab.getByRole('button', { name: train, exact: true }).click();
  await expect(lab).toHaveAttribute('data-state', 'done', { timeout: 90_000 });
  await expect(lab.locator('[data-thresholds]')).toHaveAttribute('data-thresholds', '50,50');
  return { lab, seen };
}

test('English: train, move a threshold by keyboard, meet equal opportunity, reset to the tensor baseline', async ({
  page,
}) => {
  test.setTimeout(150_000);
  const { lab, seen } = await trainAndAudit(page, 'outlook/?lab-backend=wasm', '5', 'Train');
  const audit = lab.locator('[data-thresholds]');
  // the same thresholds as the unit test that trains this model on WASM in Node (tasks/fairness/task.test.ts)
  const rows = { accuracy: '0.48, 0.62', parity: '0.53, 0.30', opportunity: '0.64, 0.48', odds: '0.16, 0.11' };
  for (const [criterion, thresholds] of Object.entries(rows))
    await expect(lab.locator(`[data-row="${criterion}"] td`).first()).toHaveText(thresholds);
  const blue = lab.getByRole('slider', { name: /Blue threshold/ });
  await blue.focus();
  for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowRight');
  await expect(audit).toHaveAttribute('data-thresholds', '53,50');
  await expect(lab.locator('[data-group="blue"] tbody td')).toHaveCount(4);
  const before = await audit.getAttribute('data-accuracy');

  await lab.getByRole('button', { name: 'Equal opportunity' }).click();
  await expect(lab.getByRole('button', { name: 'Equal opportunity' })).toHaveAttribute('aria-pressed', 'true');
  await expect(lab.locator('[data-gap="opportunity"]')).toHaveAttribute('data-met', 'true');
  await expect(audit).not.toHaveAttribute('data-thresholds', '53,50');
  await expect(lab.getByRole('status').filter({ hasText: 'Equal opportunity: thresholds' })).toBeVisible();
  // the most accurate pair is at least as accurate as any other, including the one set by hand
  await lab.getByRole('button', { name: 'Maximum accuracy' }).click();
  expect(Number(await audit.getAttribute('data-accuracy'))).toBeGreaterThanOrEqual(Number(before));
  await expect(lab.locator('[data-criteria] tbody tr')).toHaveCount(4);
  await expect(lab.locator('[data-impossible]')).toContainText('In your numbers: the blue base rate is 0.');
  expect(await axeProblems(page, '[data-lab="fairness"]')).toEqual([]);

  const baseline = (await lab.getAttribute('data-tensors-baseline'))!;
  await lab.getByRole('button', { name: 'Reset' }).click();
  await expect(lab).toHaveAttribute('data-state', 'idle');
  await expect(lab).toHaveAttribute('data-tensors', baseline);
  await expect(audit).toHaveCount(0);
  expect(seen.errors).toEqual([]);
  expect(seen.offsite).toEqual([]);
});

test('简体中文: train, meet demographic parity, reset to the tensor baseline', async ({ page }) => {
  test.setTimeout(120_000);
  const { lab, seen } = await trainAndAudit(page, 'zh-cn/outlook/?lab-backend=wasm', '1', '训练');
  await lab.getByRole('slider', { name: /橙色群体阈值/ }).focus();
  await page.keyboard.press('ArrowLeft');
  await expect(lab.locator('[data-thresholds]')).toHaveAttribute('data-thresholds', '50,49');
  await lab.getByRole('button', { name: '人口统计均等' }).click();
  await expect(lab.locator('[data-gap="parity"]')).toHaveAttribute('data-met', 'true');
  await expect(lab.locator('[data-impossible]')).toContainText('用你自己的数字来看');
  const baseline = (await lab.getAttribute('data-tensors-baseline'))!;
  await lab.getByRole('button', { name: '重置' }).click();
  await expect(lab).toHaveAttribute('data-tensors', baseline);
  expect(seen.errors).toEqual([]);
  expect(seen.offsite).toEqual([]);
});
