// The Practice chapter's lab, end to end in the browser: TensorFlow.js trains the article's CNN
// on a small slice of MNIST in a worker, on the WASM backend with the project's kernels; the loss
// falls (with the cosine learning-rate schedule); pause, resume, stop and reset work; the worker's tensor count returns to its baseline
// after each; bad input gets an inline message; a trained model survives a reload in IndexedDB.
import { expect, test } from '@playwright/test';
import { axeProblems, guard, hydratedLab } from './book';

// The two locales' runs one after the other: two CPU trainings at once starve a 2-core machine.
test.describe.configure({ mode: 'serial' });

for (const { prefix, train, pause, resume, reset, stop, schedule } of [
  {
    prefix: '',
    train: 'Train',
    pause: 'Pause',
    resume: 'Resume',
    reset: 'Reset',
    stop: 'Stop',
    schedule: 'Learning-rate schedule',
  },
  {
    prefix: 'zh-cn/',
    train: '训练',
    pause: '暂停',
    resume: '继续',
    reset: '重置',
    stop: '停止',
    schedule: '学习率调度',
  },
]) {
  test(`the CNN lab trains, pauses, resumes and resets (${prefix || 'en'})`, async ({ page }) => {
    test.setTimeout(240_000);
    const seen = guard(page);
    const scripts: { url: string; bytes: number }[] = [];
    page.on('response', async (response) => {
      if (response.request().resourceType() === 'script')
        scripts.push({ url: response.url(), bytes: (await response.body()).length });
    });
    await page.goto(`${prefix}practice/`);
    const lab = await hydratedLab(page, 'cnn-practice');
    await expect(lab).toHaveAttribute('data-state', 'idle');
    // TensorFlow.js stays out of the page: it loads with the worker, when the reader presses Train
    await page.waitForLoadState('networkidle');
    expect(scripts.some((s) => s.url.includes('worker'))).toBe(false);
    expect(scripts.reduce((sum, s) => sum + s.bytes, 0)).toBeLessThan(400_000);

    // Invalid input: an inline message, and nothing starts.
    const rate = lab.getByRole('textbox').first();
    await rate.fill('0');
    await lab.getByRole('button', { name: train }).click();
    await expect(rate).toHaveAttribute('aria-invalid', 'true');
    await expect(lab.locator('.field-error')).toHaveCount(1);
    await expect(lab).toHaveAttribute('data-state', 'idle');
    await rate.fill('0.001');
    await lab.locator('input[name="epochs"]').fill('2'); // long enough to pause in the middle
    // the learning rate decays along a cosine over both epochs (the control is labelled in each locale)
    await expect(lab.getByLabel(schedule)).toHaveValue('constant');
    await lab.getByLabel(schedule).selectOption('cosine');

    // A slice of MNIST on the WASM backend: the one every machine has, and fast without a GPU.
    await lab.locator('select[name="examples"]').selectOption('2000');
    await lab.locator('select[name="backend"]').selectOption('wasm');
    await lab.getByRole('button', { name: train }).click();
    await expect(lab).toHaveAttribute('data-state', /loading|training/);
    await expect(lab).toHaveAttribute('data-state', 'training', { timeout: 60_000 });
    await expect(lab.locator('[data-metric="loss"]')).toBeVisible({ timeout: 60_000 });
    const firstLoss = Number((await lab.locator('[data-metric="loss"]').textContent())!.replace(/,/g, ''));
    await expect(lab).toHaveAttribute('data-backend', 'wasm');

    await lab.getByRole('button', { name: pause }).click();
    // a pause takes effect between two batches; on a busy 2-core CI machine a CPU batch takes seconds
    await expect(lab).toHaveAttribute('data-state', 'paused', { timeout: 60_000 });
    await lab.getByRole('button', { name: resume }).click();
    await expect(lab).toHaveAttribute('data-state', /training|done/);
    await expect(lab).toHaveAttribute('data-state', 'done', { timeout: 180_000 });
    const lastLoss = Number((await lab.locator('[data-metric="loss"]').textContent())!.replace(/,/g, ''));
    expect(lastLoss).toBeLessThan(firstLoss);

    // the finished lab (bars, metrics, chart, table) is accessible too
    expect(await axeProblems(page, '[data-lab="cnn-practice"]')).toEqual([]);

    const baseline = await lab.getAttribute('data-tensors-baseline');
    expect(baseline).not.toBeNull();
    await lab.getByRole('button', { name: reset }).click();
    await expect(lab).toHaveAttribute('data-state', 'idle');
    await expect(lab).toHaveAttribute('data-tensors', baseline!);

    // a stop in the middle of an epoch, then a reset: back to the baseline again
    await lab.getByRole('button', { name: train }).click();
    await expect(lab.locator('[data-metric="loss"]')).toBeVisible({ timeout: 60_000 });
    await lab.getByRole('button', { name: stop }).click();
    await expect(lab).toHaveAttribute('data-state', 'idle', { timeout: 60_000 });
    await lab.getByRole('button', { name: reset }).click();
    await expect(lab).toHaveAttribute('data-tensors', baseline!);

    expect(seen.errors).toEqual([]);
    expect(seen.offsite).toEqual([]);
  });
}

test('a trained model is saved in the browser and loaded back after a reload', async ({ page }) => {
  test.setTimeout(180_000);
  const seen = guard(page);
  await page.goto('practice/?lab-backend=wasm');
  const lab = await hydratedLab(page, 'cnn-practice');
  await lab.locator('select[name="examples"]').selectOption('2000');
  await lab.getByRole('button', { name: 'Train' }).click();
  await expect(lab).toHaveAttribute('data-state', 'done', { timeout: 120_000 });
  const trainedAcc = await lab.locator('[data-metric="test-acc"]').textContent();
  await lab.getByRole('button', { name: 'Save in this browser' }).click();
  await expect(lab.getByRole('status')).toContainText('Saved in this browser');

  await page.reload();
  await hydratedLab(page, 'cnn-practice');
  await lab.getByRole('button', { name: 'Load the saved model' }).click();
  await expect(lab).toHaveAttribute('data-state', 'done', { timeout: 60_000 });
  // the same model on the same 500 test images: the same accuracy
  await expect(lab.getByRole('status')).toContainText(`test accuracy ${trainedAcc}`);

  // a file that is not a model: a clear message, and the lab still works
  await lab
    .locator('input[type="file"]')
    .setInputFiles({ name: 'model.json', mimeType: 'application/json', buffer: Buffer.from('{"hello": 1}') });
  await expect(lab.getByRole('alert')).toContainText('not a TensorFlow.js layers model');
  expect(seen.errors).toEqual([]);
  expect(seen.offsite).toEqual([]);
});
