// The overfitting part of `npm run bench` (`-- --overfit` only: not in the default run nor in
// `--check`): the Practice chapter's overfitting lab trained through the page as a reader would, on
// WebAssembly, with its own settings (the first 300 MNIST images, one label in five wrong, 20 epochs,
// seed 1; BENCH_SEED=n types another seed into the lab, BENCH_ONLY=regex picks remedies), once with
// no remedy and once with each remedy alone, each in a fresh browser context. It prints, per remedy,
// the training and test accuracy of the model the run ends with (for early stopping, the epoch it
// restored), the gap between them in points, the epochs trained and the seconds the run took: the
// numbers the lab's note quotes (OVERFIT_MEASURED in src/ml/models/remedies.ts). The lab is shown
// to work when the gap is at least 10 points with no remedy and smaller with every remedy.

import { labPage, openLab, printTable } from './lab-page.mjs';

/** The lab's checkboxes (their `name`), in the order of the note; `none` trains without any. */
export const OVERFIT_SETUPS = ['none', 'weightDecay', 'dropout', 'augment', 'earlyStopping', 'batchNorm'];

/**
 * @param {import('playwright').Browser} browser
 * @param {string} baseUrl
 * @param {string} remedy
 */
export async function runOverfit(browser, baseUrl, remedy) {
  const { context, page, errors } = await labPage(browser);
  const root = await openLab(page, new URL('practice/?lab-backend=wasm', baseUrl).href, 'overfit');
  if (remedy !== 'none') await root.locator(`input[type="checkbox"][name="${remedy}"]`).check();
  if (process.env.BENCH_SEED) await root.locator('input[name="seed"]').fill(process.env.BENCH_SEED);
  const started = Date.now();
  await root.getByRole('button', { name: 'Train', exact: true }).click();
  await page.waitForTimeout(500);
  await page.waitForFunction(
    () => ['done', 'error'].includes(document.querySelector('[data-lab="overfit"]')?.getAttribute('data-state') ?? ''),
    undefined,
    { timeout: 30 * 60_000, polling: 1000 },
  );
  const seconds = (Date.now() - started) / 1000;
  const readout = root.locator('.readout');
  const read = async (name) => {
    const value = await readout.getAttribute(name).catch(() => null);
    return value === null || value === '' ? null : Number(value);
  };
  const row = {
    remedy,
    trainAcc: await read('data-train'),
    testAcc: await read('data-test'),
    gap: await read('data-gap'),
    epochs: await read('data-epochs'),
    restored: await read('data-restored'),
    seconds,
    backend: await root.getAttribute('data-backend'),
    error: errors[0] ?? null,
  };
  await context.close();
  return row;
}

/** Prints the table and whether the lab meets its aim; returns the rows. */
export function reportOverfit(rows) {
  const pct = (v) => (v === null ? '—' : (v * 100).toFixed(1));
  if (process.env.BENCH_SEED) console.log(`seed ${process.env.BENCH_SEED}`);
  const table = [
    ['remedy', 'train %', 'test %', 'gap (points)', 'epochs', 'seconds'],
    ...rows.map((r) => [
      r.remedy,
      pct(r.trainAcc),
      pct(r.testAcc),
      r.gap === null ? '—' : r.gap.toFixed(1),
      r.epochs === null ? '—' : `${r.epochs}${r.restored === null ? '' : ` (kept ${r.restored})`}`,
      r.seconds.toFixed(0),
    ]),
  ];
  printTable(table);
  const none = rows.find((r) => r.remedy === 'none')?.gap ?? null;
  const wider = rows.filter((r) => r.remedy !== 'none' && (r.gap === null || none === null || r.gap >= none));
  if (none !== null && rows.length === OVERFIT_SETUPS.length)
    console.log(
      none >= 10 && wider.length === 0
        ? `the gap is ${none.toFixed(1)} points with no remedy and smaller with each remedy`
        : `not met: gap ${none.toFixed(1)} with no remedy${wider.length ? `; not smaller with ${wider.map((r) => r.remedy).join(', ')}` : ''}`,
    );
  for (const r of rows.filter((x) => x.error)) console.log(`note: ${r.remedy}: ${r.error}`);
  return rows;
}
