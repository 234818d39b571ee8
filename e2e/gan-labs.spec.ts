// The GAN labs end to end in the browser, each in its own worker on the WASM backend: the 2-D
// laboratory (validation, the converging preset moving the generated points onto the ring, step
// mode one player at a time, a drawn target by keyboard) and digits from noise (training on
// MNIST, the fixed-noise grid, the latent walk, saving and loading the generator). Each checks
// data-state, the worker's tensor count against its baseline after a run, a stop and a reset
// (which also takes the lab back to its first state), the pace of the default run, messages that
// fit their field, axe, and that no console error or off-site request happens.
import { expect, test, type Locator } from '@playwright/test';
import { axeProblems, guard, hydratedLab, openLab } from './book';
import { cutSelects } from './lab-layout';

// one training at a time: two at once starve a 2-core machine
test.describe.configure({ mode: 'serial' });

const metric = async (lab: Locator, name: string) =>
  Number((await lab.locator(`[data-metric="${name}"]`).textContent())!.replace(/,/g, '').split('/')[0]!.trim());

test('2-D GAN: bad settings get a message; the converging preset moves the generated points onto the ring', async ({
  page,
}) => {
  test.setTimeout(240_000);
  const { seen, lab } = await openLab(page, 'math/derivations/?lab-backend=wasm', 'gan-2d');
  await expect(lab).toHaveAttribute('data-state', 'idle');
  // the preset's reason is on the page before anything runs
  await expect(lab.getByRole('note').filter({ hasText: 'neither can outrun the other' })).toBeVisible();

  const rate = lab.locator('input[name="dLearningRate"]');
  for (const bad of ['0', '-0.01', 'NaN', '1e9', '']) {
    await rate.fill(bad);
    await lab.getByRole('button', { name: 'Train' }).click();
    await expect(rate).toHaveAttribute('aria-invalid', 'true');
    await expect(lab).toHaveAttribute('data-state', 'idle');
    await expect(lab.locator('label:has(input[name="dLearningRate"]) .field-error')).toContainText(
      'a number from 0.000001 to 0.1, such as 0.003',
    );
  }
  // whole-number fields: a whole-number example and the range; the seed has every lab's bounds
  const batch = lab.locator('input[name="batchSize"]');
  await batch.fill('0');
  await lab.getByRole('button', { name: 'Train' }).click();
  await expect(lab.locator('label:has(input[name="batchSize"]) .field-error')).toHaveText(
    'Batch size must be a whole number from 1 to 1,024, such as 32.',
  );
  await lab.locator('input[name="seed"]').fill('1e9');
  await lab.getByRole('button', { name: 'Train' }).click();
  await expect(lab.locator('input[name="seed"]')).not.toHaveAttribute('aria-invalid', 'true');
  // editing a field leaves the preset: choose it again to restore every setting
  await lab.locator('select[name="preset"]').selectOption('custom');
  await lab.locator('select[name="preset"]').selectOption('converges');
  await expect(rate).toHaveValue('0.003');
  await lab.locator('input[name="iterations"]').fill('400');
  // the default pace is watchable: at most 20 iterations a second
  await expect(lab.locator('select[name="pace"]')).toHaveValue('watch');
  await lab.getByRole('button', { name: 'Train' }).click();
  await expect(lab).toHaveAttribute('data-state', 'training', { timeout: 60_000 });
  await expect(lab.locator('[data-metric="iteration"]')).toBeVisible({ timeout: 60_000 });
  // counted from a second in: the page paints what the worker has done at most 8 times a second and
  // catches up on the run's first pictures a paint at a time, so the first number shown can lag
  await page.waitForTimeout(1000);
  const startedAt = Date.now();
  const startedIteration = await metric(lab, 'iteration');
  await page.waitForTimeout(3000);
  const paced = (await metric(lab, 'iteration')) - startedIteration;
  expect(paced / ((Date.now() - startedAt) / 1000)).toBeLessThanOrEqual(22);
  // then as fast as it goes, to finish the test sooner (the pace changes while it runs)
  await lab.locator('select[name="pace"]').selectOption('fast');
  await expect(lab.locator('[data-metric="distance"]')).toBeVisible({ timeout: 60_000 });
  await lab.getByRole('button', { name: 'Pause' }).click();
  await expect(lab).toHaveAttribute('data-state', 'paused', { timeout: 30_000 });
  await lab.getByRole('button', { name: 'Resume' }).click();
  await expect(lab).toHaveAttribute('data-state', 'done', { timeout: 200_000 });

  // the generated cloud ends much closer to the ring than it started, and covers most modes
  const first = await metric(lab, 'first-distance');
  const last = await metric(lab, 'distance');
  expect(first).toBeGreaterThan(0.5);
  expect(last).toBeLessThan(first * 0.5);
  expect(await metric(lab, 'modes')).toBeGreaterThanOrEqual(5);
  // both curves and their table
  await expect(lab.locator('.charts polyline')).toHaveCount(4);
  expect(await axeProblems(page, '[data-lab="gan-2d"]')).toEqual([]);

  // the charts name their axes
  await expect(lab.locator('.charts .x-axis').first()).toContainText('iterations');
  const baseline = (await lab.getAttribute('data-tensors-baseline'))!;
  await lab.getByRole('button', { name: 'Reset' }).click();
  await expect(lab).toHaveAttribute('data-state', 'idle');
  await expect(lab).toHaveAttribute('data-tensors', baseline);
  // back to the first state: no readouts, curves, messages or announcement
  for (const selector of ['[data-metric]', '.charts', '.field-error', '[role="alert"]'])
    await expect(lab.locator(selector), selector).toHaveCount(0);
  await expect(lab.locator('p.sr-only[aria-live]').last()).toBeEmpty();
  await expect(lab.getByText('Press Train: the generated points start')).toBeVisible();
  expect(seen.errors).toEqual([]);
  expect(seen.offsite).toEqual([]);
});

