// The transfer-learning part of `npm run bench -- --transfer` (only with its flag: never in the default
// run or in --check). The Outlook chapter's transfer lab, driven through the page as a reader would, on
// the WASM backend in headless Chromium: the article's CNN trained on the first 10,000 MNIST training
// images for one epoch, then reused for Fashion-MNIST frozen (new head), with its last block fine-tuned
// and trained from scratch, each with 100, 1,000 and all 60,000 labelled examples (one pass, at least
// 60 batches), every accuracy on the same 2,000 Fashion-MNIST test images. Everything is read from the
// lab's table.

import { labPage } from './lab-page.mjs';

// BENCH_TRANSFER_LARGEST=10000 (or 5000): the lab's smaller default instead of all 60,000 examples
export const TRANSFER_SETUP = { largest: process.env.BENCH_TRANSFER_LARGEST ?? '60000', testLimit: 2000 };

/**
 * @param {import('playwright').Browser} browser
 * @param {string} baseUrl
 */
export async function runTransfer(browser, baseUrl) {
  const { context, page, errors } = await labPage(browser);
  const started = Date.now();
  await page.goto(new URL(`outlook/?lab-backend=wasm&lab-test-limit=${TRANSFER_SETUP.testLimit}`, baseUrl).href, {
    waitUntil: 'networkidle',
  });
  const root = page.locator('[data-lab="transfer"]');
  await root.scrollIntoViewIfNeeded();
  await page
    .locator('astro-island[ssr]:has([data-lab="transfer"])')
    .waitFor({ state: 'detached', timeout: 30_000 })
    .catch(() => {});
  await root.locator('select[name="largest"]').selectOption(TRANSFER_SETUP.largest);
  await root.getByRole('button', { name: 'Train', exact: true }).click();
  await page.waitForFunction(
    () => ['done', 'error'].includes(document.querySelector('[data-lab="transfer"]')?.getAttribute('data-state') ?? ''),
    undefined,
    { timeout: 2 * 60 * 60_000, polling: 1000 },
  );
  const counts = await root
    .locator('table.transfer-table tbody tr:first-child td')
    .evaluateAll((cells) => cells.map((c) => Number(c.getAttribute('data-count'))));
  const rows = await root.locator('table.transfer-table tbody tr').evaluateAll((trs) =>
    trs.map((tr) => ({
      strategy: tr.querySelector('th')?.textContent ?? '',
      cells: [...tr.querySelectorAll('td')].map((td) => td.textContent ?? ''),
    })),
  );
  const source =
    (await root
      .locator('p.source')
      .textContent()
      .catch(() => '')) ?? '';
  const result = {
    counts,
    rows: rows.map((r) => ({
      strategy: r.strategy,
      // "85.1 % in 12.3 s": the accuracy, then the seconds
      cells: r.cells.map((c) => {
        const [acc, seconds] = (c.match(/[\d.]+/g) ?? []).map(Number);
        return { acc: acc ?? Number.NaN, seconds: seconds ?? Number.NaN };
      }),
    })),
    source: source.trim(),
    minutes: (Date.now() - started) / 60_000,
    error: errors[0] ?? null,
  };
  await context.close();
  return result;
}

/** Prints the table; returns the result. */
export function reportTransfer(result) {
  if (!result) return undefined;
  const f = (v, d = 1) => (Number.isFinite(v) ? v.toFixed(d) : '—');
  console.log(
    `Transfer lab: article CNN on 10,000 MNIST images × 1 epoch → Fashion-MNIST, ${TRANSFER_SETUP.testLimit} test images (${f(result.minutes)} min)`,
  );
  console.log(result.source);
  console.log(`| strategy | ${result.counts.map((c) => `${c} examples: acc % · s`).join(' | ')} |`);
  console.log(`|---|${result.counts.map(() => '---').join('|')}|`);
  for (const r of result.rows)
    console.log(`| ${r.strategy} | ${r.cells.map((c) => `${f(c.acc)} · ${f(c.seconds)}`).join(' | ')} |`);
  if (result.error) console.log(`note: ${result.error}`);
  return result;
}
