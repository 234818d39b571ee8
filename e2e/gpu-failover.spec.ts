// A run survives its backend: the Practice CNN trains on WebGL (SwiftShader), and in the middle of
// the run TensorFlow.js's own WebGL context is lost for real (WEBGL_lose_context.loseContext(),
// through the worker's test hook `self.__labFault`, worker/fault.ts): its reads never answer again,
// so the session hears 'webglcontextlost' and the run goes on on another backend from its last
// checkpoint: the lab says so in a note, `data-backend` changes, only
// the steps since the checkpoint are trained again, the run ends in 'done', and the worker's
// tensor count is back at its baseline after Reset. One short run (256 examples, one epoch: 8 batches), English only:
// the note's Chinese is covered by the strings' tests.
import { expect, test, type Worker } from '@playwright/test';
import { guard, hydratedLab } from './book';

interface Traced {
  type: string;
  epoch?: number;
  batch?: number;
  totalBatches?: number;
  step?: number;
  from?: string;
  to?: string;
}

test('a run whose WebGL backend fails continues on another backend from its checkpoint', async ({ page }) => {
  test.setTimeout(300_000);
  const seen = guard(page);
  await page.addInitScript(() => {
    const log: unknown[] = [];
    (window as unknown as { labTrace: unknown[] }).labTrace = log;
    window.addEventListener('lab-message', (e) => log.push((e as CustomEvent).detail));
  });
  await page.goto('practice/?lab-backend=webgl&lab-trace');
  const lab = await hydratedLab(page, 'cnn-practice');
  await lab.locator('input[name="epochs"]').fill('1');
  await lab.locator('select[name="examples"]').selectOption('256');
  await lab.getByRole('button', { name: 'Train', exact: true }).click();
  await expect(lab).toHaveAttribute('data-backend', 'webgl', { timeout: 60_000 });
  await expect(lab).toHaveAttribute('data-state', 'training', { timeout: 60_000 });
  const baseline = await lab.getAttribute('data-tensors-baseline');
  expect(baseline).not.toBeNull();

  const trace = () => page.evaluate(() => (window as unknown as { labTrace: Traced[] }).labTrace);
  const stepOf = (m: Traced) => (m.epoch ?? 0) * (m.totalBatches ?? 0) + (m.batch ?? 0);
  // past the first checkpoint (every 2 s of training): at least 3 s and 3 batches
  const started = Date.now();
  await expect
    .poll(async () => Date.now() - started > 3000 && (await trace()).filter((m) => m.type === 'progress').length >= 3, {
      timeout: 60_000,
    })
    .toBe(true);
  let worker: Worker | undefined;
  for (const w of page.workers())
    if (await w.evaluate(() => typeof (self as unknown as { __labFault?: unknown }).__labFault === 'function'))
      worker = w;
  expect(worker).toBeDefined();
  await worker!.evaluate(() => (self as unknown as { __labFault: (kind: string) => void }).__labFault('lose-context'));
  const failedAt = Math.max(...(await trace()).filter((m) => m.type === 'progress').map(stepOf));

  const note = lab.locator('[data-failover]');
  await expect(note).toBeVisible({ timeout: 120_000 });
  await expect(note).toContainText(/WebGL stopped working \(a device error\); the run continues on .+ from step \d/);
  await expect(lab).toHaveAttribute('data-state', 'done', { timeout: 120_000 });
  const messages = await trace();
  const failovers = messages.filter((m) => m.type === 'failover');
  expect(failovers[0]).toMatchObject({ from: 'webgl' });
  const last = failovers.at(-1)!;
  expect(await lab.getAttribute('data-backend')).toBe(last.to);
  expect(last.to).not.toBe('webgl');
  // continued from the checkpoint: after it, training resumed at the step that followed it, and only
  // the steps between the checkpoint and the failure were trained twice
  const checkpoint = failovers[0]!.step!;
  expect(checkpoint).toBeGreaterThan(0);
  expect(checkpoint).toBeLessThanOrEqual(failedAt + 1);
  const after = messages.slice(messages.indexOf(failovers[0]!)).filter((m) => m.type === 'progress');
  expect(stepOf(after[0]!)).toBe(checkpoint + 1);
  expect(messages.filter((m) => m.type === 'error')).toEqual([]);
  // the run keeps its model until Reset; then every tensor, of both backends' runs, is freed
  await lab.getByRole('button', { name: 'Reset' }).click();
  await expect(lab).toHaveAttribute('data-state', 'idle');
  await expect(lab).toHaveAttribute('data-tensors', baseline!);
  await expect(note).toBeHidden();
  expect(seen.errors).toEqual([]);
  expect(seen.offsite).toEqual([]);
});
