// The newer labs on the reader's GPU, as gpu-labs.spec.ts does for the first families: the optimizer
// race, federated averaging, the compression lab, the recommender and the date translator each train a few small steps on SwiftShader's
// `webgpu` and `webgl` and are stopped; the fairness audit trains its one short epoch to done and
// shows its audit. Each is checked for the backend actually used (the worker's report, data-backend
// and the status line calling it software), a falling loss, the worker's tensor count back at its
// baseline after a reset, and no console error or off-site request. The FAQ's backend race, which
// reports speeds rather than a loss, measures both GPU backends in one worker and is stopped before
// WASM and plain JavaScript (the root project's backend-race.spec.ts measures those). The
// compression lab's quantising and pruning after training is left to the root project's WASM test:
// on SwiftShader it takes minutes.
import { expect, test } from '@playwright/test';
import { openLab } from './book';
import { backends, losses, mean, traceMessages } from './lab-trace';

interface Newer {
  name: string;
  path: string;
  lab: string;
  fill: Record<string, string>;
  select?: Record<string, string>;
  /** losses to see before stopping */
  losses: number;
  /** run to done instead of stopping, and then see the lab's result (this selector) */
  toDone?: string;
}

const LABS: Newer[] = [
  {
    name: 'the optimizer race',
    path: 'math/derivations/',
    lab: 'optim-race',
    fill: { batchSize: '16', epochs: '1' },
    select: { examples: '1000' },
    losses: 6,
  },
  {
    name: 'federated averaging',
    path: 'outlook/',
    lab: 'federated',
    fill: { examples: '200', rounds: '3', batchSize: '10' },
    select: { split: 'iid' },
    losses: 10,
  },
  {
    name: 'the compression lab',
    path: 'outlook/',
    lab: 'quantize',
    // the article's CNN is the slowest model here on SwiftShader's WebGPU: few, small batches
    fill: { batchSize: '16' },
    select: { examples: '256' },
    losses: 5,
  },
  {
    name: 'the fairness audit',
    path: 'outlook/',
    lab: 'fairness',
    // one epoch (20 batches) to done: its result is the audit of the test applicants' scores
    fill: { epochs: '1', batchSize: '100' },
    losses: 8,
    toDone: '[data-thresholds]',
  },
  {
    name: 'the recommender',
    path: 'applications/',
    lab: 'recsys-mf',
    // one epoch is 43 batches of 128 answers: 20 of them, then Stop
    fill: { epochs: '1' },
    losses: 20,
  },
  {
    name: 'the date translator',
    path: 'applications/',
    // the model with attention, on its own panel's Train button: 10 batches of 16 dates, then Stop
    lab: 'attention-translate-attention',
    fill: { batchSize: '16', epochs: '1' },
    losses: 10,
  },
];

for (const backend of ['webgpu', 'webgl'] as const) {
  for (const spec of LABS) {
    test(`${spec.name} trains on ${backend} (SwiftShader)`, async ({ page }) => {
      test.setTimeout(200_000);
      await traceMessages(page);
      const { seen, lab } = await openLab(
        page,
        `${spec.path}?lab-backend=${backend}&lab-trace&lab-test-limit=50`,
        spec.lab,
      );
      for (const [name, value] of Object.entries(spec.select ?? {}))
        await lab.locator(`select[name="${name}"]`).first().selectOption(value);
      for (const [name, value] of Object.entries(spec.fill))
        for (const input of await lab.locator(`input[name="${name}"]`).all()) await input.fill(value);
      await lab.getByRole('button', { name: 'Train', exact: true }).click();
      await expect
        .poll(() => losses(page).then((l) => l.length), { timeout: 150_000 })
        .toBeGreaterThanOrEqual(spec.losses);
      expect(new Set(await backends(page))).toEqual(new Set([backend]));
      await expect(lab).toHaveAttribute('data-backend', backend);
      await expect(lab.locator('.status').first()).toContainText(
        backend === 'webgpu' ? 'WebGPU (software' : 'WebGL (software',
      );
      if (spec.toDone) {
        await expect(lab).toHaveAttribute('data-state', 'done', { timeout: 90_000 });
        await expect(lab.locator(spec.toDone)).toBeVisible();
      } else {
        await lab.getByRole('button', { name: 'Stop', exact: true }).click();
        // a stop takes effect after the batch in flight; SwiftShader's first batches can take long
        await expect(lab).toHaveAttribute('data-state', /idle|done/, { timeout: 90_000 });
      }
      const seenLosses = await losses(page);
      expect(seenLosses.every(Number.isFinite), seenLosses.join(' ')).toBe(true);
      // a few small noisy batches: the loss falls below where it started (the mean of the first
      // third) at some point in the rest
      const k = Math.max(2, Math.floor(seenLosses.length / 3));
      expect(Math.min(...seenLosses.slice(k)), seenLosses.join(' ')).toBeLessThan(mean(seenLosses.slice(0, k)));
      await lab.getByRole('button', { name: 'Reset', exact: true }).click();
      const baseline = (await lab.getAttribute('data-tensors-baseline'))!;
      await expect(lab).toHaveAttribute('data-tensors', baseline);
      expect(seen.errors).toEqual([]);
      expect(seen.offsite).toEqual([]);
    });
  }
}

test('the backend race measures WebGPU and WebGL (SwiftShader) in one worker, each back at the baseline', async ({
  page,
}) => {
  test.setTimeout(150_000);
  await traceMessages(page);
  const { seen, lab } = await openLab(page, 'faq/?lab-backend=webgl&lab-trace', 'backend-race');
  await lab.locator('select[name="batch"]').selectOption('8');
  await lab.locator('select[name="window"]').selectOption('500');
  await lab.getByRole('button', { name: 'Train', exact: true }).click();
  // the race measures WebGPU, then WebGL, then WASM and plain JavaScript (those are the root
  // project's backend-race.spec.ts): stop once both GPU backends are measured
  await expect(lab.locator('tr[data-variant="webgl"]')).toHaveAttribute('data-race-state', 'done', {
    timeout: 120_000,
  });
  await lab.getByRole('button', { name: 'Stop', exact: true }).click();
  await expect(lab).toHaveAttribute('data-state', 'idle', { timeout: 30_000 });
  const baseline = await lab.getAttribute('data-baseline');
  expect(baseline).toMatch(/^\d+$/);
  for (const variant of ['webgpu', 'webgl']) {
    const row = lab.locator(`tr[data-variant="${variant}"]`);
    await expect(row).toHaveAttribute('data-race-state', 'done');
    expect(Number(await row.getAttribute('data-rate'))).toBeGreaterThan(0);
    await expect(row).toContainText('a software GPU');
    await expect(row).toHaveAttribute('data-tensors', baseline!);
  }
  await expect(lab.locator('tr[data-race-state="stopped"]')).toHaveCount(1);
  // the page asked for WebGL: the worker started there, and is there again after the race
  expect(await backends(page)).toEqual(['webgl']);
  await expect(lab).toHaveAttribute('data-backend', 'webgl');
  await lab.getByRole('button', { name: 'Reset', exact: true }).click();
  await expect(lab.locator('table')).toHaveCount(0);
  expect(seen.errors).toEqual([]);
  expect(seen.offsite).toEqual([]);
});
