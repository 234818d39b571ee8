// The recurrent labs end to end in the browser, each on the WASM backend in its own worker: the
// row-by-row MNIST reader, the spoken digits (with a fake microphone), the long-memory race and the
// forecaster. Each starts, its data-state goes through training to done, the loss falls, pause,
// resume, stop and reset work (Reset also clears the lab's pictures, scores and messages), the
// worker's tensor count returns to its baseline, bad input gets an inline message, and no console
// error or off-site request happens. The MNIST reader starts from its quick settings, its "Use the
// settings of the text" button sets those behind the chapter's figure, and it draws the digit it
// read upright; the race pauses, resumes, stops and resets both models at once; the forecaster
// names its units and says that it scores the validation period after each epoch.
import { gunzipSync } from 'node:zlib';
import { expect, test, type Locator, type Page } from '@playwright/test';
import { SEQUENCE_PRESETS } from '../src/ml/models/sequence-presets';
import { axeProblems, guard, hydratedLab, openLab } from './book';

// one training at a time: two at once starve a 2-core machine
test.describe.configure({ mode: 'serial' });

const lossOf = async (lab: Locator) =>
  Number((await lab.locator('[data-metric="loss"]').first().textContent())!.replace(/,/g, ''));

/**
 * How the lab drew the input, against the test image it read (MNIST test image 0, fetched from the
 * site's first chunk of it): the correlation of the canvas's brightness with the image as stored (upright) and with the
 * image turned on its side (transposed). The colour ramp's red channel rises with the pixel value.
 */
async function orientation(page: Page, canvas: Locator): Promise<{ upright: number; sideways: number }> {
  // the first gzipped chunk of the test images (a host may have inflated it already)
  const body = await (await page.request.get('data/mnist/test-images.u8.0.gz')).body();
  const image = [...(body[0] === 0x1f && body[1] === 0x8b ? gunzipSync(body) : body).subarray(0, 28 * 28)];
  const drawn = await canvas.evaluate((c: HTMLCanvasElement) => {
    const data = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;
    return {
      width: c.width,
      height: c.height,
      red: Array.from({ length: c.width * c.height }, (_, i) => data[i * 4]!),
    };
  });
  expect([drawn.width, drawn.height]).toEqual([28, 28]);
  const correlation = (a: number[], b: number[]) => {
    const mean = (v: number[]) => v.reduce((s, x) => s + x, 0) / v.length;
    const [ma, mb] = [mean(a), mean(b)];
    let ab = 0;
    let aa = 0;
    let bb = 0;
    a.forEach((x, i) => {
      ab += (x - ma) * (b[i]! - mb);
      aa += (x - ma) ** 2;
      bb += (b[i]! - mb) ** 2;
    });
    return ab / Math.sqrt(aa * bb);
  };
  const transposed = image.map((_, i) => image[(i % 28) * 28 + Math.floor(i / 28)]!);
  return { upright: correlation(drawn.red, image), sideways: correlation(drawn.red, transposed) };
}

