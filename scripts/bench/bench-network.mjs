// The network part of `npm run bench` (`-- --network`): how long a reader on a slow line waits
// after pressing Train. For one lab of each family (the Practice CNN on MNIST, MNIST row by row,
// spoken digits, the forecaster, the long-memory race, the 2-D GAN and the digits GAN) and for
// each emulated link (Chromium's Network.emulateNetworkConditions: 10 Mbit/s with 40 ms latency,
// and 1.6 Mbit/s with 150 ms, Lighthouse's "slow 4G"), in a fresh browser context (empty cache,
// service worker blocked), it loads the chapter, presses Train and records
//   - seconds from the click to the state 'training' (data ready, model built: the first step
//     begins; the lab's data-state follows in the next frame) and to the first training step (the
//     worker's first progress report: the first loss, or the GAN's first iteration, which the lab
//     paints in the next frame), both read from the worker's messages as they reach the page
//     (`?lab-trace`),
//   - bytes that reached the browser from the click to the first step, and from the click until
//     the data has all arrived (no byte for 3 s): then the run is left (the context closed).
// Bytes are counted on the wire by a small TCP proxy between Chromium and the static server (the
// page's and the worker's requests alike, headers included, compressed as sent), so the count
// does not depend on how the book loads its data (whole files or compressed chunks streamed in).

import { createConnection, createServer } from 'node:net';
import { labPage, printTable } from './lab-page.mjs';

/** @typedef {{ name: string, mbit: number, uploadMbit: number, latencyMs: number }} Link */

/** @type {Link[]} */
export const LINKS = [
  // the floor: what the page and the worker cost on this machine with the data at loopback speed
  { name: 'no emulation', mbit: 0, uploadMbit: 0, latencyMs: 0 },
  { name: '10 Mbit/s', mbit: 10, uploadMbit: 5, latencyMs: 40 },
  { name: '1.6 Mbit/s', mbit: 1.6, uploadMbit: 0.75, latencyMs: 150 },
];

/**
 * @typedef {{ name: string, path: string, lab: string, button?: string,
 *   selects?: Record<string, string> }} NetworkSetup
 */

/** @type {NetworkSetup[]} */
export const NETWORK_SETUPS = [
  { name: 'Practice CNN, MNIST, 256 examples', path: 'practice/', lab: 'cnn-practice', selects: { examples: '256' } },
  { name: 'MNIST row by row, LSTM', path: 'algorithms/', lab: 'rnn-mnist-rows' },
  { name: 'spoken digits, LSTM', path: 'math/cases/', lab: 'rnn-speech' },
  { name: 'forecaster, S&P 500', path: 'applications/', lab: 'lstm-forecast' },
  { name: 'long-memory race', path: 'math/derivations/', lab: 'lstm-race', button: 'Train both' },
  { name: '2-D GAN', path: 'math/derivations/', lab: 'gan-2d' },
  { name: 'digits GAN, MNIST', path: 'math/cases/', lab: 'gan-digits' },
];

/** Quiet time after which the data counts as all arrived. */
const IDLE_MS = 3000;

/**
 * A TCP proxy in front of `target` (an http://host:port URL) that counts the bytes it carries.
 * @param {string} target
 */
export async function countingProxy(target) {
  const { hostname, port } = new URL(target);
  const counter = { down: 0, up: 0, lastByte: Date.now() };
  /** @type {Set<import('node:net').Socket>} */
  const sockets = new Set();
  const server = createServer((client) => {
    const upstream = createConnection({ host: hostname, port: Number(port) });
    for (const s of [client, upstream]) {
      sockets.add(s);
      s.on('close', () => sockets.delete(s));
      s.on('error', () => {
        client.destroy();
        upstream.destroy();
      });
    }
    upstream.on('data', (chunk) => {
      counter.down += chunk.length;
      counter.lastByte = Date.now();
    });
    client.on('data', (chunk) => {
      counter.up += chunk.length;
    });
    client.pipe(upstream);
    upstream.pipe(client);
  });
  await new Promise((resolveListen) => server.listen(0, '127.0.0.1', () => resolveListen(undefined)));
  const { port: own } = /** @type {import('node:net').AddressInfo} */ (server.address());
  return {
    url: `http://127.0.0.1:${own}/`,
    counter,
    close: () =>
      new Promise((resolveClose) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolveClose(undefined));
      }),
  };
}

/**
 * @param {import('playwright').Browser} browser
 * @param {Awaited<ReturnType<typeof countingProxy>>} proxy
 * @param {NetworkSetup} setup
 * @param {Link} link
 */
