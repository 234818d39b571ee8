// The compression part of `npm run bench -- --quantize` (only with its flag: never in the default run
// or in --check). The Outlook chapter's compression lab, driven through the page as a reader would, on
// the WASM backend in headless Chromium: the article's CNN trained on the first 10,000 MNIST training
// images for one epoch, then int8 per tensor and per channel (activations calibrated on 500 training
// images) and magnitude pruning at 50/75/90 % with and without a 100-batch fine-tune, every accuracy
// on the 10,000 test images. Everything is read from the lab's tables.

import { labPage, number } from './lab-page.mjs';

export const QUANTIZE_SETUP = { examples: '10000', epochs: '1', testLimit: 10000 };

/**
 * @param {import('playwright').Browser} browser
 * @param {string} baseUrl
 */
export async function runQuantize(browser, baseUrl) {
  const { context, page, errors } = await labPage(browser);
  const started = Date.now();
  await page.goto(new URL(`outlook/?lab-backend=wasm&lab-test-limit=${QUANTIZE_SETUP.testLimit}`, baseUrl).href, {
    waitUntil: 'networkidle',
  });
  const root = page.locator('[data-lab="quantize"]');
  await root.scrollIntoViewIfNeeded();
  await page
    .locator('astro-island[ssr]:has([data-lab="quantize"])')
    .waitFor({ state: 'detached', timeout: 30_000 })
    .catch(() => {});
  await root.locator('select[name="examples"]').selectOption(QUANTIZE_SETUP.examples);
  await root.locator('input[name="epochs"]').fill(QUANTIZE_SETUP.epochs);
  await root.getByRole('button', { name: 'Train', exact: true }).click();
  await page.waitForFunction(
    () => ['done', 'error'].includes(document.querySelector('[data-lab="quantize"]')?.getAttribute('data-state') ?? ''),
    undefined,
    { timeout: 60 * 60_000, polling: 1000 },
  );
  const cells = async (selector) =>
    root.locator(selector).evaluateAll((rows) => rows.map((r) => [...r.children].map((c) => c.textContent ?? '')));
  const summary = (await cells('table.compress-summary tbody tr')).map(([name, size, ratio, acc]) => ({
    name,
    kb: number(size),
    ratio: number(ratio),
    acc: number(acc),
  }));
  const prune = (await cells('table.compress-prune tbody tr')).map(([sparsity, pruned, tuned]) => ({
    sparsity: number(sparsity),
    pruned: number(pruned),
    tuned: number(tuned),
  }));
  const layers = await cells('table.compress-layers tbody tr');
  const row = { summary, prune, layers, minutes: (Date.now() - started) / 60_000, error: errors[0] ?? null };
  await context.close();
  return row;
}

/** Prints the tables; returns the result. */
export function reportQuantize(result) {
  if (!result) return undefined;
  const f = (v, d = 1) => (Number.isFinite(v) ? v.toFixed(d) : '—');
  const float = result.summary[0]?.acc ?? Number.NaN;
  console.log(
    `Compression lab: article CNN, ${QUANTIZE_SETUP.examples} MNIST images × ${QUANTIZE_SETUP.epochs} epoch, ${QUANTIZE_SETUP.testLimit} test images (${f(result.minutes)} min)`,
  );
  console.log('| format | KB | ratio | test acc % | change pp |');
  console.log('|---|---|---|---|---|');
  for (const r of result.summary)
    console.log(`| ${r.name} | ${f(r.kb)} | ${f(r.ratio)} | ${f(r.acc, 2)} | ${f(r.acc - float, 2)} |`);
  console.log('| sparsity % | pruned acc % | fine-tuned acc % |');
  console.log('|---|---|---|');
  for (const r of result.prune) console.log(`| ${f(r.sparsity, 0)} | ${f(r.pruned, 2)} | ${f(r.tuned, 2)} |`);
  for (const l of result.layers) console.log(`layer ${l.join(' · ')}`);
  if (result.error) console.log(`note: ${result.error}`);
  return result;
}
