// The LSTM that writes, end to end on the WASM backend, in both locales: a short run on Moby-Dick to
// done (a sample from the untrained model at once, another at the end, the validation score beside
// both baselines), "Sample again" writing new text without training, and Reset back to the tensor
// baseline; in Chinese the quatrains, paused mid-run and re-sampled while paused, then stopped, then a
// short run to done and Reset.
import { expect, test, type Locator } from '@playwright/test';
import { openLab } from './book';

test.describe.configure({ mode: 'serial' });

const stepOf = async (lab: Locator) => (await lab.locator('.status').first().textContent()) ?? '';

test('Moby-Dick: trains to done, writes samples, scores them against the baselines and samples again', async ({
  page,
}) => {
  test.setTimeout(90_000);
  const { seen, lab } = await openLab(page, 'applications/?lab-backend=wasm', 'lstm-text');
  await expect(lab).toHaveAttribute('data-state', 'idle');
  await lab.locator('select[name="units"]').selectOption('64');
  await lab.locator('input[name="steps"]').fill('20');
  await lab.locator('input[name="seed-text"]').fill('the whale');
  await lab.getByRole('button', { name: 'Train' }).click();
  await expect(lab).toHaveAttribute('data-state', 'done', { timeout: 60_000 });
  const samples = lab.locator('[data-samples] li');
  // one from the untrained model, one after the 20 steps
  await expect(samples).toHaveCount(2);
  await expect(samples.nth(1)).toContainText('after 20 steps');
  await expect(samples.nth(1).locator('strong')).toHaveText('the whale');
  const model = Number(await lab.locator('[data-score="model"] td').textContent());
  const unigram = Number(await lab.locator('[data-score="unigram"] td').textContent());
  const bigram = Number(await lab.locator('[data-score="bigram"] td').textContent());
  // a 49-character alphabet: at most log2 49 ≈ 5.6 bits at the start; the baselines are between
  expect(model).toBeGreaterThan(0);
  expect(model).toBeLessThan(6);
  expect(bigram).toBeLessThan(unigram);
  expect(unigram).toBeLessThan(Math.log2(49));

  // sampling again: new text from the same model, no step trained
  const status = await stepOf(lab);
  await lab.locator('input[name="temperature"]').fill('1.2');
  await lab.locator('[data-sample-again]').click();
  await expect(samples).toHaveCount(3);
  await expect(lab.locator('[data-sample="again"]')).toContainText('sampled again after 20 steps at temperature 1.2');
  expect(await samples.nth(2).locator('.text').textContent()).not.toBe(
    await samples.nth(1).locator('.text').textContent(),
  );
  expect(await stepOf(lab)).toBe(status);
  await expect(lab).toHaveAttribute('data-state', 'done');

  const baseline = (await lab.getAttribute('data-tensors-baseline'))!;
  await lab.getByRole('button', { name: 'Reset' }).click();
  await expect(lab).toHaveAttribute('data-state', 'idle');
  await expect(lab).toHaveAttribute('data-tensors', baseline);
  await expect(samples).toHaveCount(0);
  expect(seen.errors).toEqual([]);
  expect(seen.offsite).toEqual([]);
});

test('五言绝句 (zh-cn): pauses mid-run, samples again while paused, stops, trains to done and frees every tensor', async ({
  page,
}) => {
  test.setTimeout(90_000);
  const { seen, lab } = await openLab(page, 'zh-cn/applications/?lab-backend=wasm', 'lstm-text');
  await lab.locator('select[name="corpus"]').selectOption('quatrains');
  await lab.locator('select[name="units"]').selectOption('64');
  await lab.locator('input[name="steps"]').fill('400');
  await lab.getByRole('button', { name: '训练' }).click();
  const samples = lab.locator('[data-samples] li');
  await expect(samples).toHaveCount(1, { timeout: 60_000 });
  await expect(lab).toHaveAttribute('data-state', 'training');
  await lab.getByRole('button', { name: '暂停' }).click();
  await expect(lab).toHaveAttribute('data-state', 'paused', { timeout: 30_000 });
  await expect(lab.locator('[data-score="bigram"] td')).not.toHaveText('—');
  const status = await stepOf(lab);
  await lab.locator('[data-sample-again]').click();
  await expect(lab.locator('[data-sample="again"]')).toHaveCount(1);
  await expect(lab.locator('[data-sample="again"]')).toContainText('重新采样');
  // written from Chinese characters (and the line break between poems)
  expect(await lab.locator('[data-sample="again"] .text').textContent()).toMatch(/\p{Script=Han}/u);
  expect(await stepOf(lab)).toBe(status);
  await expect(lab).toHaveAttribute('data-state', 'paused');

  const baseline = (await lab.getAttribute('data-tensors-baseline'))!;
  await lab.getByRole('button', { name: '停止' }).click();
  await expect(lab).toHaveAttribute('data-state', 'idle', { timeout: 30_000 });
  await lab.getByRole('button', { name: '重置' }).click();
  await expect(lab).toHaveAttribute('data-tensors', baseline);
  await expect(samples).toHaveCount(0);

  // and a short run of the quatrains to done, then Reset back to the baseline
  await lab.locator('input[name="steps"]').fill('10');
  await lab.getByRole('button', { name: '训练' }).click();
  await expect(lab).toHaveAttribute('data-state', 'done', { timeout: 60_000 });
  await expect(samples.nth(1)).toContainText('训练 10 步后');
  expect(await samples.nth(1).locator('.text').textContent()).toMatch(/\p{Script=Han}/u);
  await lab.getByRole('button', { name: '重置' }).click();
  await expect(lab).toHaveAttribute('data-state', 'idle');
  await expect(lab).toHaveAttribute('data-tensors', baseline);
  expect(seen.errors).toEqual([]);
  expect(seen.offsite).toEqual([]);
});