test('2-D GAN: step mode advances one player at a time; a drawn target works by keyboard; stop frees the tensors', async ({
  page,
}) => {
  test.setTimeout(180_000);
  const { seen, lab } = await openLab(page, 'math/derivations/?lab-backend=wasm', 'gan-2d');

  // a target drawn with the keyboard: Train waits for three points
  await lab.locator('select[name="target"]').selectOption('drawn');
  await expect(lab.getByRole('button', { name: 'Train' })).toBeDisabled();
  const plane = lab.getByRole('application');
  await plane.focus();
  for (const key of ['Enter', 'ArrowRight', 'ArrowRight', 'Enter', 'ArrowUp', 'ArrowUp', ' '])
    await page.keyboard.press(key);
  await expect(lab.getByText('3 points drawn.')).toBeVisible();
  await expect(lab.getByRole('button', { name: 'Train' })).toBeEnabled();

  await lab.locator('select[name="pace"]').selectOption('fast');
  await lab.getByLabel('Start paused, to step').check();
  await lab.getByRole('button', { name: 'Train' }).click();
  await expect(lab).toHaveAttribute('data-state', 'paused', { timeout: 60_000 });
  await expect(lab.locator('[data-metric="iteration"]')).toContainText('0');
  await expect(lab.locator('[data-metric="d-real"]')).toHaveText('–');
  // one D step: the discriminator's verdicts appear; one G step; neither completes an iteration
  await lab.getByRole('button', { name: 'One D step' }).click();
  await expect(lab.locator('[data-metric="d-real"]')).toHaveText(/^0\.\d{3}$/, { timeout: 30_000 });
  await lab.getByRole('button', { name: 'One G step' }).click();
  expect(await metric(lab, 'iteration')).toBe(0);
  await lab.getByRole('button', { name: 'One iteration' }).click();
  await expect.poll(() => metric(lab, 'iteration'), { timeout: 30_000 }).toBe(1);
  // a live change of the instability controls is accepted while paused
  await lab.locator('input[name="gSteps"]').fill('3');
  await expect(lab.locator('input[name="gSteps"]')).not.toHaveAttribute('aria-invalid', 'true');
  await lab.getByRole('button', { name: 'Resume' }).click();
  await expect(lab).toHaveAttribute('data-state', 'training');
  await lab.getByRole('button', { name: 'Stop' }).click();
  await expect(lab).toHaveAttribute('data-state', 'idle', { timeout: 60_000 });
  const baseline = (await lab.getAttribute('data-tensors-baseline'))!;
  await lab.getByRole('button', { name: 'Reset' }).click();
  await expect(lab).toHaveAttribute('data-tensors', baseline);
  expect(seen.errors).toEqual([]);
  expect(seen.offsite).toEqual([]);
});

