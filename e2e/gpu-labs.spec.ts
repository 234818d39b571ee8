// Every lab family trains on the reader's GPU: the `gpu` project's Chromium exposes SwiftShader's
// WebGPU adapter and its WebGL (a software GPU, so this runs on any machine), and each family — the
// Practice CNN, the row-by-row MNIST LSTM, the forecaster, the long-memory race, the 2-D GAN and
// digits from noise — trains a few small steps on `webgpu` and on `webgl`. Each test checks the
// backend actually used (data-backend, and the status line calling it software), a falling loss
// (from the worker's messages, `?lab-trace`), the worker's tensor count back at its baseline after
// a stop and a reset, and no console error or off-site request. SwiftShader is slow: small batches,
// few steps, small test slices.
import { expect, test, type Locator } from '@playwright/test';
import { openLab } from './book';
import { backends, losses, mean, traceMessages } from './lab-trace';

interface Family {
  name: string;
  path: string;
  lab: string;
  /** inputs to fill (by name) before Train */
  fill: Record<string, string>;
  /** selects to set (by name) */
  select?: Record<string, string>;
  /** losses to see before stopping */
  losses: number;
  /**
   * which loss must fall: a classifier's or regression's batch loss (the default), a GAN's
   * discriminator loss ('d'), or none: the race's two workers' reports interleave (each of its
   * cells trains, and falls, in the families above)
   */
  falls?: 'batch' | 'd' | false;
  /** the panels that report their backend and tensors (the race has two) */
  panels?: string[];
  train?: string;
  stop?: string;
  reset?: string;
}

const FAMILIES: Family[] = [
  {
    name: 'the Practice CNN',
    path: 'practice/',
    lab: 'cnn-practice',
    fill: { batchSize: '8', learningRate: '0.003' },
    select: { examples: '256' },
    losses: 6,
  },
  {
    name: 'the MNIST-rows LSTM',
    path: 'algorithms/',
    lab: 'rnn-mnist-rows',
    fill: { batchSize: '16', learningRate: '0.02' },
    select: { examples: '256' },
    losses: 4,
  },
  {
    name: 'the forecaster',
    path: 'applications/',
    lab: 'lstm-forecast',
    fill: { window: '12', batchSize: '16' },
    select: { series: 'co2' },
    losses: 8,
  },
  {
    name: 'the long-memory race',
    path: 'math/derivations/',
    lab: 'lstm-race',
    fill: { length: '4' },
    losses: 4,
    falls: false,
    panels: ['lstm-race-rnn', 'lstm-race-lstm'],
    train: 'Train both',
    stop: 'Stop both',
    reset: 'Reset both',
  },
  {
    name: 'the 2-D GAN',
    path: 'math/derivations/',
    lab: 'gan-2d',
    fill: { iterations: '2000' },
    select: { pace: 'fast' },
    losses: 24,
    falls: 'd',
  },
  {
    name: 'digits from noise',
    path: 'math/cases/',
    lab: 'gan-digits',
    fill: { iterations: '2000', batchSize: '16' },
    losses: 12,
    // a GAN's losses need not fall: D's rises as soon as G learns to fool it; these steps only
    // show that it trains (finite losses, the backend, the baseline); the 2-D GAN's D loss falls
    falls: false,
  },
];

for (const backend of ['webgpu', 'webgl'] as const) {
  for (const family of FAMILIES) {
    test(`${family.name} trains on ${backend} (SwiftShader)`, async ({ page }) => {
      test.setTimeout(200_000);
      await traceMessages(page);
      const { seen, lab } = await openLab(
        page,
        `${family.path}?lab-backend=${backend}&lab-trace&lab-test-limit=50`,
        family.lab,
      );
      for (const [name, value] of Object.entries(family.select ?? {}))
        await lab.locator(`select[name="${name}"]`).first().selectOption(value);
      for (const [name, value] of Object.entries(family.fill))
        for (const input of await lab.locator(`input[name="${name}"]`).all()) await input.fill(value);
      await lab.getByRole('button', { name: family.train ?? 'Train', exact: true }).click();
      const panels: Locator[] = (family.panels ?? [family.lab]).map((id) =>
        id === family.lab ? lab : lab.locator(`[data-lab="${id}"]`),
      );
      const kind = family.falls || (family.lab.startsWith('gan') ? 'd' : 'batch');
      if (family.panels) test.setTimeout(240_000);
      await expect
        .poll(() => losses(page, kind).then((l) => l.length), { timeout: 150_000 })
        .toBeGreaterThanOrEqual(family.losses);
      // the backend asked for is the one used, and the status line says it is a software GPU
      expect(new Set(await backends(page))).toEqual(new Set([backend]));
      for (const panel of panels) {
        await expect(panel).toHaveAttribute('data-backend', backend);
        await expect(panel.locator('.status').first()).toContainText(
          backend === 'webgpu' ? 'WebGPU (software' : 'WebGL (software',
        );
      }
      await lab.getByRole('button', { name: family.stop ?? 'Stop', exact: true }).click();
      // a stop takes effect after the batch in flight; SwiftShader's first batches can take long
      for (const panel of panels) await expect(panel).toHaveAttribute('data-state', /idle|done/, { timeout: 90_000 });
      const seenLosses = await losses(page, kind);
      expect(seenLosses.every(Number.isFinite), seenLosses.join(' ')).toBe(true);
      // a few small noisy batches: the loss falls below where it started (the mean of the first
      // third) at some point in the rest
      const k = Math.max(2, Math.floor(seenLosses.length / 3));
      if (family.falls !== false)
        expect(Math.min(...seenLosses.slice(k)), seenLosses.join(' ')).toBeLessThan(mean(seenLosses.slice(0, k)));
      await lab.getByRole('button', { name: family.reset ?? 'Reset', exact: true }).click();
      for (const panel of panels) {
        const baseline = (await panel.getAttribute('data-tensors-baseline'))!;
        await expect(panel).toHaveAttribute('data-tensors', baseline);
      }
      expect(seen.errors).toEqual([]);
      expect(seen.offsite).toEqual([]);
    });
  }
}
