// The spoken-digit lab in the browser: an LSTM trains on espeak-ng voices on the WASM backend,
// reaches done with a test accuracy, and classifies a recording made on the page with Chromium's
// fake microphone (a beep: what matters is that recording, features and classification work end
// to end without a request leaving the page); the tensor count returns to its baseline.
import { expect, test } from '@playwright/test';
import { CHROMIUM_ARGS, findChromium } from '../scripts/chromium.mjs';
import { guard, hydratedLab } from './book';

test.use({
  launchOptions: {
    executablePath: process.env.CHROMIUM_PATH || findChromium(),
    args: [...CHROMIUM_ARGS, '--use-fake-ui-for-media-stream', '--use-fake-device-for-media-stream'],
  },
});

test('spoken digits: the LSTM trains on synthetic voices and classifies a recording made on the page', async ({
  page,
}) => {
  test.setTimeout(240_000);
  const seen = guard(page);
  await page.goto('math/cases/?lab-backend=wasm');
  const lab = await hydratedLab(page, 'rnn-speech');
  await lab.locator('input[name="epochs"]').fill('2');
  await lab.getByRole('button', { name: 'Train' }).click();
  await expect(lab).toHaveAttribute('data-state', 'done', { timeout: 180_000 });
  await expect(lab.locator('[data-metric="test-acc"]')).toBeVisible();
  await expect(lab.getByText('no sound leaves your device')).toBeVisible();
  await lab.getByRole('button', { name: 'Record a digit' }).click();
  await expect(lab.getByRole('status').last()).toContainText('Your recording is shown above', { timeout: 30_000 });
  await expect(lab.locator('.sequence-view svg polyline.predicted')).toHaveCount(1);
  const baseline = (await lab.getAttribute('data-tensors-baseline'))!;
  await lab.getByRole('button', { name: 'Reset' }).click();
  await expect(lab).toHaveAttribute('data-tensors', baseline);
  expect(seen.errors).toEqual([]);
  expect(seen.offsite).toEqual([]);
});
