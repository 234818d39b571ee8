// The offline reader (scripts/integrations/offline.ts): after one online visit the service worker has kept the
// book, so with the network off the reader can open other chapters in both locales, search, and
// train a lab; the "read offline" control downloads the datasets too, with a progress bar.
import { expect, test } from '@playwright/test';
import { guard, hydratedLab } from './book';

test.use({ serviceWorkers: 'allow' });

test('after one visit the book works offline: chapters in both locales, search and a lab', async ({
  page,
  context,
}) => {
  test.setTimeout(240_000);
  const seen = guard(page);
  await page.goto('');
  // the service worker installs and copies the whole build (pages, styles, fonts, scripts, WASM, search)
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
  });
  const control = page.locator('[data-offline]');
  await control.scrollIntoViewIfNeeded();
  await expect(control).toHaveAttribute('data-offline', /partial|ready/, { timeout: 60_000 });
  await expect(control.getByRole('status')).toContainText(/Kept so far|Everything is kept/);
  // the control's count reaches every file of the build once the worker has finished
  await expect
    .poll(async () => page.evaluate(async () => (await caches.keys()).some((k) => k.startsWith('book-site-'))), {
      timeout: 60_000,
    })
    .toBe(true);
  await page.reload();
  await expect(control).toHaveAttribute('data-offline', /partial|ready/, { timeout: 60_000 });
  await expect(control.getByRole('status')).toContainText(/Kept so far: (\d[\d,]*) of \1 files|Everything is kept/, {
    timeout: 60_000,
  });

  await context.setOffline(true);
  for (const path of ['math/derivations/', 'zh-cn/algorithms/', 'zh-cn/faq/', 'practice/']) {
    const response = await page.goto(path);
    expect(response?.ok(), path).toBe(true);
    await expect(page.locator('h1')).toBeVisible();
  }
  // search: Pagefind's index comes from the cache too
  await page.goto('math/derivations/');
  await page.getByRole('button', { name: 'Search' }).first().click();
  await page.locator('dialog input[type="search"], input.pagefind-ui__search-input').first().fill('discriminator');
  await expect(page.locator('.pagefind-ui__result').first()).toBeVisible({ timeout: 30_000 });
  await page.keyboard.press('Escape');
  // a lab that needs no download trains offline: TensorFlow.js, its WASM binary and the worker are cached
  const lab = await hydratedLab(page, 'gan-2d');
  await lab.locator('input[name="iterations"]').fill('30');
  await lab.getByRole('button', { name: 'Train', exact: true }).click();
  await expect(lab).toHaveAttribute('data-state', 'done', { timeout: 120_000 });
  await context.setOffline(false);
  expect(seen.errors.filter((e) => !e.includes('net::ERR_INTERNET_DISCONNECTED'))).toEqual([]);
  expect(seen.offsite).toEqual([]);
});

test('the read-offline control downloads every dataset with a progress bar, then MNIST trains offline (zh-cn)', async ({
  page,
  context,
}) => {
  test.setTimeout(300_000);
  const seen = guard(page);
  await page.goto('zh-cn/');
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
  });
  const control = page.locator('[data-offline]');
  await control.scrollIntoViewIfNeeded();
  const button = control.getByRole('button', { name: '下载全部内容，供离线使用' });
  await expect(button).toBeEnabled({ timeout: 60_000 });
  await button.click();
  await expect(control).toHaveAttribute('data-offline', 'downloading');
  await expect(control.locator('progress')).toBeVisible();
  await expect(control).toHaveAttribute('data-offline', 'ready', { timeout: 240_000 });
  await expect(control.getByRole('status')).toContainText('全部内容都已保存');
  // the real sizes: the build's files plus every dataset's gzipped chunks as they travel (the
  // manifest's gzBytes), well under the ~136 MB the book was with raw data
  const [siteBytes, dataBytes] = await page.evaluate(async () => {
    const site = (await (await fetch('../offline.json')).json()) as { bytes: number };
    const sum = (v: unknown): number =>
      Array.isArray(v) || (typeof v === 'object' && v !== null)
        ? Object.entries(v).reduce((n, [k, x]) => n + (k === 'gzBytes' ? (x as number) : sum(x)), 0)
        : 0;
    return [site.bytes, sum(await (await fetch('../data/manifest.json')).json())];
  });
  const total = Number(/共 ([\d.,]+) MB/.exec((await control.getByRole('status').textContent()) ?? '')?.[1]);
  expect(Math.abs(total - (siteBytes + dataBytes) / 1e6)).toBeLessThanOrEqual(0.051);
  expect(total).toBeLessThan(60);
  await expect(control).toContainText(`数据集（共 ${(dataBytes / 1e6).toFixed(1)} MB）`);

  await context.setOffline(true);
  await page.goto('zh-cn/practice/?lab-backend=wasm');
  const lab = await hydratedLab(page, 'cnn-practice');
  await lab.locator('select[name="examples"]').selectOption('256');
  await lab.getByRole('button', { name: '训练', exact: true }).click();
  await expect(lab).toHaveAttribute('data-state', 'done', { timeout: 120_000 });
  await context.setOffline(false);
  expect(seen.errors.filter((e) => !e.includes('net::ERR_INTERNET_DISCONNECTED'))).toEqual([]);
  expect(seen.offsite).toEqual([]);
});