test('digits from noise (zh-cn): trains on MNIST, walks the latent space, saves and reloads the generator', async ({
  page,
}) => {
  test.setTimeout(240_000);
  const { seen, lab } = await openLab(page, 'zh-cn/math/cases/?lab-backend=wasm', 'gan-digits');
  await expect(lab).toHaveAttribute('data-state', 'idle');
  const iterations = lab.locator('input[name="iterations"]');
  await iterations.fill('0');
  await lab.getByRole('button', { name: '训练' }).click();
  await expect(iterations).toHaveAttribute('aria-invalid', 'true');
  await iterations.fill('80');
  await lab.getByRole('button', { name: '训练' }).click();
  await expect(lab).toHaveAttribute('data-state', /loading|training/);
  await expect(lab).toHaveAttribute('data-state', 'done', { timeout: 200_000 });

  // the grid is drawn: not one flat colour
  const grid = lab.locator('canvas[data-grid]');
  const spread = await grid.evaluate((c: HTMLCanvasElement) => {
    const d = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;
    let lo = 255;
    let hi = 0;
    for (let i = 0; i < d.length; i += 4) {
      lo = Math.min(lo, d[i]!);
      hi = Math.max(hi, d[i]!);
    }
    return hi - lo;
  });
  expect(spread).toBeGreaterThan(50);
  // the walk ran by itself at the end; a new pair of seeds runs it again
  const walk = lab.locator('canvas.walk-strip');
  await expect(walk).toBeVisible();
  await lab.getByRole('button', { name: '换两个种子' }).click();
  await lab.locator('input[name="walk-from"]').fill('x');
  await expect(lab.getByRole('button', { name: '运行漫步' })).toBeDisabled();
  // the walk's seeds have every lab's seed bounds, and say so
  await lab.locator('input[name="walk-from"]').fill('-1');
  await expect(lab.getByText('起点种子应为 0 到 2,147,483,647 之间的整数，例如 42。')).toBeVisible();
  await lab.locator('input[name="walk-from"]').fill('1e9');
  await expect(lab.getByRole('button', { name: '运行漫步' })).toBeEnabled();
  await lab.locator('input[name="walk-from"]').fill('5');
  await lab.getByRole('button', { name: '运行漫步' }).click();
  expect(await axeProblems(page, '[data-lab="gan-digits"]')).toEqual([]);

  // save, reset (tensors back to the baseline), load: the grid comes back without training
  await lab.getByRole('button', { name: '保存到本浏览器' }).click();
  await expect(lab.getByText('生成器已保存到本浏览器')).toBeVisible({ timeout: 30_000 });
  const baseline = (await lab.getAttribute('data-tensors-baseline'))!;
  await lab.getByRole('button', { name: '重置' }).click();
  await expect(lab).toHaveAttribute('data-state', 'idle');
  await expect(lab).toHaveAttribute('data-tensors', baseline);
  // back to the first state: no grid history, walk, curves or notes
  for (const selector of ['.history', '.charts', '.saved', '.field-error'])
    await expect(lab.locator(selector), selector).toHaveCount(0);
  await expect(walk).toBeHidden();
  await lab.getByRole('button', { name: '载入已保存的生成器' }).click();
  await expect(lab).toHaveAttribute('data-state', 'done', { timeout: 30_000 });
  await expect(lab.getByText('生成器已载入')).toBeVisible();
  await expect(grid).toBeVisible();

  // a run stopped half-way frees everything after a reset
  await iterations.fill('5000');
  await lab.getByRole('button', { name: '训练' }).click();
  await expect(lab).toHaveAttribute('data-state', 'training', { timeout: 60_000 });
  await lab.getByRole('button', { name: '停止' }).click();
  await expect(lab).toHaveAttribute('data-state', 'idle', { timeout: 60_000 });
  await lab.getByRole('button', { name: '重置' }).click();
  await expect(lab).toHaveAttribute('data-tensors', baseline);
  expect(seen.errors).toEqual([]);
  expect(seen.offsite).toEqual([]);
});

for (const prefix of ['', 'zh-cn/']) {
  test(`the GAN labs' and the convolution explorer's selects are not cut at 360 px (${prefix || 'en'})`, async ({
    page,
  }) => {
    const seen = guard(page);
    await page.setViewportSize({ width: 360, height: 900 });
    for (const [path, id] of [
      ['math/derivations/', 'gan-2d'],
      ['math/cases/', 'gan-digits'],
      ['math/models/', 'cnn-conv-step'],
    ] as const) {
      await page.goto(`${prefix}${path}`);
      await hydratedLab(page, id);
      expect(await cutSelects(page, `[data-lab="${id}"]`), `${path} ${id}`).toEqual([]);
    }
    expect(seen.errors).toEqual([]);
  });
}