test('MNIST row by row: an LSTM trains, pauses, resumes, shows its per-row confidence, stops and resets', async ({
  page,
}) => {
  test.setTimeout(240_000);
  const { seen, lab } = await openLab(page, 'algorithms/?lab-backend=wasm', 'rnn-mnist-rows');
  await expect(lab).toHaveAttribute('data-state', 'idle');
  // the model summary is in the page without JavaScript: reshape, lstm, dense
  await expect(page.locator('.sequence-lab table code')).toHaveText(['reshape', 'lstm', 'dense']);

  // it starts from the quick settings; one button sets those behind the figure in the text, one goes back
  const { defaults, text } = SEQUENCE_PRESETS['rnn-mnist-rows'];
  const examples = lab.locator('select[name="examples"]');
  const tested = lab.locator('select[name="tested"]');
  const preset = lab.locator('[data-preset]');
  await expect(examples).toHaveValue(String(defaults.examples));
  await expect(tested).toHaveValue(String(defaults.testLimit));
  await expect(lab.locator('input[name="epochs"]')).toHaveValue(String(defaults.epochs));
  await expect(preset).toHaveAttribute('data-preset', 'defaults');
  await lab.getByRole('button', { name: 'Use the settings of the text' }).click();
  await expect(examples).toHaveValue(String(text.examples));
  await expect(tested).toHaveValue(String(text.testLimit));
  await expect(lab.locator('input[name="epochs"]')).toHaveValue(String(text.epochs));
  await expect(lab.locator('input[name="learningRate"]')).toHaveValue(String(text.learningRate));
  await expect(preset).toHaveAttribute('data-preset', 'text');
  await expect(preset.getByRole('status')).toContainText(text.examples.toLocaleString('en'));
  await lab.getByRole('button', { name: 'Back to the quick settings' }).click();
  await expect(preset).toHaveAttribute('data-preset', 'defaults');
  await expect(examples).toHaveValue(String(defaults.examples));

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
  await lab.getByRole('button', { name: 'Pause' }).click();
  await expect(lab).toHaveAttribute('data-state', 'paused', { timeout: 60_000 });
  await lab.getByRole('button', { name: 'Resume' }).click();
  await expect(lab).toHaveAttribute('data-state', 'done', { timeout: 180_000 });
  // it learned: an untrained 10-way softmax scores ln 10 ≈ 2.30, on its last batch and on the test
  // images (comparing with the first batch loss read depends on when a busy machine reads it)
  expect(await lossOf(lab)).toBeLessThan(Math.LN10 - 0.1);
  expect(Number(await lab.locator('[data-metric="test-loss"]').textContent())).toBeLessThan(Math.LN10 - 0.1);
  // what the LSTM read: the input, the confidence after each row, its gates
  await expect(lab.locator('.sequence-view canvas')).toHaveCount(5);
  await expect(lab.locator('.sequence-view svg polyline.predicted')).toHaveCount(1);
  // the digit is drawn upright, as it was written: row t of the image is row t of the picture
  await expect(lab.getByText('The input, 28 rows read from top to bottom')).toBeVisible();
  const drawn = await orientation(page, lab.locator('.sequence-view canvas.input'));
  expect(drawn.upright).toBeGreaterThan(0.9);
  expect(drawn.sideways).toBeLessThan(0.6);
  await lab.getByRole('button', { name: 'Show another test example' }).click();
  expect(await axeProblems(page, '[data-lab="rnn-mnist-rows"]')).toEqual([]);

  // a refused field, then Reset: back to the first state, without the old pictures, numbers or messages
  await lab.locator('input[name="batchSize"]').fill('2.5');
  await lab.getByRole('button', { name: 'Train' }).click();
  await expect(lab.locator('input[name="batchSize"]')).toHaveAttribute('aria-invalid', 'true');
  const baseline = (await lab.getAttribute('data-tensors-baseline'))!;
  await lab.getByRole('button', { name: 'Reset' }).click();
  await expect(lab).toHaveAttribute('data-state', 'idle');
  await expect(lab).toHaveAttribute('data-tensors', baseline);
  await expect(lab.locator('.sequence-view')).toHaveCount(0);
  await expect(lab.locator('[data-metric]')).toHaveCount(0);
  await expect(lab.locator('svg polyline')).toHaveCount(0);
  await expect(lab.locator('[aria-invalid="true"]')).toHaveCount(0);
  await expect(lab.getByRole('button', { name: 'Show another test example' })).toHaveCount(0);
  await lab.locator('input[name="batchSize"]').fill('64');
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
  const baselines = [
    (await rnn.getAttribute('data-tensors-baseline'))!,
    (await lstm.getAttribute('data-tensors-baseline'))!,
  ];

  // Reset both: both panels back to their first state, the result line and the gate pictures gone
  await race.getByRole('button', { name: 'Reset both' }).click();
  await expect(rnn).toHaveAttribute('data-tensors', baselines[0]!);
  await expect(lstm).toHaveAttribute('data-tensors', baselines[1]!);
  await expect(race).toHaveAttribute('data-state', 'idle');
  await expect(race.locator('.sequence-view')).toHaveCount(0);
  await expect(race.locator('[data-metric]')).toHaveCount(0);
  await expect(race.getByText('Test accuracy at distance')).toHaveCount(0);
  await expect(race.getByRole('button', { name: 'Reset both' })).toBeDisabled();

  // a long run, paused, resumed and stopped for both at once
  for (const side of ['lstm-race-rnn', 'lstm-race-lstm'])
    await race.locator(`[data-lab="${side}"] input[name="epochs"]`).fill('100');
  await race.getByRole('button', { name: 'Train both' }).click();
  await expect(rnn).toHaveAttribute('data-state', 'training', { timeout: 60_000 });
  await expect(lstm).toHaveAttribute('data-state', 'training', { timeout: 60_000 });
  await race.getByRole('button', { name: 'Pause both' }).click();
  await expect(rnn).toHaveAttribute('data-state', 'paused', { timeout: 30_000 });
  await expect(lstm).toHaveAttribute('data-state', 'paused', { timeout: 30_000 });
  await expect(race).toHaveAttribute('data-state', 'paused');
  await race.getByRole('button', { name: 'Resume both' }).click();
  await expect(rnn).toHaveAttribute('data-state', 'training');
  await expect(lstm).toHaveAttribute('data-state', 'training');
  await race.getByRole('button', { name: 'Stop both' }).click();
  await expect(rnn).toHaveAttribute('data-state', 'idle', { timeout: 30_000 });
  await expect(lstm).toHaveAttribute('data-state', 'idle', { timeout: 30_000 });
  await expect(race.getByRole('button', { name: 'Stop both' })).toBeDisabled();
  await expect(race.getByRole('button', { name: 'Train both' })).toBeEnabled();
  await race.getByRole('button', { name: 'Reset both' }).click();
  await expect(rnn).toHaveAttribute('data-tensors', baselines[0]!);
  await expect(lstm).toHaveAttribute('data-tensors', baselines[1]!);
  await expect(race.locator('[data-metric]')).toHaveCount(0);
  expect(seen.errors).toEqual([]);
  expect(seen.offsite).toEqual([]);
});

