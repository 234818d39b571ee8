// The Practice chapter's lab, end to end in the browser: TensorFlow.js trains the article's CNN
// on a small slice of MNIST in a worker, on the WASM backend with the project's kernels; the loss
// falls (with the cosine learning-rate schedule); pause, resume, stop and reset work; the worker's tensor count returns to its baseline
// after each, and Reset takes the lab back to its first state (results, charts, matrix, messages,
// announcements); bad input gets an inline message that fits the field; a finished run says so; the
// developer's numbers sit behind "Details"; a trained model survives a reload in IndexedDB and says it
// was loaded; the buttons beside the text's figures set their settings; no select, caption or axis
// label is cut at 360 px.
import { expect, test, type Locator } from '@playwright/test';
import { cutCaptions, cutSelects } from './lab-layout';
import { axeProblems, guard, hydratedLab, openLab } from './book';

// The two locales' runs one after the other: two CPU trainings at once starve a 2-core machine.
test.describe.configure({ mode: 'serial' });

for (const { prefix, train, pause, resume, reset, stop, schedule, batchMessages, finished, details } of [
  {
    prefix: '',
    train: 'Train',
    pause: 'Pause',
    resume: 'Resume',
    reset: 'Reset',
    stop: 'Stop',
    schedule: 'Learning-rate schedule',
    batchMessages: {
      filled: 'Batch size must be a whole number from 1 to 1,024, such as 32.',
      empty: 'Batch size is empty: type a whole number from 1 to 1,024, such as 32.',
    },
    finished: 'Finished',
    details: 'Details',
  },
  {
    prefix: 'zh-cn/',
    train: '训练',
    pause: '暂停',
    resume: '继续',
    reset: '重置',
    stop: '停止',
    schedule: '学习率调度',
    batchMessages: {
      filled: '批量大小应为 1 到 1,024 之间的整数，例如 32。',
      empty: '请填写批量大小：1 到 1,024 之间的整数，例如 32。',
    },
    finished: '已完成',
    details: '详细信息',
  },
]) {
  test(`the CNN lab trains, pauses, resumes and resets (${prefix || 'en'})`, async ({ page }) => {
    test.setTimeout(240_000);
    const seen = guard(page);
    const scripts: { url: string; bytes: number }[] = [];
    // (a body still being read when the page closes is let go, not left to reject)
    page.on('response', (response) => {
      if (response.request().resourceType() !== 'script') return;
      response.body().then(
        (body) => void scripts.push({ url: response.url(), bytes: body.length }),
        () => undefined,
      );
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
    await lab.getByRole('button', { name: train, exact: true }).click();
    await expect(rate).toHaveAttribute('aria-invalid', 'true');
    await expect(lab.locator('.field-error')).toHaveCount(1);
    await expect(lab).toHaveAttribute('data-state', 'idle');
    await rate.fill('0.001');
    // a whole-number field gets a whole-number message with its range, whatever was typed
    const batch = lab.locator('input[name="batchSize"]');
    for (const bad of ['0', '-1', 'NaN', '1e9', '2.5', '']) {
      await batch.fill(bad);
      await lab.getByRole('button', { name: train, exact: true }).click();
      await expect(batch).toHaveAttribute('aria-invalid', 'true');
      await expect(lab.locator('.field-error')).toHaveText(bad === '' ? batchMessages.empty : batchMessages.filled);
    }
    // Reset clears the messages (the typed value stays, and Train checks it again)
    await lab.getByRole('button', { name: reset }).click();
    await expect(lab.locator('.field-error')).toHaveCount(0);
    await expect(batch).not.toHaveAttribute('aria-invalid', 'true');
    await batch.fill('32');
    await lab.locator('input[name="epochs"]').fill('2'); // long enough to pause in the middle
    // the learning rate decays along a cosine over both epochs (the control is labelled in each locale)
    await expect(lab.getByLabel(schedule)).toHaveValue('constant');
    await lab.getByLabel(schedule).selectOption('cosine');

    // A slice of MNIST on the WASM backend: the one every machine has, and fast without a GPU.
    await lab.locator('select[name="examples"]').selectOption('2000');
    await lab.locator('select[name="backend"]').selectOption('wasm');
    // The metrics and the charts are there from the run's start: once the first step is shown,
    // none of them is mounted any more (the page below the lab stays put while the model trains)
    await lab.evaluate((root) => {
      const late: string[] = [];
      (window as unknown as { lateParts: string[] }).lateParts = late;
      const parts = 'dl.metrics, .charts, figure.line-chart, details.data';
      new MutationObserver((records) => {
        if (!root.querySelector('[data-progress]')) return;
        for (const record of records)
          for (const node of record.addedNodes)
            if (node instanceof Element)
              for (const part of [node, ...node.querySelectorAll(parts)].filter((e) => e.matches(parts)))
                late.push(part.className);
      }).observe(root, { childList: true, subtree: true });
    });
    await lab.getByRole('button', { name: train, exact: true }).click();
    await expect(lab).toHaveAttribute('data-state', /loading|training/);
    await expect(lab).toHaveAttribute('data-state', 'training', { timeout: 60_000 });
    await expect(lab.locator('[data-metric="loss"]')).toBeVisible({ timeout: 60_000 });
    const firstLoss = Number((await lab.locator('[data-metric="loss"]').textContent())!.replace(/,/g, ''));
    await expect(lab).toHaveAttribute('data-backend', 'wasm');
    // how the backend runs, in the reader's language
    if (prefix) {
      await expect(lab.locator('.status')).toContainText(/SIMD，(单线程|\d+ 个线程)/);
      await expect(lab.locator('.status')).not.toContainText('thread');
    } else await expect(lab.locator('.status')).toContainText(/SIMD, (1 thread|\d+ threads)/);

    await lab.getByRole('button', { name: pause }).click();
    // a pause takes effect between two batches; on a busy 2-core CI machine a CPU batch takes seconds
    await expect(lab).toHaveAttribute('data-state', 'paused', { timeout: 60_000 });
    await lab.getByRole('button', { name: resume }).click();
    await expect(lab).toHaveAttribute('data-state', /training|done/);
    await expect(lab).toHaveAttribute('data-state', 'done', { timeout: 180_000 });
    await expect(lab.locator('.charts figure.line-chart')).toHaveCount(2);
    expect(await page.evaluate(() => (window as unknown as { lateParts: string[] }).lateParts)).toEqual([]);
    const lastLoss = Number((await lab.locator('[data-metric="loss"]').textContent())!.replace(/,/g, ''));
    expect(lastLoss).toBeLessThan(firstLoss);
    // a finished run says finished, with no time left
    await expect(lab.locator('.status strong')).toHaveText(finished);
    await expect(lab.locator('[data-progress]')).toContainText(finished);
    await expect(lab.locator('[data-progress]')).not.toContainText(/left|剩/);
    // the developer's numbers are behind a closed "Details"
    const tensors = lab.locator('details.details .tensors');
    await expect(tensors).toBeHidden();
    await lab.locator('details.details summary').filter({ hasText: details }).click();
    await expect(tensors).toBeVisible();
    // the log (read aloud) and the metrics show the same test figures
    const log = (await lab.locator('p.sr-only[aria-live]').last().textContent())!;
    expect(log).toContain((await lab.locator('[data-metric="test-loss"]').textContent())!);
    expect(log).toContain((await lab.locator('[data-metric="test-acc"]').textContent())!);

    // the finished lab (bars, metrics, chart, table) is accessible too
    expect(await axeProblems(page, '[data-lab="cnn-practice"]')).toEqual([]);

    const baseline = await lab.getAttribute('data-tensors-baseline');
    expect(baseline).not.toBeNull();
    await expect(lab.locator('table[data-confusion]')).toBeVisible();
    await lab.getByRole('button', { name: reset }).click();
    await expect(lab).toHaveAttribute('data-state', 'idle');
    await expect(lab).toHaveAttribute('data-tensors', baseline!);
    await expectFirstState(lab);
    await expect(lab.getByRole('button', { name: reset })).toBeDisabled();

    // a stop in the middle of an epoch, then a reset: back to the baseline again
    await lab.getByRole('button', { name: train, exact: true }).click();
    await expect(lab.locator('[data-metric="loss"]')).toBeVisible({ timeout: 60_000 });
    await lab.getByRole('button', { name: stop }).click();
    await expect(lab).toHaveAttribute('data-state', 'idle', { timeout: 60_000 });
    await lab.getByRole('button', { name: reset }).click();
    await expect(lab).toHaveAttribute('data-tensors', baseline!);

    expect(seen.errors).toEqual([]);
    expect(seen.offsite).toEqual([]);
  });
}

/** What a lab shows before its first run: no results, charts, pictures, messages or announcements. */
async function expectFirstState(lab: Locator) {
  await expect(lab).toHaveAttribute('data-state', 'idle');
  for (const selector of [
    '[data-metric]',
    '[data-progress]',
    '.charts',
    'table[data-confusion]',
    '.gallery',
    '.filters',
    '.field-error',
    '[role="alert"]',
    '.saved',
  ])
    await expect(lab.locator(selector), selector).toHaveCount(0);
  await expect(lab.locator('p.sr-only[aria-live]').last()).toBeEmpty();
}

test('a trained model is saved in the browser and loaded back after a reload', async ({ page }) => {
  test.setTimeout(180_000);
  const { seen, lab } = await openLab(page, 'practice/?lab-backend=wasm', 'cnn-practice');
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
  // a loaded model says it was loaded, not that an epoch finished
  await expect(lab.locator('.status strong')).toHaveText('Model loaded');
  await expect(lab.locator('p.sr-only[aria-live]').last()).toContainText('Model loaded');
  await expect(lab.locator('p.sr-only[aria-live]').last()).not.toContainText('Epoch');

  // a file that is not a model: a clear message, and the lab still works
  await lab
    .getByLabel('Open model files')
    .setInputFiles({ name: 'model.json', mimeType: 'application/json', buffer: Buffer.from('{"hello": 1}') });
  await expect(lab.getByRole('alert')).toContainText('not a TensorFlow.js layers model');
  expect(seen.errors).toEqual([]);
  expect(seen.offsite).toEqual([]);
});

test('the buttons beside the text figures set every setting the text names', async ({ page }) => {
  const { seen, lab } = await openLab(page, 'practice/', 'cnn-practice');
  // the defaults are what the text says: the article's recipe on 2,000 digits, scored on 500
  await expect(lab.locator('input[name="learningRate"]')).toHaveValue('0.001');
  await expect(lab.locator('input[name="batchSize"]')).toHaveValue('32');
  await expect(lab.locator('input[name="seed"]')).toHaveValue('42');
  await expect(lab.locator('select[name="examples"]')).toHaveValue('2000');
  await expect(lab.locator('select[name="test-images"]')).toHaveValue('500');
  await lab.getByRole('button', { name: /Fashion-MNIST, cosine decay from 0.003/ }).click();
  await expect(lab.locator('select[name="dataset"]')).toHaveValue('fashion-mnist');
  await expect(lab.locator('select[name="examples"]')).toHaveValue('60000');
  await expect(lab.locator('select[name="test-images"]')).toHaveValue('10000');
  await expect(lab.locator('input[name="learningRate"]')).toHaveValue('0.003');
  await expect(lab.locator('select[name="schedule"]')).toHaveValue('cosine');
  await expect(lab.locator('input[name="epochs"]')).toHaveValue('1');
  await expect(lab.locator('input[name="seed"]')).toHaveValue('42');
  await expect(lab.getByRole('status').filter({ hasText: '88.3 %' })).toBeVisible();
  await lab.getByRole('button', { name: /Digits, one full epoch/ }).click();
  await expect(lab.locator('select[name="dataset"]')).toHaveValue('mnist');
  await expect(lab.locator('input[name="learningRate"]')).toHaveValue('0.001');
  await expect(lab.locator('select[name="schedule"]')).toHaveValue('constant');
  expect(seen.errors).toEqual([]);
});

for (const { width, prefix } of [
  { width: 360, prefix: '' },
  { width: 360, prefix: 'zh-cn/' },
  { width: 1440, prefix: '' },
]) {
  test(`no select, caption or axis label is cut at ${width} px (${prefix || 'en'})`, async ({ page }) => {
    test.setTimeout(120_000);
    const seen = guard(page);
    await page.setViewportSize({ width, height: 900 });
    await page.goto(`${prefix}practice/?lab-backend=wasm`);
    for (const id of ['cnn-practice', 'cnn-emoji', 'cnn-cifar']) await hydratedLab(page, id);
    expect(await cutSelects(page, '[data-lab]')).toEqual([]);
    // a short emoji run: its confusion matrix (long class names), its caption and the charts' axes
    const lab = await hydratedLab(page, 'cnn-emoji');
    await lab.locator('input[name="epochs"]').fill('1');
    await lab.locator('select[name="examples"]').selectOption('256');
    await lab.locator('button[type="submit"]').click();
    await expect(lab).toHaveAttribute('data-state', 'done', { timeout: 90_000 });
    await expect(lab.locator('table[data-confusion]')).toBeVisible();
    await expect(lab.locator('.x-axis').first()).toBeVisible();
    expect(await cutCaptions(lab)).toEqual([]);
    expect(await cutSelects(page, '[data-lab="cnn-emoji"]')).toEqual([]);
    // the axis labels are readable text, not shrunken drawing
    const size = await lab
      .locator('.x-axis')
      .first()
      .evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
    expect(size).toBeGreaterThanOrEqual(12);
    expect(seen.errors).toEqual([]);
  });
}
