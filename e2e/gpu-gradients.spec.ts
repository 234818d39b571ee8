// The gradient audit on the reader's GPU: every weight gradient of the article's CNN, of an LSTM
// classifier and of the GAN's two MLPs, computed in the browser on WebGPU and on WebGL (SwiftShader,
// in the `gpu` project), must agree with the CPU backend's (tfjs's reference) from the same weights
// and batch. src/ml/backends/wasm-kernels.test.ts does the same for WASM in Node. The page is this
// test's own: gradient-audit-page.ts, bundled here with the book's model code and served only to
// this browser, never part of the site.
import { expect, test } from '@playwright/test';
import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';
import { guard } from './book';
import type { audit } from './gradient-audit-page';

const ENTRY = fileURLToPath(new URL('./gradient-audit-page.ts', import.meta.url));
/**
 * Float32 on a GPU sums in another order than the CPU (and WebGL's shaders may use fused
 * multiply-adds): a gradient agrees when each element is within this fraction of the largest
 * gradient element of its weight, plus a small absolute floor.
 */
const RELATIVE = 2e-3;
const ABSOLUTE = 1e-6;

async function bundle(): Promise<string> {
  const result = await build({
    entryPoints: [ENTRY],
    bundle: true,
    format: 'iife',
    platform: 'browser',
    target: 'es2022',
    write: false,
    logLevel: 'error',
    define: { 'process.env.NODE_ENV': '"production"' },
  });
  return result.outputFiles[0]!.text;
}

test('every weight gradient of the CNN, the LSTM and the GAN on WebGPU and WebGL matches the CPU', async ({ page }) => {
  test.setTimeout(150_000);
  const script = await bundle();
  const seen = guard(page);
  // the page and its script come from the test itself, under the test server's origin
  await page.route('**/__gradient-audit/**', (route) =>
    route.request().url().endsWith('.js')
      ? route.fulfill({ contentType: 'text/javascript', body: script })
      : route.fulfill({
          contentType: 'text/html',
          body: '<!doctype html><meta charset="utf-8"><title>gradient audit</title><script src="audit.js"></script>',
        }),
  );
  await page.goto('__gradient-audit/');
  const { weights, runs } = await page.evaluate(() =>
    (window as unknown as { gradientAudit: typeof audit }).gradientAudit(['webgpu', 'webgl']),
  );
  // every weight of the three models: CNN 8, LSTM 5, D 6, G 6
  for (const [model, count] of [
    ['cnn/', 8],
    ['lstm/', 5],
    ['gan-d/', 6],
    ['gan-g/', 6],
  ] as const)
    expect(
      weights.filter((n) => n.startsWith(model)),
      model,
    ).toHaveLength(count);
  const report: string[] = [];
  expect(runs.map((r) => r.backend)).toEqual(['webgpu', 'webgl']);
  for (const { backend, leaked, ms, agreement } of runs) {
    expect(leaked, `${backend} left tensors behind`).toBe(0);
    let worst = 0;
    let worstWeight = '';
    for (const { weight, scale, error } of agreement) {
      // a gradient of zeros everywhere would prove nothing
      expect(scale, `${weight} has no gradient`).toBeGreaterThan(0);
      if (error / scale >= worst) [worst, worstWeight] = [error / scale, weight];
      expect(
        error,
        `${backend} ${weight}: max error ${error} against a largest gradient of ${scale}`,
      ).toBeLessThanOrEqual(RELATIVE * scale + ABSOLUTE);
    }
    report.push(
      `${backend}: worst error ${worst.toExponential(2)} of the largest gradient (${worstWeight}; ${agreement.filter((a) => a.error === 0).length} of ${agreement.length} weights exact; ${ms} ms)`,
    );
  }
  test.info().annotations.push({ type: 'gradient audit', description: report.join('; ') });
  console.log(`[gradient audit] ${report.join('; ')}`);
  expect(seen.errors).toEqual([]);
  expect(seen.offsite).toEqual([]);
});
