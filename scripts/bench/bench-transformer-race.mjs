// The Transformer race of the mathematics chapter's attention page (`npm run bench -- --transformer-race`;
// not part of the default run or of `--check`): the lab races its one-block Transformer against its
// bidirectional LSTM of about the same size, each for the lab's default seconds of its own training
// (and a longer budget), on reversing and on sorting 16-digit sequences, on the WASM backend, driven
// through the page as a reader would. It reports, per model, its weights, its steps, its training
// seconds and its accuracy on the 500 held-out sequences at the end (digits right and whole sequences
// right), read off the page's table (the numbers the reader sees).

import { labPage, openLab, printTable } from './lab-page.mjs';

/** @typedef {{ name: string, task: 'reverse' | 'sort', length: number, budget: number }} TransformerRaceSetup */

/** @type {TransformerRaceSetup[]} */
export const TRANSFORMER_RACE_SETUPS = [
  { name: 'reverse 16 digits, 30 s each', task: 'reverse', length: 16, budget: 30 },
  { name: 'sort 16 digits, 30 s each', task: 'sort', length: 16, budget: 30 },
  { name: 'reverse 16 digits, 120 s each', task: 'reverse', length: 16, budget: 120 },
];

const MODELS = ['transformer', 'lstm'];

/**
 * @param {import('playwright').Browser} browser
 * @param {string} baseUrl
 * @param {TransformerRaceSetup} setup
 */
export async function runTransformerRace(browser, baseUrl, setup) {
  const { context, page, errors } = await labPage(browser);
  const lab = await openLab(page, new URL('math/attention/?lab-backend=wasm', baseUrl).href, 'transformer-race');
  await lab.locator('select[name="task"]').selectOption(setup.task);
  await lab.locator('input[name="length"]').fill(String(setup.length));
  await lab.locator('input[name="budget"]').fill(String(setup.budget));
  const started = Date.now();
  await lab.getByRole('button', { name: 'Train', exact: true }).click();
  await page.waitForTimeout(500);
  await page.waitForFunction(
    () =>
      ['done', 'error'].includes(
        document.querySelector('[data-lab="transformer-race"]')?.getAttribute('data-state') ?? '',
      ),
    undefined,
    { timeout: 60 * 60_000, polling: 1000 },
  );
  const minutes = (Date.now() - started) / 60_000;
  const backend = await lab.getAttribute('data-backend');
  const rows = [];
  for (const model of MODELS) {
    const row = lab.locator(`tr[data-model="${model}"]`);
    const attr = async (name) => {
      const value = await row.getAttribute(name);
      return value ? Number(value) : null;
    };
    rows.push({
      setup: setup.name,
      model,
      params: await attr('data-params'),
      steps: await attr('data-steps'),
      seconds: await attr('data-seconds'),
      tokenAcc: await attr('data-acc'),
      sequenceAcc: await attr('data-sequence-acc'),
      backend,
      minutes,
      error: errors[0] ?? null,
    });
  }
  await context.close();
  return rows;
}

/** Prints the table; returns the rows. */
export function reportTransformerRace(rows) {
  const pct = (v) => (v === null ? '—' : `${(v * 100).toFixed(1)} %`);
  const table = [
    ['set-up', 'model', 'weights', 'steps', 'training s', 'digits right', 'sequences right', 'backend', 'race min'],
    ...rows.map((r) => [
      r.setup,
      r.model,
      r.params === null ? '—' : String(r.params),
      r.steps === null ? '—' : String(r.steps),
      r.seconds === null ? '—' : r.seconds.toFixed(1),
      pct(r.tokenAcc),
      pct(r.sequenceAcc),
      r.backend ?? '—',
      r.minutes.toFixed(1),
    ]),
  ];
  printTable(table);
  for (const r of rows.filter((x) => x.error)) console.log(`note: ${r.setup} ${r.model}: ${r.error}`);
  return rows;
}
