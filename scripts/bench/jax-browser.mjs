// `npm run bench -- --kernels` (through bench-kernels.mjs): the article CNN's training step in jax-js
// (jax-step.mjs) in headless Chromium, the browser the book's own rows run in. The page is
// cross-origin isolated (COOP/COEP), so jax-js's Wasm device gets its SharedArrayBuffer and its pool
// of Web Workers, one per logical core, as a reader's browser would give it. Playwright answers the
// page's requests from node_modules and this folder: nothing is fetched from the network. Prints one
// JSON object on its last line.

import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright';
import { CHROMIUM_ARGS, ensureChromium } from '../dev/chromium.mjs';

const ORIGIN = 'http://localhost:4599';
const JAX_DIST = fileURLToPath(new URL('../../node_modules/@jax-js/jax/dist/', import.meta.url));
const STEP = fileURLToPath(new URL('./jax-step.mjs', import.meta.url));
const steps = Number(process.env.KERNEL_STEPS ?? 30);

const browser = await chromium.launch({ executablePath: ensureChromium(), args: CHROMIUM_ARGS });
try {
  const page = await browser.newPage();
  await page.route(`${ORIGIN}/**`, async (route) => {
    const path = new URL(route.request().url()).pathname;
    const file =
      path === '/' ? null : path === '/jax-step.mjs' ? STEP : path.startsWith('/jax/') ? JAX_DIST + path.slice(5) : '';
    if (file === '' || (file && !/^[\w./-]+$/.test(path))) return route.fulfill({ status: 404 });
    await route.fulfill({
      status: 200,
      headers: {
        'Content-Type': file ? 'text/javascript' : 'text/html',
        'Cross-Origin-Opener-Policy': 'same-origin',
        'Cross-Origin-Embedder-Policy': 'require-corp',
      },
      body: file ? await readFile(file) : '<!doctype html><title>jax-js step</title>',
    });
  });
  await page.goto(`${ORIGIN}/`);
  const result = await page.evaluate(
    async ({ steps }) => {
      const jax = await import('/jax/index.js');
      const { profileJaxStep } = await import('/jax-step.mjs');
      const isolated = globalThis.crossOriginIsolated;
      return {
        threads: isolated ? navigator.hardwareConcurrency : 1,
        ...(await profileJaxStep(jax, { steps, warm: 5 })),
      };
    },
    { steps },
  );
  const threads = `${result.threads} thread${result.threads === 1 ? '' : 's'}`;
  console.log(
    JSON.stringify({ backend: `jax-js 0.1.25, Wasm device, ${threads}, Chromium ${browser.version()}`, ...result }),
  );
} finally {
  await browser.close();
}
