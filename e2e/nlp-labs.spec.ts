// The text-classification lab (nlp-classify) and its embedding explorer (nlp-embeddings), end to end
// on the WASM backend, in both locales with one page load each: a tiny run (64 training texts, one
// batch) of the four trained models reaches done, the table gives the validation and test accuracy
// of all five rows, a typed text gets each model's answer with its occlusion colouring, the
// embedding map answers a search with neighbours, Reset brings the worker's tensors back to their
// baseline, and no console error or off-site request happens.
import { expect, test, type Locator } from '@playwright/test';
import { openLab } from './book';

test.describe.configure({ mode: 'serial' });

async function trainTiny(lab: Locator, train: string): Promise<void> {
  await lab.locator('input[name="examples"]').fill('64');
  await lab.locator('input[name="epochs"]').fill('1');
  await lab.locator('input[name="batchSize"]').fill('64');
  await lab.getByRole('button', { name: train, exact: true }).click();
  await expect(lab).toHaveAttribute('data-state', 'done', { timeout: 60_000 });
  // five rows, each with a validation and a test accuracy
  const rows = lab.locator('table.scores tbody tr');
  await expect(rows).toHaveCount(5);
  for (const cell of await lab.locator('table.scores tbody td:nth-child(4)').all())
    await expect(cell).toHaveText(/^\d+(\.\d)? %$/);
}

test('text classification in English: spam, own text with occlusion, embeddings, reset', async ({ page }) => {
  test.setTimeout(120_000);
  const { seen, lab } = await openLab(page, 'applications/?lab-backend=wasm', 'nlp-classify');
  await expect(lab).toHaveAttribute('data-state', 'idle');
  await expect(lab.locator('select[name="task"]')).toHaveValue('spam');
  await trainTiny(lab, 'Train');
  await expect(lab).toHaveAttribute('data-backend', 'wasm');

  await lab.locator('textarea[name="own-text"]').fill('FREE money!!! Click here to claim your prize now');
  await lab.getByRole('button', { name: 'Classify', exact: true }).click();
  const verdicts = lab.locator('.verdicts > li');
  await expect(verdicts).toHaveCount(4);
  await expect(verdicts.first()).toContainText(/(spam|ham) \(\d+(\.\d)? %\)/);
  // one coloured chip per token the models read
  await expect(verdicts.first().locator('.tokens span')).toHaveCount(12);

  const map = page.locator('[data-lab="nlp-embeddings"]');
  await expect(map).toHaveAttribute('data-state', 'done');
  await expect(map.locator('circle')).toHaveCount(400);
  await map.locator('input[name="token"]').fill('the');
  await expect(map.getByRole('status')).toContainText('Nearest to “the”');

  const baseline = (await lab.getAttribute('data-tensors-baseline'))!;
  await lab.getByRole('button', { name: 'Reset', exact: true }).click();
  await expect(lab).toHaveAttribute('data-state', 'idle');
  await expect(lab).toHaveAttribute('data-tensors', baseline);
  await expect(page.locator('[data-lab="nlp-embeddings"]')).toHaveCount(0);
  await expect(lab.locator('.verdicts')).toHaveCount(0);
  expect(seen.errors).toEqual([]);
  expect(seen.offsite).toEqual([]);
});

test('text classification in Chinese: Tang or Song, the sample poem classified', async ({ page }) => {
  test.setTimeout(120_000);
  const { seen, lab } = await openLab(page, 'zh-cn/applications/?lab-backend=wasm', 'nlp-classify');
  await expect(lab.locator('select[name="task"]')).toHaveValue('poetry');
  await trainTiny(lab, '训练');
  await lab.getByRole('button', { name: '分类', exact: true }).click();
  const verdicts = lab.locator('.verdicts > li');
  await expect(verdicts).toHaveCount(4);
  await expect(verdicts.first()).toContainText(/(唐诗|宋诗)（\d+(\.\d)? %）/);
  await expect(verdicts.first().locator('.tokens span')).toHaveCount(20);
  const baseline = (await lab.getAttribute('data-tensors-baseline'))!;
  await lab.getByRole('button', { name: '重置', exact: true }).click();
  await expect(lab).toHaveAttribute('data-tensors', baseline);
  expect(seen.errors).toEqual([]);
  expect(seen.offsite).toEqual([]);
});