export async function runNetwork(browser, proxy, setup, link) {
  const { context, page, errors } = await labPage(browser);
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  if (link.mbit > 0)
    await cdp.send('Network.emulateNetworkConditions', {
      offline: false,
      latency: link.latencyMs,
      downloadThroughput: (link.mbit * 1e6) / 8,
      uploadThroughput: (link.uploadMbit * 1e6) / 8,
    });
  /** bytes (downloaded through the proxy) at each moment the page reports */
  /** @type {Record<string, number>} */
  const bytesAt = {};
  await page.exposeBinding('__benchMark', (_source, name) => {
    if (bytesAt[name] === undefined) bytesAt[name] = proxy.counter.down;
  });
  await page.addInitScript(() => {
    const marks = /** @type {Record<string, number>} */ ({});
    const mark = (name) => {
      if (marks[name] !== undefined) return;
      marks[name] = performance.now();
      window.__benchMark(name);
    };
    window.__bench = { marks, backend: null, armed: false };
    window.addEventListener('lab-message', (event) => {
      const m = /** @type {CustomEvent} */ (event).detail;
      if (m.type === 'backend') {
        window.__bench.backend = `${m.backend}${m.detail ? ` (${m.detail})` : ''}`;
      }
      if (!window.__bench.armed) return;
      if (m.type === 'state' && m.state === 'training') mark('training');
      if (m.type === 'state' && (m.state === 'done' || m.state === 'error')) mark('ended');
      if (m.type === 'progress') mark('firstStep');
    });
    document.addEventListener(
      'click',
      (event) =>
        window.__bench.armed && event.target instanceof Element && event.target.closest('button') && mark('click'),
      true,
    );
  });

  const loadStarted = Date.now();
  proxy.counter.down = 0;
  await page.goto(new URL(`${setup.path}?lab-trace`, proxy.url).href, {
    waitUntil: 'domcontentloaded',
    timeout: 5 * 60_000,
  });
  const root = page.locator(`[data-lab="${setup.lab}"]`);
  await root.scrollIntoViewIfNeeded();
  await page
    .locator(`astro-island[ssr]:has([data-lab="${setup.lab}"])`)
    .waitFor({ state: 'detached', timeout: 5 * 60_000 })
    .catch(() => {});
  for (const [name, value] of Object.entries(setup.selects ?? {}))
    await root.locator(`select[name="${name}"]`).selectOption(value);
  const pageSeconds = (Date.now() - loadStarted) / 1000;
  // whatever the page itself still fetches (fonts, images below) settles before the click
  await waitForQuiet(proxy.counter, 1000, 60_000);
  const pageBytes = proxy.counter.down;
  await page.evaluate(() => {
    window.__bench.armed = true;
  });
  const base = proxy.counter.down;
  await root.getByRole('button', { name: setup.button ?? 'Train', exact: true }).click();
  const timeout = 20 * 60_000;
  await page
    .waitForFunction(
      () => window.__bench.marks.firstStep !== undefined || window.__bench.marks.ended !== undefined,
      null,
      { timeout, polling: 250 },
    )
    .catch(() => {});
  // then until the data has all arrived (no byte for a while), even where the run itself has ended:
  // data streamed in behind the first step keeps arriving
  await waitForQuiet(proxy.counter, IDLE_MS, timeout);
  const total = proxy.counter.down - base;
  const bench = await page.evaluate(() => window.__bench);
  await context.close();
  const { marks } = bench;
  const since = (name) =>
    marks[name] === undefined || marks.click === undefined ? null : (marks[name] - marks.click) / 1000;
  return {
    setup: setup.name,
    link: link.name,
    pageSeconds,
    pageBytes,
    secondsToTraining: since('training'),
    secondsToFirstStep: since('firstStep'),
    bytesToFirstStep: bytesAt.firstStep === undefined ? null : bytesAt.firstStep - base,
    totalBytes: total,
    backend: bench.backend,
    error: marks.firstStep === undefined ? (errors[0] ?? 'no training step') : (errors[0] ?? null),
  };
}

/**
 * Resolves once no byte has arrived for `quietMs` (or after `timeoutMs`).
 * @param {{ lastByte: number }} counter
 * @param {number} quietMs
 * @param {number} timeoutMs
 */
async function waitForQuiet(counter, quietMs, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (Date.now() - counter.lastByte >= quietMs) return;
    await new Promise((r) => setTimeout(r, 250));
  }
}

/** Prints the table; returns the rows. */
export function reportNetwork(rows) {
  const s = (v) => (v === null ? '—' : v.toFixed(1));
  const mb = (v) => (v === null ? '—' : (v / 1e6).toFixed(2));
  const table = [
    ['lab', 'link', 's to training', 's to first step', 'MB before first step', 'MB in all', 'page MB', 'backend'],
    ...rows.map((r) => [
      r.setup,
      r.link,
      s(r.secondsToTraining),
      s(r.secondsToFirstStep),
      mb(r.bytesToFirstStep),
      mb(r.totalBytes),
      mb(r.pageBytes),
      r.backend ?? '—',
    ]),
  ];
  printTable(table);
  console.log(
    'MB: 10^6 bytes on the wire from the click (headers included); "in all": until the data had all arrived (no byte for 3 s)',
  );
  for (const r of rows.filter((x) => x.error)) console.log(`note: ${r.setup} at ${r.link}: ${r.error}`);
  return rows;
}
