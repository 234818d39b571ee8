// "Your device, measured" (FAQ 9.3): the article's CNN timed on every backend in one worker. The
// root project's Chromium has no WebGPU adapter (listed as unavailable, with why) and at most
// SwiftShader's WebGL (measured and called a software GPU); WASM (all threads and one) and plain
// JavaScript are measured, the tensor count back at the
// worker's baseline after every backend, the FAQ's line quoting the result. English runs to done
// and is checked by axe; Chinese is stopped part-way, then measured again in a fresh worker. Small
// batches, half-second windows.
import { expect, test, type Locator } from '@playwright/test';
import { device } from '../src/i18n/device';
import { axeProblems, openLab } from './book';

const MEASURED = ['wasm-1', 'cpu'];

async function measureToDone(lab: Locator, d: Record<keyof (typeof device)['en'], string>, threads: number) {
  await lab.locator('select[name="batch"]').selectOption('8');
  await lab.locator('select[name="window"]').selectOption('500');
  await lab.getByRole('button', { name: d['device.measure'], exact: true }).click();
  await expect(lab).toHaveAttribute('data-state', 'done', { timeout: 60_000 });
  const baseline = await lab.getAttribute('data-baseline');
  expect(Number(baseline)).toBeGreaterThanOrEqual(0);
  expect(baseline).not.toBe('');
  // WASM on all threads is measured where the page has more than one (it is cross-origin isolated)
  for (const v of threads > 1 ? [...MEASURED, 'wasm-all'] : MEASURED) {
    const row = lab.locator(`tr[data-variant="${v}"]`);
    await expect(row).toHaveAttribute('data-race-state', 'done');
    expect(Number(await row.getAttribute('data-rate'))).toBeGreaterThan(0);
    await expect(row).toHaveAttribute('data-tensors', baseline!);
  }
  const webgpu = lab.locator('tr[data-variant="webgpu"]');
  await expect(webgpu).toHaveAttribute('data-race-state', 'unavailable');
  await expect(webgpu).toContainText(d['device.unavailable'].split('{')[0]!.trim());
  // this Chromium's WebGL, where it has one, is SwiftShader: measured, and called a software GPU
  const webgl = lab.locator('tr[data-variant="webgl"]');
  if ((await webgl.getAttribute('data-race-state')) === 'done') {
    await expect(webgl).toContainText(d['device.software'].replace('{detail}', '').replace(/^[,，]\s*/, ''));
  } else {
    await expect(webgl).toHaveAttribute('data-race-state', 'unavailable');
  }
  await expect(lab.locator('[data-race-summary]')).toHaveAttribute('data-race-summary', 'measured');
  await expect(lab).toHaveAttribute('data-backend', 'wasm');
}

test('backend race: WASM and plain JavaScript measured, WebGPU unavailable with why, axe clean (en)', async ({
  page,
}) => {
  const { seen, lab } = await openLab(page, 'faq/?lab-backend=wasm', 'backend-race');
  await expect(lab).toHaveAttribute('data-state', 'idle');
  await expect(lab.locator('[data-race-summary]')).toHaveText(device.en['device.summary.before']);
  const threads = await page.evaluate(() => navigator.hardwareConcurrency);
  await measureToDone(lab, device.en, threads);
  // the quoted line names the fastest backend and its speed, as the table has it
  await expect(lab.locator('[data-race-summary]')).toContainText('On your device,');
  expect(await axeProblems(page, '[data-lab="backend-race"]')).toEqual([]);
  expect(seen.errors).toEqual([]);
  expect(seen.offsite).toEqual([]);
});

test('backend race: Stop part-way, then a new race in a fresh worker, Reset (zh-cn)', async ({ page }) => {
  test.setTimeout(120_000);
  const d = device['zh-cn'];
  const { seen, lab } = await openLab(page, 'zh-cn/faq/?lab-backend=wasm', 'backend-race');
  await lab.locator('select[name="batch"]').selectOption('8');
  await lab.locator('select[name="window"]').selectOption('5000');
  await lab.getByRole('button', { name: d['device.measure'], exact: true }).click();
  await expect(lab.locator('tr[data-variant="wasm-all"], tr[data-variant="wasm-1"]').first()).toHaveAttribute(
    'data-race-state',
    'measuring',
    { timeout: 30_000 },
  );
  await expect(lab.locator('.progress')).toContainText('正在测量');
  await lab.getByRole('button', { name: d['device.stop'], exact: true }).click();
  await expect(lab).toHaveAttribute('data-state', 'idle', { timeout: 30_000 });
  await expect(lab.locator('tr[data-race-state="stopped"]')).toHaveCount(1);
  const baseline = await lab.getAttribute('data-baseline');
  await expect(lab.locator('.note')).toContainText(`剩余张量数：${baseline}（测量前：${baseline}）`);

  const threads = await page.evaluate(() => navigator.hardwareConcurrency);
  await measureToDone(lab, d, threads);
  await expect(lab.locator('[data-race-summary]')).toContainText('在你的设备上');
  await lab.getByRole('button', { name: d['device.reset'], exact: true }).click();
  await expect(lab).toHaveAttribute('data-state', 'idle');
  await expect(lab.locator('table')).toHaveCount(0);
  expect(seen.errors).toEqual([]);
  expect(seen.offsite).toEqual([]);
});
