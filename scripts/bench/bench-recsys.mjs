// The recommender lab of the applications chapter (`npm run bench -- --recsys`; not part of the
// default run or of `--check`): matrix factorisation on the FiveThirtyEight food questionnaire with
// the lab's default settings, on the WASM backend, driven through the page as a reader would. It
// reports the test RMSE of the global mean, of the item means and of the model (read off the page's
// table: the numbers the reader sees), the epochs and the seconds of the run.

import { labPage, openLab, printTable } from './lab-page.mjs';

/** @typedef {{ name: string, factors: number, lambda: number }} RecsysSetup */

/** @type {RecsysSetup[]} */
export const RECSYS_SETUPS = [
  { name: 'k = 3, λ = 0.05 (the lab default)', factors: 3, lambda: 0.05 },
  { name: 'k = 16, λ = 0 (over-fitting)', factors: 16, lambda: 0 },
];

/**
 * @param {import('playwright').Browser} browser
 * @param {string} baseUrl
 * @param {RecsysSetup} setup
 */
export async function runRecsys(browser, baseUrl, setup) {
  const { context, page, errors } = await labPage(browser);
  const lab = await openLab(page, new URL('applications/?lab-backend=wasm', baseUrl).href, 'recsys-mf');
  await lab.locator('input[name="factors"]').fill(String(setup.factors));
  await lab.locator('input[name="lambda"]').fill(String(setup.lambda));
  const started = Date.now();
  await lab.getByRole('button', { name: 'Train', exact: true }).click();
  await page.waitForTimeout(500);
  await page.waitForFunction(
    () =>
      ['done', 'error'].includes(document.querySelector('[data-lab="recsys-mf"]')?.getAttribute('data-state') ?? ''),
    undefined,
    { timeout: 30 * 60_000, polling: 500 },
  );
  const seconds = (Date.now() - started) / 1000;
  const rmse = async (method) => {
    const value = await lab
      .locator(`tr[data-method="${method}"]`)
      .getAttribute('data-rmse')
      .catch(() => null);
    return value ? Number(value) : null;
  };
  const epochs = await lab
    .locator('tr[data-method="model"]')
    .getAttribute('data-epochs')
    .catch(() => null);
  const row = {
    setup: setup.name,
    globalMean: await rmse('global'),
    itemMean: await rmse('item'),
    model: await rmse('model'),
    epochs: epochs ? Number(epochs) : null,
    seconds,
    backend: await lab.getAttribute('data-backend'),
    error: errors[0] ?? null,
  };
  await context.close();
  return [row];
}

/** Prints the table; returns the rows. */
export function reportRecsys(rows) {
  const f = (v) => (v === null ? '—' : v.toFixed(3));
  const table = [
    ['set-up', 'global mean RMSE', 'item mean RMSE', 'MF RMSE', 'epochs', 'seconds', 'backend'],
    ...rows.map((r) => [
      r.setup,
      f(r.globalMean),
      f(r.itemMean),
      f(r.model),
      r.epochs === null ? '—' : String(r.epochs),
      r.seconds.toFixed(1),
      r.backend ?? '—',
    ]),
  ];
  printTable(table);
  for (const r of rows.filter((x) => x.error)) console.log(`note: ${r.setup}: ${r.error}`);
  return rows;
}
