// The batch-size sweep (FAQ 9.3) end to end, on the WASM backend, in both locales: batch sizes
// chosen by keyboard and mouse, a bad setting refused inline; a sweep on 10,000 digits paused,
// resumed and stopped with the tensors back at the baseline; then a tiny sweep (batches of 32
// and 128, one epoch of 1,000 digits) to done, each row with its examples per second and either
// its steps to target (the one test, after the last step) or "not reached"; the first line quotes
// the result, axe finds nothing serious, Reset frees every tensor, no console error.
import { expect, test, type Locator } from '@playwright/test';
import { batch } from '../src/i18n/batch';
import { en } from '../src/i18n/en';
import { zhCN as zhCn } from '../src/i18n/zh-cn';
import { axeProblems, hydratedLab, openLab } from './book';

type Strings = Record<string, string>;

async function sweep(lab: Locator, s: Strings, b: Strings) {
  const button = (name: string) => lab.getByRole('button', { name, exact: true });
  await expect(lab).toHaveAttribute('data-state', 'idle');
  await expect(lab.locator('[data-batch-summary]')).toHaveAttribute('data-batch-summary', 'waiting');
  // keep 32 and 128: untick 16 by keyboard, 64 and 256 by mouse
  const sixteen = lab.locator('input[name="batch-16"]');
  await sixteen.focus();
  await lab.page().keyboard.press('Space');
  await expect(sixteen).not.toBeChecked();
  await lab.locator('input[name="batch-64"]').uncheck();
  await lab.locator('input[name="batch-256"]').uncheck();
  // out of range and empty are refused inline, and Train waits
  const momentum = lab.locator('input[name="momentum"]');
  for (const bad of ['1', '', 'abc']) {
    await momentum.fill(bad);
    await expect(lab.locator('.field-error')).toHaveCount(1);
    await expect(button(s['lab.train']!)).toBeDisabled();
  }
  await momentum.fill('0.9');
  await expect(button(s['lab.train']!)).toBeEnabled();

  // a longer sweep: pause, resume, stop
  await lab.locator('select[name="examples"]').selectOption('10000');
  await lab.locator('input[name="epochs"]').fill('3');
  await lab.locator('input[name="target"]').fill('99.9');
  await button(s['lab.train']!).click();
  await expect(lab).toHaveAttribute('data-state', 'training', { timeout: 60_000 });
  await button(s['lab.pause']!).click();
  await expect(lab).toHaveAttribute('data-state', 'paused');
  await button(s['lab.resume']!).click();
  await expect(lab).toHaveAttribute('data-state', 'training');
  await button(s['lab.stop']!).click();
  await expect(lab).toHaveAttribute('data-state', 'idle');
  const baseline = await lab.getAttribute('data-tensors-baseline');
  expect(baseline).not.toBeNull();
  await expect(lab).toHaveAttribute('data-tensors', baseline!);

  // a tiny sweep to done
  await lab.locator('select[name="examples"]').selectOption('1000');
  await lab.locator('input[name="epochs"]').fill('1');
  await lab.locator('input[name="target"]').fill('50');
  await button(s['lab.train']!).click();
  await expect(lab).toHaveAttribute('data-state', 'done', { timeout: 90_000 });
  await expect(lab.locator('tr[data-batch]')).toHaveCount(2);
  let reached = 0;
  for (const [size, steps] of [
    [32, 32],
    [128, 8],
  ]) {
    const row = lab.locator(`tr[data-batch="${size}"]`);
    expect(Number(await row.getAttribute('data-rate'))).toBeGreaterThan(0);
    const outcome = await row.getAttribute('data-outcome');
    expect(['reached', 'budget']).toContain(outcome);
    // one epoch of 1,000 is shorter than the test interval: the only test is after the last step
    await expect(row).toHaveAttribute('data-steps', outcome === 'reached' ? String(steps) : '');
    if (outcome === 'reached') reached += 1;
    else await expect(row).toContainText(b['batch.notReached']!.replace('{epochs}', '1'));
  }
  await expect(lab.locator('[data-batch-summary]')).toHaveAttribute(
    'data-batch-summary',
    reached > 0 ? 'measured' : 'none',
  );
  if (reached > 0) await expect(lab.locator('svg polyline')).not.toHaveCount(0);
  expect(await axeProblems(lab.page(), '[data-lab="batch-lab"]')).toEqual([]);
  await expect(lab).toHaveAttribute('data-tensors', baseline!);
  await button(s['lab.reset']!).click();
  await expect(lab).toHaveAttribute('data-state', 'idle');
  await expect(lab).toHaveAttribute('data-tensors', baseline!);
  await expect(lab.locator('tr[data-batch]')).toHaveCount(0);
  await expect(lab.locator('[data-batch-summary]')).toHaveAttribute('data-batch-summary', 'waiting');
}

test('the batch-size sweep: pause, resume, stop, a tiny sweep to done, tensors freed (both locales)', async ({
  page,
}) => {
  test.setTimeout(240_000);
  const { seen, lab } = await openLab(page, 'faq/?lab-backend=wasm', 'batch-lab');
  await sweep(lab, en as Strings, batch.en);
  expect(seen.errors).toEqual([]);

  await page.goto('zh-cn/faq/?lab-backend=wasm');
  const zh = await hydratedLab(page, 'batch-lab');
  await sweep(zh, zhCn as Strings, batch['zh-cn']);
  expect(seen.errors).toEqual([]);
  expect(seen.offsite).toEqual([]);
});
