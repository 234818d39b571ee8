// The recurrent half of `npm run bench`: the RNN and LSTM labs of the algorithms, math and
// applications chapters, trained in headless Chromium through the page as a reader would, each in
// a fresh browser context. It reports, per set-up, what the chapters state as measured (the
// figures are kept in src/ml/models/*-presets.ts, which the labs and a unit test share):
//   - MNIST read row by row by an LSTM, with the lab's quick defaults and with the settings of the
//     text (its "Use the settings of the text" button): test accuracy
//   - spoken digits (espeak-ng voices never heard in training), the same two ways: test accuracy
//   - the long-memory race at several distances: SimpleRNN and LSTM test accuracy
//   - the forecaster on the S&P 500 and on CO₂: test RMSE of the LSTM and of the last value
// Accuracies and errors are read from the page (the same numbers the reader sees).

import { labPage, number, openLab, printTable } from './lab-page.mjs';

/**
 * @typedef {{ name: string, kind: 'sequence' | 'race' | 'forecast', path: string, lab: string,
 *   preset?: 'defaults' | 'text', length?: number, series?: string, goal?: string }} RecurrentSetup
 */

/** @type {RecurrentSetup[]} */
export const RECURRENT_SETUPS = [
  .../** @type {const} */ (['defaults', 'text']).flatMap((preset) => [
    {
      name: `MNIST row by row, LSTM, ${preset}`,
      kind: /** @type {const} */ ('sequence'),
      path: 'algorithms/',
      lab: 'rnn-mnist-rows',
      preset,
      goal: preset === 'text' ? '≥ 97 %' : '',
    },
    {
      name: `spoken digits, LSTM, ${preset}`,
      kind: /** @type {const} */ ('sequence'),
      path: 'math/cases/',
      lab: 'rnn-speech',
      preset,
      goal: preset === 'text' ? '≥ 95 %' : '',
    },
  ]),
  ...[20, 40, 80, 100].map((length) => ({
    name: `race, distance ${length}`,
    kind: /** @type {const} */ ('race'),
    path: 'math/derivations/',
    lab: 'lstm-race',
    length,
  })),
  { name: 'forecast S&P 500', kind: 'forecast', path: 'applications/', lab: 'lstm-forecast', series: 'sp500' },
  { name: 'forecast CO₂', kind: 'forecast', path: 'applications/', lab: 'lstm-forecast', series: 'co2' },
];

/**
 * @param {import('playwright').Browser} browser
 * @param {string} baseUrl
 * @param {RecurrentSetup} setup
 */
export async function runRecurrent(browser, baseUrl, setup) {
  const { context, page, errors } = await labPage(browser);
  const query = '?lab-backend=wasm';
  const root = await openLab(page, new URL(`${setup.path}${query}`, baseUrl).href, setup.lab);
  const started = Date.now();
  const done = (selector) =>
    page.waitForFunction(
      (s) =>
        [...document.querySelectorAll(s)].every((e) => ['done', 'error'].includes(e.getAttribute('data-state') ?? '')),
      selector,
      { timeout: 30 * 60_000, polling: 1000 },
    );
  const row = {
    setup: setup.name,
    goal: setup.goal ?? '',
    rnn: null,
    lstm: null,
    acc: null,
    lstmRmse: null,
    naiveRmse: null,
  };
  if (setup.kind === 'sequence') {
    if (setup.preset === 'text') await root.getByRole('button', { name: 'Use the settings of the text' }).click();
    await root.getByRole('button', { name: 'Train' }).click();
    await page.waitForTimeout(500);
    await done(`[data-lab="${setup.lab}"]`);
    row.acc = number(await root.locator('[data-metric="test-acc"]').textContent()) / 100;
  } else if (setup.kind === 'race') {
    await root.locator('input[name="length"]').fill(String(setup.length));
    await root.getByRole('button', { name: 'Train both' }).click();
    await page.waitForTimeout(500);
    await done('[data-lab="lstm-race-rnn"], [data-lab="lstm-race-lstm"]');
    row.rnn = number(await root.locator('[data-lab="lstm-race-rnn"] [data-metric="test-acc"]').textContent()) / 100;
    row.lstm = number(await root.locator('[data-lab="lstm-race-lstm"] [data-metric="test-acc"]').textContent()) / 100;
  } else {
    await root.locator('select[name="series"]').selectOption(setup.series);
    await root.getByRole('button', { name: 'Train' }).click();
    await page.waitForTimeout(500);
    await done(`[data-lab="${setup.lab}"]`);
    await root.locator('[data-score="lstm-rmse"]').waitFor({ timeout: 60_000 });
    row.lstmRmse = number(await root.locator('[data-score="lstm-rmse"]').textContent());
    row.naiveRmse = number(await root.locator('[data-score="naive-rmse"]').textContent());
  }
  row.minutes = (Date.now() - started) / 60_000;
  row.error = errors[0] ?? null;
  await context.close();
  return row;
}

/** Prints the table; returns the rows. */
export function reportRecurrent(rows) {
  const pct = (v) => (v === null || Number.isNaN(v) ? '—' : `${(v * 100).toFixed(1)} %`);
  const num = (v) => (v === null || Number.isNaN(v) ? '—' : String(v));
  const table = [
    ['set-up', 'test accuracy', 'goal', 'SimpleRNN', 'LSTM', 'LSTM RMSE', 'last-value RMSE', 'minutes'],
    ...rows.map((r) => [
      r.setup,
      pct(r.acc),
      r.goal,
      pct(r.rnn),
      pct(r.lstm),
      num(r.lstmRmse),
      num(r.naiveRmse),
      r.minutes.toFixed(1),
    ]),
  ];
  printTable(table);
  for (const r of rows.filter((x) => x.error)) console.log(`note: ${r.setup}: ${r.error}`);
  return rows;
}
