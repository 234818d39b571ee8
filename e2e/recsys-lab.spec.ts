// The recommender lab end to end, on the WASM backend, in both locales: a short run (3 epochs) to
// done; the RMSE chart, the table of the model and both baselines, the food map with neighbours,
// and recommendations that change once the reader answers; a bad k or λ gets its inline message;
// Reset, and a long run paused, resumed, stopped and reset, bring the worker back to its tensor baseline; axe finds nothing serious in the lab; and
// no console error or off-site request happens.
import { expect, test, type Locator } from '@playwright/test';
import { axeProblems, hydratedLab, openLab } from './book';

async function run(
  lab: Locator,
  words: { train: string; reset: string; pause: string; resume: string; stop: string },
  invalid: RegExp,
) {
  const { train, reset, pause, resume, stop } = words;
  await expect(lab).toHaveAttribute('data-state', 'idle');
  // invalid settings are refused inline and Train waits
  for (const bad of ['0', '-1', 'abc', '']) {
    await lab.locator('input[name="factors"]').fill(bad);
    await expect(lab.locator('input[name="factors"]')).toHaveAttribute('aria-invalid', 'true');
    await expect(lab.getByRole('button', { name: train, exact: true })).toBeDisabled();
  }
  await lab.locator('input[name="factors"]').fill('3');
  await lab.locator('input[name="lambda"]').fill('-1');
  await expect(lab.getByText(invalid)).toBeVisible();
  await lab.locator('input[name="lambda"]').fill('0.05');
  await lab.locator('input[name="epochs"]').fill('3');
  await lab.locator('input[name="batchSize"]').fill('512');
  await lab.getByRole('button', { name: train, exact: true }).click();
  await expect(lab).toHaveAttribute('data-state', 'done', { timeout: 60_000 });
  await expect(lab.locator('svg polyline.test')).not.toHaveCount(0);
  await expect(lab.locator('[data-recsys-table] tbody tr')).toHaveCount(3);
  const model = Number((await lab.locator('[data-model-rmse]').textContent())!.replace(/[^\d.]/g, ''));
  expect(model).toBeGreaterThan(0);
  expect(model).toBeLessThan(5);
  await expect(lab.locator('[data-recsys-map] circle')).toHaveCount(127);
  await expect(lab.locator('[data-recsys-neighbours] li')).toHaveCount(5);
  await expect(lab.locator('[data-recsys-top] li')).toHaveCount(5);
  // cold start: the item means; answering changes the fitted list
  const cold = await lab.locator('[data-recsys-top]').textContent();
  await lab.locator('select[name="answer-coffeefreq"]').selectOption('9');
  await lab.locator('select[name="answer-sodafreq"]').selectOption('1');
  await expect(lab.locator('[data-recsys-top]')).not.toHaveText(cold!);
  expect(await axeProblems(lab.page(), '[data-lab="recsys-mf"]')).toEqual([]);
  const baseline = await lab.getAttribute('data-tensors-baseline');
  expect(baseline).not.toBeNull();
  await lab.getByRole('button', { name: reset, exact: true }).click();
  await expect(lab).toHaveAttribute('data-tensors', baseline!);
  await expect(lab.locator('[data-recsys-table]')).toHaveCount(0);
  // a long run paused, resumed, stopped and reset: the worker is back at its baseline
  await lab.locator('input[name="epochs"]').fill('200');
  await lab.locator('input[name="batchSize"]').fill('8');
  await lab.getByRole('button', { name: train, exact: true }).click();
  await expect(lab).toHaveAttribute('data-state', 'training', { timeout: 30_000 });
  await lab.getByRole('button', { name: pause, exact: true }).click();
  await expect(lab).toHaveAttribute('data-state', 'paused');
  await lab.getByRole('button', { name: resume, exact: true }).click();
  await expect(lab).toHaveAttribute('data-state', 'training');
  await lab.getByRole('button', { name: stop, exact: true }).click();
  await expect(lab).toHaveAttribute('data-state', 'idle', { timeout: 30_000 });
  await lab.getByRole('button', { name: reset, exact: true }).click();
  await expect(lab).toHaveAttribute('data-tensors', baseline!);
}

test('the recommender: a short run to done, baselines, map, fold-in, tensors freed (both locales)', async ({
  page,
}) => {
  test.setTimeout(150_000);
  const { seen, lab } = await openLab(page, 'applications/?lab-backend=wasm', 'recsys-mf');
  await run(
    lab,
    { train: 'Train', reset: 'Reset', pause: 'Pause', resume: 'Resume', stop: 'Stop' },
    /Enter a number from 0 to 10/,
  );
  await page.goto('zh-cn/applications/?lab-backend=wasm');
  const zh = await hydratedLab(page, 'recsys-mf');
  await run(
    zh,
    { train: '训练', reset: '重置', pause: '暂停', resume: '继续', stop: '停止' },
    /请输入 0 到 10 之间的数/,
  );
  expect(seen.errors).toEqual([]);
  expect(seen.offsite).toEqual([]);
});
