// The reader's own data in the four places that take it, with files built here (a CSV, PNGs made
// with sharp), set on the inputs as a reader would choose them: the forecaster's CSV series (its
// columns, a bad line, a file too large, a series too short for the window, then one epoch and the
// last-value baseline), the 2-D GAN's CSV points (a bad line in Chinese, then a few iterations on
// them), the CNN lab's own images (a non-image, a file too large, a file that does not decode, then
// a labelled folder trained for one epoch), a photo in "what the network sees", and the model the
// lab downloads opened again from its files into those views. Each ends with the worker's tensor
// count at its baseline, no console error and no off-site request. Tiny data, one epoch.
import { mkdtempSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import sharp from 'sharp';
import { axeProblems, openLab } from './book';

test.describe.configure({ mode: 'serial' });

const csv = (text: string, name = 'series.csv') => ({ name, mimeType: 'text/csv', buffer: Buffer.from(text) });

test('the forecaster takes a CSV series: columns, problems by line, size cap, then the baseline comparison', async ({
  page,
}) => {
  test.setTimeout(120_000);
  const { seen, lab } = await openLab(page, 'applications/?lab-backend=wasm', 'lstm-forecast');
  await lab.locator('select[name="series"]').selectOption('own');
  const file = lab.locator('input[name="own-series"]');
  await lab.getByRole('button', { name: 'Train' }).click();
  await expect(lab.getByText('Choose a CSV file first.')).toBeVisible();

  await file.setInputFiles({ name: 'huge.csv', mimeType: 'text/csv', buffer: Buffer.alloc(3_000_000, 49) });
  await expect(lab.getByRole('alert')).toHaveText('huge.csv is 3.0 MB; files over 2.1 MB are not read.');
  await file.setInputFiles(csv('date,value\n2000-01,1\n2000-02,2\n2000-03,abc\n03/04/2000,4\n2000-05,\n'));
  const alert = lab.getByRole('alert');
  await expect(alert).toContainText('Line 4: “abc” is not a number');
  await expect(alert).toContainText('Line 5: the date “03/04/2000” is not yyyy-mm-dd, yyyy-mm or yyyy');
  await expect(alert).toContainText('Line 6: the value is missing');

  // semicolons, a header whose first column is not the date, rows out of order: 120 months
  const rows = Array.from({ length: 120 }, (_, i) => {
    const month = `${2000 + Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`;
    return `${i % 3};${month};${(100 + i * 0.5 + 10 * Math.sin((i * Math.PI) / 6)).toFixed(2)}`;
  }).reverse();
  await file.setInputFiles(csv(['store;month;sales', ...rows].join('\r\n')));
  await expect(lab.locator('select[name="date-column"]')).toHaveValue('1');
  await expect(lab.locator('select[name="value-column"]')).toHaveValue('0');
  await lab.locator('select[name="value-column"]').selectOption('2');
  await expect(lab.locator('[data-own-ready]')).toHaveText('120 points from 2000-01-01 to 2009-12-01, sorted by date.');
  await lab.locator('input[name="window"]').fill('30');
  await expect(lab.getByRole('alert')).toContainText('with a window of 30 it needs at least');
  expect(await axeProblems(page, '[data-lab="lstm-forecast"]')).toEqual([]);
  await lab.locator('input[name="window"]').fill('6');
  await lab.locator('input[name="epochs"]').fill('1');
  await lab.getByRole('button', { name: 'Train' }).click();
  await expect(lab).toHaveAttribute('data-state', 'done', { timeout: 60_000 });
  for (const cell of ['lstm-rmse', 'naive-rmse'])
    expect(Number(await lab.locator(`[data-score="${cell}"]`).textContent())).toBeGreaterThan(0);
  await expect(lab.locator('figure.forecast polyline')).toHaveCount(3);
  const baseline = (await lab.getAttribute('data-tensors-baseline'))!;
  await lab.getByRole('button', { name: 'Reset' }).click();
  await expect(lab).toHaveAttribute('data-tensors', baseline);
  expect(seen.errors).toEqual([]);
  expect(seen.offsite).toEqual([]);
});

test('the 2-D GAN takes its target from CSV points (zh-cn)', async ({ page }) => {
  test.setTimeout(90_000);
  const { seen, lab } = await openLab(page, 'zh-cn/math/derivations/?lab-backend=wasm', 'gan-2d');
  const file = lab.locator('input[name="own-points"]');
  await file.setInputFiles(csv('x,y\n1,2\n3,四\n5\n', 'points.csv'));
  await expect(lab.getByRole('alert')).toContainText('第 3 行：“四”不是数字');
  await expect(lab.getByRole('alert')).toContainText('第 4 行：有 1 个字段；每个点需要 x 和 y 两个');
  await file.setInputFiles({ name: 'big.csv', mimeType: 'text/csv', buffer: Buffer.alloc(600_000, 49) });
  await expect(lab.getByRole('alert')).toContainText('big.csv 有 0.6 MB；超过 0.5 MB 的文件不会读取。');
  // a ring of 40 points in arbitrary units, no header
  const ring = Array.from({ length: 40 }, (_, i) => `${500 + 80 * Math.cos(i / 6)};${-20 + 80 * Math.sin(i / 6)}`);
  await file.setInputFiles(csv(ring.join('\n'), 'ring.csv'));
  await expect(lab.getByText('已从 ring.csv 读取 40 个点。')).toBeVisible();
  await expect(lab.locator('select[name="target"]')).toHaveValue('drawn');
  await expect(lab.getByText('已画 40 个点。')).toBeVisible();
  expect(await axeProblems(page, '[data-lab="gan-2d"]')).toEqual([]);
  await lab.locator('input[name="iterations"]').fill('20');
  await lab.locator('select[name="pace"]').selectOption('fast');
  await lab.getByRole('button', { name: '训练' }).click();
  await expect(lab).toHaveAttribute('data-state', 'done', { timeout: 60_000 });
  const baseline = (await lab.getAttribute('data-tensors-baseline'))!;
  await lab.getByRole('button', { name: '重置' }).click();
  await expect(lab).toHaveAttribute('data-tensors', baseline);
  expect(seen.errors).toEqual([]);
  expect(seen.offsite).toEqual([]);
});

test('the CNN lab trains on a folder of your images, sees a photo, and opens its saved model again', async ({
  page,
}) => {
  test.setTimeout(150_000);
  const png = (grey: number, size = 40) =>
    sharp({ create: { width: size, height: size, channels: 3, background: { r: grey, g: grey, b: grey } } })
      .png()
      .toBuffer();
  const { seen, lab } = await openLab(page, 'practice/?lab-backend=wasm', 'cnn-practice');
  await lab.locator('select[name="dataset"]').selectOption('own');
  await expect(lab.getByRole('button', { name: 'Train' })).toBeDisabled();
  const files = lab.locator('input[name="own-images"]');
  await files.setInputFiles([
    { name: 'dark_1.png', mimeType: 'image/png', buffer: await png(20) },
    { name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('hello') },
  ]);
  await expect(lab.getByRole('alert')).toHaveText('notes.txt is not an image (PNG, JPEG, GIF, WebP, BMP or AVIF).');
  await files.setInputFiles({ name: 'big.png', mimeType: 'image/png', buffer: Buffer.alloc(17_000_000) });
  await expect(lab.getByRole('alert')).toHaveText('big.png is 17.0 MB; files over 16.8 MB are not read.');
  await files.setInputFiles([
    { name: 'dark_1.png', mimeType: 'image/png', buffer: await png(20) },
    { name: 'light_1.png', mimeType: 'image/png', buffer: Buffer.from('not really a png') },
  ]);
  await expect(lab.getByRole('alert')).toHaveText('light_1.png could not be decoded as an image.');

  // a folder with one sub-folder per label
  const root = join(mkdtempSync(join(tmpdir(), 'own-images-')), 'shapes');
  for (const [label, grey] of [
    ['dark', 30],
    ['light', 220],
  ] as const) {
    mkdirSync(join(root, label), { recursive: true });
    for (let i = 0; i < 5; i++) writeFileSync(join(root, label, `${i}.png`), await png(grey + i * 5, 30 + i));
  }
  await lab.locator('input[name="own-images-folder"]').setInputFiles(root);
  await expect(lab.locator('[data-own-ready]')).toHaveText(
    '10 images, 2 labels (dark, light): 8 to train on, 2 to test on.',
  );
  await expect(lab.locator('.own-images canvas')).toHaveCount(10);
  // another dataset and back: the images are still chosen and shown
  await lab.locator('select[name="dataset"]').selectOption('mnist');
  await lab.locator('select[name="dataset"]').selectOption('own');
  await expect(lab.locator('.own-images canvas')).toHaveCount(10);
  expect(await axeProblems(page, '[data-lab="cnn-practice"]')).toEqual([]);
  await lab.locator('input[name="epochs"]').fill('1');
  await lab.getByRole('button', { name: 'Train' }).click();
  await expect(lab).toHaveAttribute('data-state', 'done', { timeout: 60_000 });
  const probs = lab.locator('.probs li .name');
  await expect(probs.first()).toHaveText('dark');
  await expect(probs.nth(1)).toHaveText('light');

  // a photo in "what the network sees": the picture it shows is the photo made 28×28 grey
  const photo = lab.locator('input[name="photo"]');
  await photo.setInputFiles({ name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('x') });
  await expect(lab.getByRole('alert')).toHaveText('notes.txt is not an image (PNG, JPEG, GIF, WebP, BMP or AVIF).');
  // a wide photo, dark on the left half and light on the right: its centre square, made 28×28
  const halves = Buffer.alloc(400 * 300 * 3);
  for (let i = 0; i < 400 * 300; i++) halves.fill(i % 400 < 200 ? 0 : 200, 3 * i, 3 * i + 3);
  const wide = await sharp(halves, { raw: { width: 400, height: 300, channels: 3 } })
    .png()
    .toBuffer();
  await photo.setInputFiles({ name: 'photo.png', mimeType: 'image/png', buffer: wide });
  await expect(lab.getByRole('alert')).toHaveCount(0);
  const seenPixel = (x: number) =>
    lab.locator('canvas.input').evaluate((c: HTMLCanvasElement, at) => {
      const d = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;
      return { w: c.width, h: c.height, v: d[4 * (14 * c.width + at)]! };
    }, x);
  await expect.poll(async () => (await seenPixel(2)).v).toBeLessThan(30);
  expect(await seenPixel(25)).toEqual({ w: 28, h: 28, v: 255 });

  // the model's files, downloaded and opened again
  const downloads: string[] = [];
  page.on('download', (d) => void d.path().then((p) => downloads.push(`${d.suggestedFilename()}=${p}`)));
  await lab.getByRole('button', { name: 'Download model files' }).click();
  await expect.poll(() => downloads.length).toBe(2);
  const saved = Object.fromEntries(downloads.map((d) => d.split('=') as [string, string]));
  const baseline = (await lab.getAttribute('data-tensors-baseline'))!;
  await lab.getByRole('button', { name: 'Reset' }).click();
  await expect(lab).toHaveAttribute('data-tensors', baseline);
  const open = lab.locator('input[type="file"][accept^=".json"]');
  await open.setInputFiles({
    name: 'model.weights.bin',
    mimeType: 'application/octet-stream',
    buffer: readFileSync(saved['model.weights.bin']!),
  });
  await expect(lab.getByRole('alert')).toHaveText('Choose model.json together with model.weights.bin.');
  await open.setInputFiles(
    ['model.json', 'model.weights.bin'].map((name) => ({
      name,
      mimeType: 'application/octet-stream',
      buffer: readFileSync(saved[name]!),
    })),
  );
  await expect(lab).toHaveAttribute('data-state', 'done', { timeout: 60_000 });
  await expect(lab.getByRole('status').filter({ hasText: 'Loaded the model' })).toBeVisible();
  await expect(lab.locator('canvas.input')).toBeVisible();
  await expect(probs.first()).toHaveText('dark');
  await lab.getByRole('button', { name: 'Reset' }).click();
  await expect(lab).toHaveAttribute('data-tensors', baseline);
  expect(seen.errors).toEqual([]);
  expect(seen.offsite).toEqual([]);
});
