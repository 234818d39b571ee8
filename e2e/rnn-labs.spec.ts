// The recurrent labs end to end in the browser, each on the WASM backend in its own worker: the
// row-by-row MNIST reader, the spoken digits (with a fake microphone), the long-memory race and the
// forecaster. Each starts, its data-state goes through training to done, the loss falls, pause,
// resume, stop and reset work, the worker's tensor count returns to its baseline, bad input gets
// an inline message, and no console error or off-site request happens.
import { expect, test, type Locator } from '@playwright/test';
import { axeProblems, guard, hydratedLab } from './book';

// one training at a time: two at once starve a 2-core machine
test.describe.configure({ mode: 'serial' });

const lossOf = async (lab: Locator) =>
  Number((await lab.locator('[data-metric="loss"]').first().textContent())!.replace(/,/g, ''));

test('MNIST row by row: an LSTM trains, pauses, resumes, shows its per-row confidence, stops and resets', async ({
  page,
}) => {
  test.setTimeout(240_000);
  const seen = guard(page);
  await page.goto('algorithms/?lab-backend=wasm');
  const lab = await hydratedLab(page, 'rnn-mnist-rows');
  await expect(lab).toHaveAttribute('data-state', 'idle');
  // the model summary is in the page without JavaScript: reshape, lstm, dense
  await expect(page.locator('.sequence-lab table code')).toHaveText(['reshape', 'lstm', 'dense']);

  const epochs = lab.locator('input[name="epochs"]');
  await epochs.fill('-1');
  await lab.getByRole('button', { name: 'Train' }).click();
  await expect(epochs).toHaveAttribute('aria-invalid', 'true');
  await expect(lab).toHaveAttribute('data-state', 'idle');
  await epochs.fill('3');
  await lab.locator('select[name="examples"]').selectOption('256');
  await lab.getByRole('button', { name: 'Train' }).click();
  await expect(lab).toHaveAttribute('data-state', 'training', { timeout: 60_000 });
  await expect(lab.locator('[data-metric="loss"]')).toBeVisible({ timeout: 60_000 });
  const first = await lossOf(lab);
  await lab.getByRole('button', { name: 'Pause' }).click();
  await expect(lab).toHaveAttribute('data-state', 'paused', { timeout: 60_000 });
  await lab.getByRole('button', { name: 'Resume' }).click();
  await expect(lab).toHaveAttribute('data-state', 'done', { timeout: 180_000 });
  expect(await lossOf(lab)).toBeLessThan(first);
  // what the LSTM read: the input, the confidence after each row, its gates
  await expect(lab.locator('.sequence-view canvas')).toHaveCount(5);
  await expect(lab.locator('.sequence-view svg polyline.predicted')).toHaveCount(1);
  await lab.getByRole('button', { name: 'Show another test example' }).click();
  expect(await axeProblems(page, '[data-lab="rnn-mnist-rows"]')).toEqual([]);

  const baseline = (await lab.getAttribute('data-tensors-baseline'))!;
  await lab.getByRole('button', { name: 'Reset' }).click();
  await expect(lab).toHaveAttribute('data-state', 'idle');
  await expect(lab).toHaveAttribute('data-tensors', baseline);
  await lab.getByRole('button', { name: 'Train' }).click();
  await expect(lab.locator('[data-metric="loss"]')).toBeVisible({ timeout: 60_000 });
  await lab.getByRole('button', { name: 'Stop' }).click();
  await expect(lab).toHaveAttribute('data-state', 'idle', { timeout: 60_000 });
  await lab.getByRole('button', { name: 'Reset' }).click();
  await expect(lab).toHaveAttribute('data-tensors', baseline);
  expect(seen.errors).toEqual([]);
  expect(seen.offsite).toEqual([]);
});

test('the long-memory race trains both models on the same sequences and shows the LSTM gates', async ({ page }) => {
  test.setTimeout(240_000);
  const seen = guard(page);
  await page.goto('math/derivations/?lab-backend=wasm');
  const race = await hydratedLab(page, 'lstm-race');
  await expect(race).toHaveAttribute('data-state', 'idle');
  const length = race.locator('input[name="length"]');
  for (const bad of ['0', '-3', 'NaN', '100000', '']) {
    await length.fill(bad);
    await expect(length).toHaveAttribute('aria-invalid', 'true');
    await expect(race.getByRole('button', { name: 'Train both' })).toBeDisabled();
  }
  await length.fill('8');
  for (const side of ['lstm-race-rnn', 'lstm-race-lstm'])
    await race.locator(`[data-lab="${side}"] input[name="epochs"]`).fill('3');
  await race.getByRole('button', { name: 'Train both' }).click();
  await expect(race).toHaveAttribute('data-state', /loading|training/);
  const rnn = race.locator('[data-lab="lstm-race-rnn"]');
  const lstm = race.locator('[data-lab="lstm-race-lstm"]');
  await expect(rnn).toHaveAttribute('data-state', 'done', { timeout: 180_000 });
  await expect(lstm).toHaveAttribute('data-state', 'done', { timeout: 180_000 });
  await expect(race).toHaveAttribute('data-state', 'done');
  await expect(race.getByRole('status').first()).toContainText('Test accuracy at distance 8');
  // the LSTM's panel: input, confidence and four gate maps; the RNN's: no gates
  await expect(lstm.locator('.sequence-view canvas')).toHaveCount(5);
  await expect(rnn.locator('.sequence-view canvas')).toHaveCount(1);
  expect(await axeProblems(page, '[data-lab="lstm-race"]')).toEqual([]);
  for (const side of [rnn, lstm]) {
    const baseline = (await side.getAttribute('data-tensors-baseline'))!;
    await side.getByRole('button', { name: 'Reset' }).click();
    await expect(side).toHaveAttribute('data-tensors', baseline);
  }
  expect(seen.errors).toEqual([]);
  expect(seen.offsite).toEqual([]);
});

test('the forecaster trains on CO₂, scores itself against the last value, and validates its window (zh-cn)', async ({
  page,
}) => {
  test.setTimeout(240_000);
  const seen = guard(page);
  await page.goto('zh-cn/applications/?lab-backend=wasm');
  const lab = await hydratedLab(page, 'lstm-forecast');
  await lab.locator('select[name="series"]').selectOption('co2');
  const window = lab.locator('input[name="window"]');
  await window.fill('1');
  await lab.getByRole('button', { name: '训练' }).click();
  await expect(window).toHaveAttribute('aria-invalid', 'true');
  await expect(lab).toHaveAttribute('data-state', 'idle');
  await window.fill('12');
  await lab.locator('input[name="epochs"]').fill('4');
  await lab.getByRole('button', { name: '训练' }).click();
  await expect(lab).toHaveAttribute('data-state', 'done', { timeout: 180_000 });
  // both forecasts scored on the test period, in ppm
  for (const cell of ['lstm-mae', 'lstm-rmse', 'naive-mae', 'naive-rmse'])
    expect(Number(await lab.locator(`[data-score="${cell}"]`).textContent())).toBeGreaterThan(0);
  await expect(lab.locator('figure.forecast polyline')).toHaveCount(3);
  await expect(lab.getByRole('status').last()).toContainText('LSTM');
  expect(await axeProblems(page, '[data-lab="lstm-forecast"]')).toEqual([]);
  const baseline = (await lab.getAttribute('data-tensors-baseline'))!;
  await lab.getByRole('button', { name: '重置' }).click();
  await expect(lab).toHaveAttribute('data-tensors', baseline);
  expect(seen.errors).toEqual([]);
  expect(seen.offsite).toEqual([]);
});
