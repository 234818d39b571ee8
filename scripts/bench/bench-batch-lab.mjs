// The batch-size sweep of the FAQ (`npm run bench -- --batch-lab`; not part of the default run or of
// `--check`): the lab trains its MLP on all 60,000 MNIST digits once per batch size (16 … 256), each
// from the same initial weights, with SGD and momentum at a learning rate scaled linearly from 0.02
// at batch 32 (the lab's defaults), on the WASM backend, driven through the page as a reader would.
// It reports, per batch size, the examples per second and the steps, epochs and seconds of training
// until the accuracy on 1,000 test images first reached 97 % (tested about every 3,200 examples),
// read off the page's table (the numbers the reader sees).

import { labPage, openLab, printTable } from './lab-page.mjs';

/** @typedef {{ name: string, query: string, sizes: number[], lrMode: string, learningRate: number, epochs: number, target: number }} BatchLabSetup */

/** @type {BatchLabSetup[]} */
export const BATCH_LAB_SETUPS = [
  {
    name: 'MNIST, linear LR scaling, WASM',
    query: 'lab-backend=wasm',
    sizes: [16, 32, 64, 128, 256],
    lrMode: 'linear',
    learningRate: 0.02,
    epochs: 4,
    target: 97,
  },
];

const CHOICES = [8, 16, 32, 64, 128, 256, 512];

/**
 * @param {import('playwright').Browser} browser
 * @param {string} baseUrl
 * @param {BatchLabSetup} setup
 */
export async function runBatchLab(browser, baseUrl, setup) {
  const { context, page, errors } = await labPage(browser);
  const lab = await openLab(page, new URL(`faq/?${setup.query}`, baseUrl).href, 'batch-lab');
  await lab.locator('select[name="examples"]').selectOption('60000');
  await lab.locator('select[name="lrMode"]').selectOption(setup.lrMode);
  await lab.locator('input[name="learningRate"]').fill(String(setup.learningRate));
  await lab.locator('input[name="epochs"]').fill(String(setup.epochs));
  await lab.locator('input[name="target"]').fill(String(setup.target));
  for (const size of CHOICES) await lab.locator(`input[name="batch-${size}"]`).setChecked(setup.sizes.includes(size));
  const started = Date.now();
  await lab.getByRole('button', { name: 'Train', exact: true }).click();
  await page.waitForTimeout(500);
  await page.waitForFunction(
    () =>
      ['done', 'error'].includes(document.querySelector('[data-lab="batch-lab"]')?.getAttribute('data-state') ?? ''),
    undefined,
    { timeout: 60 * 60_000, polling: 2000 },
  );
  const minutes = (Date.now() - started) / 60_000;
  const backend = await lab.getAttribute('data-backend');
  const rows = [];
  for (const size of setup.sizes) {
    const row = lab.locator(`tr[data-batch="${size}"]`);
    const attr = async (name) => (await row.getAttribute(name)) || null;
    const cells = await row.locator('td').allInnerTexts();
    const steps = await attr('data-steps');
    const seconds = await attr('data-seconds');
    rows.push({
      setup: setup.name,
      batchSize: size,
      learningRate: cells[0] ?? null,
      samplesPerSec: Number((await attr('data-rate')) ?? Number.NaN),
      outcome: await attr('data-outcome'),
      steps: steps === null ? null : Number(steps),
      epochs: steps === null ? null : (Number(steps) * size) / 60_000,
      seconds: seconds === null ? null : Number(seconds),
      lastAcc: cells.at(-1) ?? null,
      backend,
      minutes,
      error: errors[0] ?? null,
    });
  }
  await context.close();
  return rows;
}

/** Prints the table; returns the rows. */
export function reportBatchLab(rows) {
  const table = [
    ['set-up', 'batch', 'η', 'examples/s', 'steps to 97 %', 'epochs to 97 %', 's to 97 %', 'last test acc', 'backend'],
    ...rows.map((r) => [
      r.setup,
      String(r.batchSize),
      r.learningRate ?? '—',
      Number.isFinite(r.samplesPerSec) ? String(Math.round(r.samplesPerSec)) : '—',
      r.steps === null ? (r.outcome ?? 'not reached') : String(r.steps),
      r.epochs === null ? '—' : r.epochs.toFixed(2),
      r.seconds === null ? '—' : r.seconds.toFixed(1),
      r.lastAcc ?? '—',
      r.backend ?? '—',
    ]),
  ];
  printTable(table);
  if (rows[0]) console.log(`sweep: ${rows[0].minutes.toFixed(1)} minutes`);
  for (const r of rows.filter((x) => x.error)) console.log(`note: ${r.setup} batch ${r.batchSize}: ${r.error}`);
  return rows;
}
