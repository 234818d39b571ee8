// The optimizer race of the mathematics chapter (`npm run bench -- --optim-race`; not part of the
// default run or of `--check`): the lab trains the same MLP on all 60,000 MNIST digits with each of
// the five optimizers at Keras's defaults, from the same initial weights on the same batches, on the
// WASM backend, driven through the page as a reader would. It reports, per optimizer, the steps and
// the seconds of its own training until its accuracy on 1,000 test images first reached 97 % (tested
// every 50 steps), read off the page's table (the numbers the reader sees).

import { labPage, openLab, printTable } from './lab-page.mjs';

/** @typedef {{ name: string, query: string, epochs: number, target: number }} OptimRaceSetup */

/** @type {OptimRaceSetup[]} */
export const OPTIM_RACE_SETUPS = [
  { name: 'MNIST, five optimizers at Keras defaults, WASM', query: 'lab-backend=wasm', epochs: 5, target: 97 },
];

const KINDS = ['sgd', 'momentum', 'rmsprop', 'adam', 'adamw'];

/**
 * @param {import('playwright').Browser} browser
 * @param {string} baseUrl
 * @param {OptimRaceSetup} setup
 */
export async function runOptimRace(browser, baseUrl, setup) {
  const { context, page, errors } = await labPage(browser);
  const lab = await openLab(page, new URL(`math/derivations/?${setup.query}`, baseUrl).href, 'optim-race');
  await lab.locator('select[name="examples"]').selectOption('60000');
  await lab.locator('input[name="epochs"]').fill(String(setup.epochs));
  await lab.locator('input[name="target"]').fill(String(setup.target));
  for (const kind of KINDS) await lab.locator(`input[name="race-${kind}"]`).check();
  await lab.getByRole('button', { name: 'Keras’s defaults for all' }).click();
  const started = Date.now();
  await lab.getByRole('button', { name: 'Train', exact: true }).click();
  await page.waitForTimeout(500);
  await page.waitForFunction(
    () =>
      ['done', 'error'].includes(document.querySelector('[data-lab="optim-race"]')?.getAttribute('data-state') ?? ''),
    undefined,
    { timeout: 60 * 60_000, polling: 2000 },
  );
  const minutes = (Date.now() - started) / 60_000;
  const backend = await lab.getAttribute('data-backend');
  const rows = [];
  for (const kind of KINDS) {
    const row = lab.locator(`tr[data-racer="${kind}"]`);
    const attr = async (name) => (await row.getAttribute(name)) || null;
    const steps = await attr('data-steps');
    const seconds = await attr('data-seconds');
    const acc = await attr('data-acc');
    const settings = await lab
      .locator(`[data-racer-row="${kind}"] input[type="text"]`)
      .evaluateAll((inputs) => inputs.map((i) => `${i.name.split('-')[1]}=${i.value}`).join(' '));
    rows.push({
      setup: setup.name,
      optimizer: kind,
      settings,
      steps: steps === null ? null : Number(steps),
      seconds: seconds === null ? null : Number(seconds),
      lastAcc: acc === null ? null : Number(acc),
      backend,
      minutes,
      error: errors[0] ?? null,
    });
  }
  await context.close();
  return rows;
}

/** Prints the table; returns the rows. */
export function reportOptimRace(rows) {
  const table = [
    ['set-up', 'optimizer', 'settings', 'steps to 97 %', 's to 97 %', 'last test acc', 'backend', 'race minutes'],
    ...rows.map((r) => [
      r.setup,
      r.optimizer,
      r.settings,
      r.steps === null ? 'not reached' : String(r.steps),
      r.seconds === null ? '—' : r.seconds.toFixed(1),
      r.lastAcc === null ? '—' : `${(r.lastAcc * 100).toFixed(1)} %`,
      r.backend ?? '—',
      r.minutes.toFixed(1),
    ]),
  ];
  printTable(table);
  for (const r of rows.filter((x) => x.error)) console.log(`note: ${r.setup} ${r.optimizer}: ${r.error}`);
  return rows;
}
