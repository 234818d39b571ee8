// The date-translation lab of the applications chapter (`npm run bench -- --dates`; not part of the
// default run or of `--check`): the translator with attention and the one without, each trained
// alone with the lab's default settings on the WASM backend, driven through the page as a reader
// would (its own Train button). The page's trace (`?lab-trace`) gives every epoch's exact-match
// rate on the validation dates with the training seconds so far; the table reports the training
// seconds until validation first reaches 99 %, the held-out test score at the end, and the wall time.

import { labPage, openLab, printTable } from './lab-page.mjs';

const GOAL = 0.99;

/** @typedef {{ name: string, side: 'attention' | 'plain' }} DatesSetup */

/** @type {DatesSetup[]} */
export const DATES_SETUPS = [
  { name: 'with attention', side: 'attention' },
  { name: 'without attention', side: 'plain' },
];

/**
 * @param {import('playwright').Browser} browser
 * @param {string} baseUrl
 * @param {DatesSetup} setup
 */
export async function runDates(browser, baseUrl, setup) {
  const { context, page, errors } = await labPage(browser);
  await page.addInitScript(() => {
    /** @type {{ epoch: number, acc: number, seconds: number }[]} */
    const epochs = [];
    /** @type {number[]} */
    const test = [];
    Object.assign(window, { __epochs: epochs, __test: test });
    window.addEventListener('lab-message', (event) => {
      const m = /** @type {CustomEvent} */ (event).detail;
      if (m.type === 'evaluation') epochs.push({ epoch: m.epoch + 1, acc: m.testAcc, seconds: m.trainingMs / 1000 });
      if (m.type === 'snapshot' && m.kind === 'test') test.push(m.data[0]);
    });
  });
  const lab = await openLab(
    page,
    new URL('applications/?lab-backend=wasm&lab-trace', baseUrl).href,
    'attention-translate',
  );
  const id = `attention-translate-${setup.side}`;
  const side = lab.locator(`[data-lab="${id}"]`);
  const started = Date.now();
  await side.getByRole('button', { name: 'Train', exact: true }).click();
  await page.waitForTimeout(500);
  await page.waitForFunction(
    (id) => ['done', 'error'].includes(document.querySelector(`[data-lab="${id}"]`)?.getAttribute('data-state') ?? ''),
    id,
    { timeout: 30 * 60_000, polling: 500 },
  );
  /** @type {{ epoch: number, acc: number, seconds: number }[]} */
  const epochs = await page.evaluate(() => Reflect.get(window, '__epochs'));
  /** @type {number[]} */
  const test = await page.evaluate(() => Reflect.get(window, '__test'));
  const reached = epochs.find((e) => e.acc >= GOAL);
  const row = {
    setup: setup.name,
    epochs,
    epochTo99: reached ? reached.epoch : null,
    secondsTo99: reached ? reached.seconds : null,
    lastValidation: epochs.at(-1)?.acc ?? null,
    test: test[0] ?? null,
    trainingSeconds: epochs.at(-1)?.seconds ?? null,
    wallSeconds: (Date.now() - started) / 1000,
    backend: await side.getAttribute('data-backend'),
    error: errors[0] ?? null,
  };
  await context.close();
  return row;
}

/** Prints the table; returns the rows. */
export function reportDates(rows) {
  const pct = (v) => (v === null ? '—' : `${(v * 100).toFixed(1)} %`);
  const table = [
    ['model', 'validation by epoch', 'training s to 99 %', 'held-out test', 'training s', 'wall s', 'backend'],
    ...rows.map((r) => [
      r.setup,
      r.epochs.map((e) => (e.acc * 100).toFixed(1)).join(' '),
      r.secondsTo99 === null ? 'not reached' : `${r.secondsTo99.toFixed(1)} (epoch ${r.epochTo99})`,
      pct(r.test),
      r.trainingSeconds === null ? '—' : r.trainingSeconds.toFixed(1),
      r.wallSeconds.toFixed(1),
      r.backend ?? '—',
    ]),
  ];
  printTable(table);
  for (const r of rows.filter((x) => x.error)) console.log(`note: ${r.setup}: ${r.error}`);
  return rows;
}
