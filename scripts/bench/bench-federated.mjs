// The federated part of `npm run bench` (`-- --federated`, not in the default run nor in --check):
// the Outlook chapter's federated-averaging lab trained in headless Chromium through the page, on
// all 60,000 MNIST training images dealt to 10 clients, IID and skewed by label (Dirichlet α = 0.1,
// strongly, and 0.5); half of the clients per round, one local epoch, batch 32, SGD at 0.1, seed 1. The page's
// trace (`?lab-trace`) gives every round's test accuracy of the federated and the centralised model
// (1,000 test images, as the lab scores them). It reports the rounds until the federated model first
// reaches 97 %, and the epochs (examples processed / 60,000) until the centralised one does; a run
// stops at 97 % or after its cap of rounds (BENCH_FED_ROUNDS, default 100).

import { labPage, openLab, printTable } from './lab-page.mjs';

const GOAL = 0.97;
const CAP = Number(process.env.BENCH_FED_ROUNDS ?? 100);

/** @typedef {{ name: string, split: 'iid' | 'dirichlet', alpha?: string }} FederatedSetup */

/** @type {FederatedSetup[]} */
export const FEDERATED_SETUPS = [
  { name: 'IID, 10 clients, C = 0.5, E = 1', split: 'iid' },
  { name: 'Dirichlet α = 0.1, 10 clients, C = 0.5, E = 1', split: 'dirichlet', alpha: '0.1' },
  { name: 'Dirichlet α = 0.5, 10 clients, C = 0.5, E = 1', split: 'dirichlet', alpha: '0.5' },
];

/**
 * @param {import('playwright').Browser} browser
 * @param {string} baseUrl
 * @param {FederatedSetup} setup
 */
export async function runFederated(browser, baseUrl, setup) {
  const { context, page, errors } = await labPage(browser);
  await page.addInitScript(() => {
    /** @type {number[][]} */
    const rounds = [];
    Object.assign(window, { __rounds: rounds });
    window.addEventListener('lab-message', (event) => {
      const m = /** @type {CustomEvent} */ (event).detail;
      if (m.type === 'snapshot' && m.kind === 'federated-round') rounds.push(Array.from(m.data));
    });
  });
  const root = await openLab(page, new URL('outlook/?lab-backend=wasm&lab-trace', baseUrl).href, 'federated');
  const fill = (name, value) => root.locator(`input[name="${name}"]`).fill(value);
  await root.locator('select[name="split"]').selectOption(setup.split);
  if (setup.alpha) await fill('alpha', setup.alpha);
  for (const [name, value] of Object.entries({
    clients: '10',
    fraction: '0.5',
    localEpochs: '1',
    rounds: String(CAP),
    examples: '60000',
    learningRate: '0.1',
    batchSize: '32',
    seed: '1',
  }))
    await fill(name, value);
  const started = Date.now();
  await root.getByRole('button', { name: 'Train', exact: true }).click();
  // until both have reached the goal, or the run ends; a line every tenth round, so that a long
  // run shows where it is
  let printed = 0;
  for (;;) {
    const { state, rounds } = await page.evaluate(() => ({
      state: document.querySelector('[data-lab="federated"]')?.getAttribute('data-state'),
      rounds: /** @type {number[][]} */ (Reflect.get(window, '__rounds')),
    }));
    for (const r of rounds.filter((r) => r[0] % 10 === 0 && r[0] > printed)) {
      console.log(
        `[bench]   round ${r[0]}: federated ${(r[1] * 100).toFixed(1)} %, centralised ${(r[2] * 100).toFixed(1)} %`,
      );
      printed = r[0];
    }
    const both = rounds.some((r) => r[1] >= GOAL) && rounds.some((r) => r[2] >= GOAL);
    if (state === 'done' || state === 'error' || both || Date.now() - started > 180 * 60_000) break;
    await page.waitForTimeout(2000);
  }
  /** @type {number[][]} */
  const rounds = await page.evaluate(() => Reflect.get(window, '__rounds'));
  const fed = rounds.find((r) => r[1] >= GOAL);
  const central = rounds.find((r) => r[2] >= GOAL);
  const last = rounds.at(-1);
  const row = {
    setup: setup.name,
    roundsTo97: fed ? fed[0] : null,
    megabytesTo97: fed ? fed[3] / 1e6 : null,
    centralEpochsTo97: central ? central[4] / 60_000 : null,
    rounds: last ? last[0] : 0,
    lastFederated: last ? last[1] : null,
    lastCentral: last ? last[2] : null,
    minutes: (Date.now() - started) / 60_000,
    error: errors[0] ?? null,
  };
  await context.close();
  return row;
}

/** Prints the table; returns the rows. */
export function reportFederated(rows) {
  const pct = (v) => (v === null ? '—' : `${(v * 100).toFixed(1)} %`);
  const table = [
    [
      'set-up',
      'rounds to 97 %',
      'MB sent by then',
      'centralised epochs to 97 %',
      'rounds run',
      'federated at end',
      'centralised at end',
      'minutes',
    ],
    ...rows.map((r) => [
      r.setup,
      r.roundsTo97 ?? `> ${r.rounds}`,
      r.megabytesTo97 === null ? '—' : r.megabytesTo97.toFixed(0),
      r.centralEpochsTo97 === null ? `> ${(r.rounds * 0.5).toFixed(1)}` : r.centralEpochsTo97.toFixed(1),
      r.rounds,
      pct(r.lastFederated),
      pct(r.lastCentral),
      r.minutes.toFixed(1),
    ]),
  ];
  printTable(table);
  for (const r of rows.filter((x) => x.error)) console.log(`note: ${r.setup}: ${r.error}`);
  return rows;
}
