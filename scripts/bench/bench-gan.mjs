// The GAN half of `npm run bench`: both GAN labs of the math chapter, trained in headless Chromium
// through the page as a reader would, each in a fresh browser context on the WASM backend.
//   - the 2-D laboratory's three presets: the distance between generated and target points at the
//     start and the end, modes covered, the mean verdicts D(x) and D(G(z)), iterations per second
//   - digits from noise on MNIST and Fashion-MNIST: the seconds to reach 250, 500, 1,000, 2,000 iterations
//     and the end, iterations per second, and the 8 × 8 sample grid at those points, saved as PNG
//     images in bench-results/ (look at them: a GAN's loss says little about its samples)
// Everything is read from the page (the numbers and pictures the reader sees).

import { mkdirSync, writeFileSync } from 'node:fs';
import { labPage, number, openLab, printTable } from './lab-page.mjs';

/**
 * @typedef {{ name: string, kind: 'plane' | 'digits', preset?: string, dataset?: string,
 *   iterations?: string }} GanSetup
 */

/** @type {GanSetup[]} */
export const GAN_SETUPS = [
  { name: '2-D GAN, converges', kind: 'plane', preset: 'converges' },
  { name: '2-D GAN, mode collapse', kind: 'plane', preset: 'mode-collapse' },
  { name: '2-D GAN, oscillation', kind: 'plane', preset: 'oscillation' },
  { name: 'digits from noise, MNIST', kind: 'digits', dataset: 'mnist' },
  { name: 'digits from noise, Fashion-MNIST', kind: 'digits', dataset: 'fashion-mnist' },
];

const CHECKPOINTS = [250, 500, 1000, 2000];

/**
 * @param {import('playwright').Browser} browser
 * @param {string} baseUrl
 * @param {GanSetup} setup
 */
export async function runGan(browser, baseUrl, setup) {
  const { context, page, errors } = await labPage(browser);
  const lab = setup.kind === 'plane' ? 'gan-2d' : 'gan-digits';
  const root = await openLab(
    page,
    new URL(`math/${setup.kind === 'plane' ? 'derivations' : 'cases'}/?lab-backend=wasm&lab-trace`, baseUrl).href,
    lab,
  );
  // when each checkpoint iteration was reached, from the worker's progress messages
  await page.evaluate((checkpoints) => {
    window.__gan = { started: 0, reached: {}, rate: 0, loading: 0 };
    window.addEventListener('lab-message', (event) => {
      const m = event.detail;
      if (m.type === 'state' && m.state === 'training' && !window.__gan.started)
        window.__gan.started = performance.now();
      if (m.type === 'progress') {
        window.__gan.rate = m.samplesPerSec;
        for (const c of checkpoints)
          if (m.batch >= c && window.__gan.reached[c] === undefined)
            window.__gan.reached[c] = (performance.now() - window.__gan.started) / 1000;
      }
    });
  }, CHECKPOINTS);
  const row = { setup: setup.name, iterations: null, seconds: null, rate: null, images: [] };
  const started = Date.now();
  if (setup.kind === 'plane') {
    await root.locator('select[name="preset"]').selectOption(setup.preset);
    row.iterations = number(await root.locator('input[name="iterations"]').inputValue());
  } else {
    await root.locator('select[name="dataset"]').selectOption(setup.dataset);
    if (setup.iterations) await root.locator('input[name="iterations"]').fill(setup.iterations);
    row.iterations = number(await root.locator('input[name="iterations"]').inputValue());
  }
  await root.getByRole('button', { name: 'Train' }).click();
  const grids = [];
  if (setup.kind === 'digits') {
    mkdirSync('bench-results', { recursive: true });
    // the grid at each checkpoint, as the reader sees it then
    for (const c of CHECKPOINTS.filter((k) => k < row.iterations)) {
      await page.waitForFunction((k) => window.__gan.reached[k] !== undefined, c, {
        timeout: 30 * 60_000,
        polling: 200,
      });
      grids.push({ at: c, url: await root.locator('canvas[data-grid]').evaluate((el) => el.toDataURL('image/png')) });
    }
  }
  await page.waitForFunction(
    (id) => ['done', 'error'].includes(document.querySelector(`[data-lab="${id}"]`)?.getAttribute('data-state') ?? ''),
    lab,
    { timeout: 30 * 60_000, polling: 500 },
  );
  await page.waitForTimeout(600);
  const gan = await page.evaluate(() => ({ ...window.__gan, now: performance.now() }));
  row.seconds = (gan.now - gan.started) / 1000;
  row.rate = row.iterations / row.seconds;
  row.reached = gan.reached;
  if (setup.kind === 'plane') {
    row.firstDistance = number(await root.locator('[data-metric="first-distance"]').textContent());
    row.distance = number(await root.locator('[data-metric="distance"]').textContent());
    row.modes = (await root.locator('[data-metric="modes"]').textContent())?.trim() ?? null;
    row.dReal = number(await root.locator('[data-metric="d-real"]').textContent());
    row.dFake = number(await root.locator('[data-metric="d-fake"]').textContent());
  } else {
    grids.push({
      at: row.iterations,
      url: await root.locator('canvas[data-grid]').evaluate((el) => el.toDataURL('image/png')),
    });
    for (const g of grids) {
      const file = `bench-results/gan-${setup.dataset}-${g.at}.png`;
      writeFileSync(file, Buffer.from(g.url.split(',')[1], 'base64'));
      row.images.push(file);
    }
  }
  row.minutes = (Date.now() - started) / 60_000;
  row.error = errors[0] ?? null;
  await context.close();
  return row;
}

/** Prints the table; returns the rows. */
export function reportGan(rows) {
  const fixed = (v, d) => (v === null || v === undefined || Number.isNaN(v) ? '—' : v.toFixed(d));
  const table = [
    [
      'set-up',
      'iterations',
      'seconds',
      'iterations/s',
      's to 250 / 500 / 1,000 / 2,000',
      'distance start → end',
      'modes',
      'D(x)',
      'D(G(z))',
    ],
    ...rows.map((r) => [
      r.setup,
      String(r.iterations),
      fixed(r.seconds, 1),
      fixed(r.rate, 1),
      CHECKPOINTS.map((c) => fixed(r.reached?.[c], 1)).join(' / '),
      r.distance === undefined ? '—' : `${fixed(r.firstDistance, 3)} → ${fixed(r.distance, 3)}`,
      r.modes ?? '—',
      fixed(r.dReal, 3),
      fixed(r.dFake, 3),
    ]),
  ];
  printTable(table);
  for (const r of rows.filter((x) => x.images.length > 0)) console.log(`sample grids: ${r.images.join(', ')}`);
  for (const r of rows.filter((x) => x.error)) console.log(`note: ${r.setup}: ${r.error}`);
  return rows;
}
