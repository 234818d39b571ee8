// The spoken-digit lab in the browser: an LSTM trains on espeak-ng voices on the WASM backend,
// reaches done with a test accuracy, and classifies a recording made on the page with Chromium's
// fake microphone (a beep: what matters is that recording, features and classification work end
// to end without a request leaving the page); the tensor count returns to its baseline, and Reset
// clears the recording with the rest. The lab starts from its quick settings, and "Use the settings
// of the text" sets the run behind the chapter's figure.
import { expect, test } from '@playwright/test';
import { CHROMIUM_ARGS, findChromium } from '../scripts/dev/chromium.mjs';
import { SEQUENCE_PRESETS } from '../src/ml/models/sequence-presets';
import { openLab } from './book';

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
  const { seen, lab } = await openLab(page, 'math/cases/?lab-backend=wasm', 'rnn-speech');
  // the quick settings first; the button sets the longer run the text's figure comes from
  const { defaults, text } = SEQUENCE_PRESETS['rnn-speech'];
  const epochs = lab.locator('input[name="epochs"]');
  await expect(epochs).toHaveValue(String(defaults.epochs));
  await lab.getByRole('button', { name: 'Use the settings of the text' }).click();
  await expect(epochs).toHaveValue(String(text.epochs));
  await expect(lab.locator('[data-preset]')).toHaveAttribute('data-preset', 'text');
  // a short run (a trained model is all the recording needs): 256 clips, 2 epochs
  await epochs.fill('2');
  await lab.locator('select[name="examples"]').selectOption('256');
  await expect(lab.locator('[data-preset]')).toHaveAttribute('data-preset', 'custom');
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
  // Reset clears the recording's picture and its message with the rest of the run
  await expect(lab.locator('.sequence-view')).toHaveCount(0);
  await expect(lab.getByText('Your recording is shown above')).toHaveCount(0);
  await expect(lab.locator('[data-metric]')).toHaveCount(0);
  await expect(lab.getByRole('button', { name: 'Record a digit' })).toHaveCount(0);
  expect(seen.errors).toEqual([]);
  expect(seen.offsite).toEqual([]);
});
