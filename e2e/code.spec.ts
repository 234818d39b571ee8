// "Copy as code": in three lab families, a changed setting shows in the generated TensorFlow.js and
// Keras scripts, Copy puts exactly the code shown on the clipboard and says so, and an invalid
// setting gives a message instead of code. Nothing trains: the code is made on the page.
import { expect, test, type Locator } from '@playwright/test';
import { en } from '../src/i18n/en';
import { zhCN } from '../src/i18n/zh-cn';
import { axeProblems, openLab } from './book';

test.use({ permissions: ['clipboard-read', 'clipboard-write'] });

/** Opens the lab's "Copy as code" disclosure and returns the code block's text for a language. */
async function codeOf(lab: Locator, t: Record<keyof typeof en, string>, language: 'tfjs' | 'keras'): Promise<string> {
  const details = lab.locator('[data-copy-code]');
  if (!(await details.evaluate((d: HTMLDetailsElement) => d.open)))
    await details.getByText(t['code.summary'], { exact: true }).click();
  await details.getByRole('radio', { name: t[`code.${language}`] }).check();
  const code = details.locator(`code[data-code="${language}"]`);
  await expect(code).toBeVisible();
  return code.innerText();
}

test('the CNN lab: a changed learning rate and dataset in both scripts, copied to the clipboard', async ({ page }) => {
  const { seen, lab } = await openLab(page, 'practice/?lab-backend=wasm', 'cnn-practice');
  // each of the page's three training labs (MNIST, emoji, CIFAR-10) offers its code
  await expect(page.locator('[data-lab] [data-copy-code]')).toHaveCount(3);
  await lab.locator('input[name="learningRate"]').fill('0.0042');
  await lab.locator('select[name="dataset"]').selectOption('fashion-mnist');
  await lab.locator('select[name="schedule"]').selectOption('cosine');
  const tfjs = await codeOf(lab, en, 'tfjs');
  expect(tfjs).toContain('const LEARNING_RATE = 0.0042;');
  expect(tfjs).toContain('Fashion-MNIST');
  expect(tfjs).toContain('tf.layers.conv2d({ inputShape: [28, 28, 1], filters: 32');
  expect(tfjs).toContain('setLearningRate(optimizer'); // the cosine schedule
  const details = lab.locator('[data-copy-code]');
  await details.getByRole('button', { name: en['code.copy'] }).click();
  await expect(details.locator('[aria-live="polite"]')).toHaveText(en['code.copied']);
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(tfjs.trimEnd() + '\n');
  const keras = await codeOf(lab, en, 'keras');
  expect(keras).toContain('LEARNING_RATE = 0.0042');
  expect(keras).toContain('keras.datasets.fashion_mnist.load_data()');
  expect(keras).toContain('CosineDecay');
  // an invalid setting: a message, no code, nothing to copy
  await lab.locator('input[name="learningRate"]').fill('fast');
  await expect(details.getByText(en['code.invalid'])).toBeVisible();
  await expect(details.getByRole('button', { name: en['code.copy'] })).toBeDisabled();
  expect(seen.errors).toEqual([]);
  expect(seen.offsite).toEqual([]);
});

test('the 2-D GAN (zh-cn): the loss chosen is the loss in the training loop', async ({ page }) => {
  const { seen, lab } = await openLab(page, 'zh-cn/math/derivations/?lab-backend=wasm', 'gan-2d');
  await lab.locator('select[name="loss"]').selectOption('minimax');
  const tfjs = await codeOf(lab, zhCN, 'tfjs');
  expect(tfjs).toContain('// minimax: G minimises mean log(1 − D(G(z)))');
  expect(tfjs).toContain('export function buildModels()');
  const keras = await codeOf(lab, zhCN, 'keras');
  expect(keras).toContain('minimax');
  await lab.locator('[data-copy-code]').getByRole('button', { name: zhCN['code.copy'] }).click();
  await expect(lab.locator('[data-copy-code] [aria-live="polite"]')).toHaveText(zhCN['code.copied']);
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(keras.trimEnd() + '\n');
  expect(seen.errors).toEqual([]);
});

test('the plane lab: the width and activation chosen are the network in the script', async ({ page }) => {
  await page.emulateMedia({ reducedMotion: 'reduce' });
  const { seen, lab } = await openLab(page, 'core-concepts/', 'playground-plane');
  await lab.getByLabel(en['plane.width']).selectOption('4');
  await lab.getByLabel(en['plane.activation']).selectOption('relu');
  const tfjs = await codeOf(lab, en, 'tfjs');
  expect(tfjs).toContain("tf.layers.dense({ inputShape: [2], units: 4, activation: 'relu'");
  const keras = await codeOf(lab, en, 'keras');
  expect(keras).toContain('layers.Dense(4, activation="relu")');
  // the open disclosure: labelled controls, a focusable code region
  expect(await axeProblems(page, '[data-copy-code]')).toEqual([]);
  await lab.locator('[data-copy-code] pre').focus();
  await expect(lab.locator('[data-copy-code] pre')).toBeFocused();
  expect(seen.errors).toEqual([]);
});
