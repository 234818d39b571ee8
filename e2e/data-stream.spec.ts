// Datasets arrive in gzipped chunks and a lab trains on the first of them: on an emulated 10 Mbit/s
// link (Chromium's network emulation) the Practice CNN reaches `training`, says it is training on the
// examples that have arrived, and has fetched only a small part of MNIST when it does.
import { expect, test, type Request } from '@playwright/test';
import { emulateLink, openLab } from './book';

test('on a 10 Mbit/s link the Practice CNN trains on the first chunk while the rest arrives', async ({ page }) => {
  test.setTimeout(120_000);
  const { seen, lab } = await openLab(page, 'practice/?lab-backend=wasm', 'cnn-practice');
  const chunks: { url: string; bytes: number }[] = [];
  // the rest of MNIST keeps arriving after the run stops, so a size may be asked for while the page
  // closes: each answer is awaited before it is counted, and a late one is let go, not left to reject
  const sizes: Promise<void>[] = [];
  const onFinished = (request: Request) => {
    if (!/\/data\/mnist\/.+\.gz$/.test(request.url())) return;
    sizes.push(
      request.sizes().then(
        (s) => void chunks.push({ url: request.url(), bytes: s.responseBodySize }),
        () => undefined,
      ),
    );
  };
  page.on('requestfinished', onFinished);
  const lift = await emulateLink(page, 10e6);
  await lab.locator('select[name="examples"]').selectOption('60000');
  await lab.getByRole('button', { name: 'Train', exact: true }).click();
  const note = lab.locator('[data-arriving]');
  await expect(note).toContainText(/Training on [\d,]+ of 60,000 examples while the rest arrives/, {
    timeout: 60_000,
  });
  await expect(lab).toHaveAttribute('data-state', 'training');
  await expect(lab.locator('[data-progress]')).toBeVisible();
  // what the worker says it has received, and what the browser has fetched: a small part of MNIST
  const [, loaded, size] = /\(([\d.]+) MB of ([\d.]+) MB downloaded/.exec((await note.textContent()) ?? '') ?? [];
  // (at 10 Mbit/s the first step needs ~0.25 MB; the margin is for a busy machine reading it late)
  expect(Number(size)).toBeGreaterThan(10);
  expect(Number(loaded)).toBeLessThan(Number(size) / 2);
  await Promise.all(sizes);
  const fetched = chunks.reduce((n, c) => n + c.bytes, 0);
  expect(fetched).toBeLessThan((Number(size) * 1e6) / 2);
  expect(chunks.some((c) => c.url.endsWith('train-images.u8.0.gz'))).toBe(true);
  page.off('requestfinished', onFinished);
  await lab.getByRole('button', { name: 'Stop' }).click();
  await expect(lab).toHaveAttribute('data-state', /idle|done/, { timeout: 60_000 });
  await lift();
  expect(seen.errors).toEqual([]);
  expect(seen.offsite).toEqual([]);
});

// The automatic backend choice does not keep the reader waiting on a software GPU: without a real
// GPU, Chromium's WebGL is SwiftShader, whose first training step compiles every shader (seconds);
// it is checked, named a software GPU and left untimed once WASM has measured far beyond its reach.
test('the automatic choice does not time a software GPU once WASM is far beyond it', async ({ page }) => {
  test.setTimeout(120_000);
  await page.addInitScript(() => {
    const seen: unknown[] = [];
    (window as unknown as { labMessages: unknown[] }).labMessages = seen;
    window.addEventListener('lab-message', (e) => seen.push((e as CustomEvent).detail));
  });
  const { seen, lab } = await openLab(page, 'practice/?lab-trace', 'cnn-practice');
  await lab.locator('select[name="examples"]').selectOption('256');
  await lab.getByRole('button', { name: 'Train', exact: true }).click();
  await expect(lab).toHaveAttribute('data-state', /training|done/, { timeout: 60_000 });
  const probes = await page.evaluate(() => {
    const messages = (window as unknown as { labMessages: Record<string, unknown>[] }).labMessages;
    const backend = messages.find((m) => m.type === 'backend');
    return (backend?.probes ?? []) as { backend: string; ok: boolean; software?: boolean; samplesPerSec?: number }[];
  });
  const webgl = probes.find((p) => p.backend === 'webgl');
  const wasm = probes.find((p) => p.backend === 'wasm');
  expect(wasm?.ok).toBe(true);
  if (webgl?.ok && webgl.software && wasm!.samplesPerSec! > 100) {
    expect(webgl.samplesPerSec).toBeUndefined();
    await expect(lab.locator('.note.fallback')).toContainText('WebGL is a software GPU here');
  }
  await lab.getByRole('button', { name: 'Stop' }).click();
  await expect(lab).toHaveAttribute('data-state', /idle|done/, { timeout: 60_000 });
  expect(seen.errors).toEqual([]);
});