test('the forecaster trains on CO₂, scores itself against the last value, and validates its window (zh-cn)', async ({
  page,
}) => {
  test.setTimeout(240_000);
  const { seen, lab } = await openLab(page, 'zh-cn/applications/?lab-backend=wasm', 'lstm-forecast');
  await expect(lab.getByText('该序列共有 5,105 个交易日的收盘价（单位：点）')).toBeVisible();
  await lab.locator('select[name="series"]').selectOption('co2');
  await expect(lab.getByText('该序列共有 672 个月的月均值（单位：ppm）')).toBeVisible();
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
  // units that exist, in Chinese, and the held-out loss named for what it is: the validation period's
  await expect(lab.locator('[data-forecast-scores] caption')).toHaveText('测试期误差（单位：ppm）');
  await expect(lab.getByRole('term').filter({ hasText: '验证损失（MSE）' })).toBeVisible();
  await expect(lab.getByText('测试损失')).toHaveCount(0);
  await expect(lab.getByText('验证（每轮结束后）')).toBeVisible();
  await expect(lab).not.toContainText('index points');
  expect(await axeProblems(page, '[data-lab="lstm-forecast"]')).toEqual([]);
  const baseline = (await lab.getAttribute('data-tensors-baseline'))!;
  await lab.getByRole('button', { name: '重置' }).click();
  await expect(lab).toHaveAttribute('data-tensors', baseline);
  // Reset clears the forecast, its scores, the verdict and the charts
  await expect(lab.locator('[data-forecast-scores]')).toHaveCount(0);
  await expect(lab.locator('figure.forecast')).toHaveCount(0);
  await expect(lab.locator('svg polyline')).toHaveCount(0);
  await expect(lab.locator('[data-metric]')).toHaveCount(0);
  expect(seen.errors).toEqual([]);
  expect(seen.offsite).toEqual([]);
});

test('the forecaster says what its series are measured in (en)', async ({ page }) => {
  const { seen, lab } = await openLab(page, 'applications/', 'lstm-forecast');
  await expect(lab.getByText('The series has 5,105 daily closes, in index points;')).toBeVisible();
  await lab.locator('select[name="series"]').selectOption('co2');
  await expect(lab.getByText('The series has 672 monthly means, in ppm;')).toBeVisible();
  await expect(lab.locator('input[name="window"]')).toHaveValue('24');
  await expect(lab.locator('input[name="epochs"]')).toHaveValue('30');
  expect(seen.errors).toEqual([]);
});
