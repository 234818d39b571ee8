// `npm run bench`: measures the built book in headless Chromium and prints a table.
//
// For one page of each kind (home, a text chapter, a chapter with math and diagrams, the chapter
// with the first lab, measured before the reader presses Train) in both
// locales it loads the page from a local static server and records what a reader downloads before
// interacting: requests, bytes of HTML, CSS, JavaScript (raw and gzip, as a host would send it),
// fonts and images, plus DOMContentLoaded, load and the largest main-thread long task.
// It also reports the size of dist/ as a whole. Results go to bench-results/bench.json.
//
// Then (scripts/bench/bench-training.mjs) it trains the article's CNN in the Practice chapter's lab on
// every backend set-up that runs here, and reports speed, time to 97 % and final accuracy.
// Then (scripts/bench/bench-recurrent.mjs) it trains the RNN and LSTM labs: MNIST row by row, spoken
// digits, the long-memory race at several distances, and the forecaster on two series.
// Then (scripts/bench/bench-gan.mjs) it trains the GAN labs: the 2-D presets and digits from noise, and
// saves the digit grids it sees as PNG images in bench-results/.
// Then (scripts/bench/bench-lighthouse.mjs) Lighthouse on the home page, a text chapter and a chapter with
// islands in both locales. `-- --check` enforces the budgets (see there) and exits non-zero on a miss.
// Then (scripts/bench/bench-native.mjs) the native reference: the same CNN in PyTorch on this CPU, and the
// browser-to-native ratio; and (scripts/bench/bench-network.mjs) per lab family and emulated link, the
// seconds from Train to the first training step and the bytes fetched before it and in all.
// `npm run bench -- --pages`, `-- --training`, `-- --native`, `-- --recurrent`, `-- --gan`, `-- --network` or
// `-- --lighthouse` runs one part only (flags combine); the training part takes about 15 minutes on a 2-core
// machine, the recurrent part longer.
// Parts that run only when named (never in the run of everything or in --check), one line each:
//   --overfit      bench-overfit.mjs: the overfitting lab with no remedy and with each remedy alone
//   --quantize     bench-quantize.mjs: the compression lab (int8 sizes and accuracies, pruning)
//   --federated    bench-federated.mjs: federated averaging to 97 % on IID and label-skewed clients (an hour)
//   --optim-race   bench-optim-race.mjs: steps and seconds to 97 % per optimizer
//   --kernels      bench-kernels.mjs: one CNN training step kernel by kernel, WASM against PyTorch
//   --batch-lab    bench-batch-lab.mjs: the FAQ's batch-size sweep, samples/s and time to 97 % per batch size
//   --transformer-race  bench-transformer-race.mjs: the Transformer and the LSTM at equal training time
//   --recsys       bench-recsys.mjs: the recommender lab, test RMSE of the model and both baselines
//   --dates        bench-dates.mjs: the date translator with and without attention, seconds to 99 %, test score
//   --transfer     bench-transfer.mjs: the transfer lab, frozen / fine-tuned / from scratch on 100, 1,000, 60,000 examples
//
// Numbers, not assertions: the tests check behaviour; this reports cost. Run `npm run build` first
// (or let `npm start`/`npm test` build), then `npm run bench`.

import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium } from 'playwright';
import { report, runSetup, SETUPS } from './bench-training.mjs';
import { RECURRENT_SETUPS, reportRecurrent, runRecurrent } from './bench-recurrent.mjs';
import { OVERFIT_SETUPS, reportOverfit, runOverfit } from './bench-overfit.mjs';
import { GAN_SETUPS, reportGan, runGan } from './bench-gan.mjs';
import { reportQuantize, runQuantize } from './bench-quantize.mjs';
import { FEDERATED_SETUPS, reportFederated, runFederated } from './bench-federated.mjs';
import { OPTIM_RACE_SETUPS, reportOptimRace, runOptimRace } from './bench-optim-race.mjs';
import { reportKernels, runKernels } from './bench-kernels.mjs';
import { BATCH_LAB_SETUPS, reportBatchLab, runBatchLab } from './bench-batch-lab.mjs';
import { RECSYS_SETUPS, reportRecsys, runRecsys } from './bench-recsys.mjs';
import { DATES_SETUPS, reportDates, runDates } from './bench-dates.mjs';
import { TRANSFORMER_RACE_SETUPS, reportTransformerRace, runTransformerRace } from './bench-transformer-race.mjs';
import { reportTransfer, runTransfer } from './bench-transfer.mjs';
import {
  BROWSER_DEFAULT_THREADS,
  BROWSER_ONE_THREAD,
  nativeThreads,
  reportNative,
  runNative,
  threadsOf,
} from './bench-native.mjs';
import { countingProxy, LINKS, NETWORK_SETUPS, reportNetwork, runNetwork } from './bench-network.mjs';
import {
  budgetProblems,
  hostCalibration,
  LIGHTHOUSE_PAGES,
  measurePage,
  reportLighthouse,
  runLighthouse,
} from './bench-lighthouse.mjs';
import { createServer } from 'node:net';
import { CHROMIUM_ARGS, ensureChromium } from '../dev/chromium.mjs';
import { serve } from '../dev/serve.mjs';
import { inBothLocales, printTable } from './lab-page.mjs';

const DIST = process.env.OUT_DIR || 'dist';
const PAGES = inBothLocales([
  { kind: 'home', path: '' },
  { kind: 'text chapter', path: 'background/' },
  { kind: 'math + diagrams', path: 'core-concepts/' },
  { kind: 'lab (before Train)', path: 'practice/' },
]);

function dirSize(dir) {
  let total = 0;
  let files = 0;
  for (const name of readdirSync(dir)) {
    const full = join(dir, name);
    const stat = statSync(full);
    if (stat.isDirectory()) {
      const sub = dirSize(full);
      total += sub.total;
      files += sub.files;
    } else {
      total += stat.size;
      files += 1;
    }
  }
  return { total, files };
}

function kindOf(type, url) {
  if (type === 'script' || /\.m?js(\?|$)/.test(url)) return 'js';
  if (type === 'stylesheet' || /\.css(\?|$)/.test(url)) return 'css';
  if (type === 'font') return 'font';
  if (type === 'image') return 'img';
  if (type === 'document') return 'html';
  return 'other';
}

try {
  statSync(join(DIST, 'index.html'));
} catch {
  console.error(`No built book in ${DIST}/: run \`npm run build\` first.`);
  process.exit(1);
}

const args = process.argv.slice(2);
// no flag: everything; --pages, --training (the CNN) and --recurrent (the RNN and LSTM labs) pick parts
const parts = [
  '--pages',
  '--training',
  '--recurrent',
  '--gan',
  '--lighthouse',
  '--network',
  '--native',
  '--overfit',
  '--quantize',
  '--federated',
  '--optim-race',
  '--kernels',
  '--batch-lab',
  '--transformer-race',
  '--transfer',
  '--recsys',
  '--dates',
].filter((flag) => args.includes(flag));
// --check: the budgets (page weight and Lighthouse), failing the command on a miss; alone it runs
// only the parts the budgets need
const check = args.includes('--check');
if (check && parts.length === 0) parts.push('--pages', '--lighthouse');
const runPages = parts.length === 0 || parts.includes('--pages');
const runLighthousePart = parts.length === 0 || parts.includes('--lighthouse');
const runTraining = parts.length === 0 || parts.includes('--training');
const runRecurrentPart = parts.length === 0 || parts.includes('--recurrent');
const runGanPart = parts.length === 0 || parts.includes('--gan');
const runNetworkPart = parts.length === 0 || parts.includes('--network');
const runNativePart = parts.length === 0 || parts.includes('--native');
// the overfitting lab's six runs: only with its own flag, never in the run of everything
const runOverfitPart = parts.includes('--overfit');
// the compression lab: only with its own flag
const runQuantizePart = parts.includes('--quantize');
// long (an hour or more on 2 cores): only when asked for
const runFederatedPart = parts.includes('--federated');
// the optimizer race (bench-optim-race.mjs) only when asked: it trains five MLPs for several epochs
const runOptimRacePart = parts.includes('--optim-race');
// where a CNN training step spends its time, kernel by kernel, WASM against PyTorch: only when asked
const runKernelsPart = parts.includes('--kernels');
// the batch-size sweep (bench-batch-lab.mjs) only when asked
const runBatchLabPart = parts.includes('--batch-lab');
// the Transformer race (bench-transformer-race.mjs) only when asked
const runTransformerRacePart = parts.includes('--transformer-race');
// the transfer-learning lab (bench-transfer.mjs), 3 strategies × 100 / 1,000 / 60,000 examples: only when asked
const runTransferPart = parts.includes('--transfer');
// the recommender lab (bench-recsys.mjs) only when asked
const runRecsysPart = parts.includes('--recsys');
// the date-translation lab (bench-dates.mjs) only when asked
const runDatesPart = parts.includes('--dates');
const executablePath = ensureChromium();
const server = await serve({ dir: DIST, base: '/', port: 0 });
const browser = await chromium.launch({ executablePath, args: CHROMIUM_ARGS });
const chromiumVersion = browser.version();
const rows = [];
const trainingRows = [];
const recurrentRows = [];
const overfitRows = [];
const ganRows = [];
const federatedRows = [];
const optimRaceRows = [];
const batchLabRows = [];
const transformerRaceRows = [];
const recsysRows = [];
const datesRows = [];
const networkRows = [];
let nativeRun;
let quantizeRun;
let transferRun;
const lighthouseRows = [];
try {
  for (const target of runPages ? PAGES : []) {
    // what a first visit downloads before the reader acts; the service worker's background copy of the
    // book (after load) is not part of it
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, serviceWorkers: 'block' });
    const page = await context.newPage();
    await page.addInitScript(() => {
      window.__longTasks = [];
      new PerformanceObserver((list) => {
        for (const entry of list.getEntries()) window.__longTasks.push(entry.duration);
      }).observe({ type: 'longtask', buffered: true });
    });
    const bytes = { html: 0, css: 0, js: 0, jsGzip: 0, font: 0, img: 0, other: 0 };
    let requests = 0;
    page.on('response', async (response) => {
      requests += 1;
      const kind = kindOf(response.request().resourceType(), response.url());
      try {
        const body = await response.body();
        bytes[kind] += body.length;
        if (kind === 'js') bytes.jsGzip += gzipSync(body).length;
      } catch {
        // redirects have no body
      }
    });
    await page.goto(new URL(target.path, server.url).href, { waitUntil: 'networkidle' });
    const timing = await page.evaluate(() => {
      const [nav] = performance.getEntriesByType('navigation');
      return {
        domContentLoaded: nav.domContentLoadedEventEnd,
        load: nav.loadEventEnd,
        longestTask: Math.max(0, ...window.__longTasks),
      };
    });
    rows.push({ ...target, requests, ...bytes, ...timing });
    await context.close();
  }
  // BENCH_ONLY=regex limits the training half to matching set-ups
  const only = process.env.BENCH_ONLY ? new RegExp(process.env.BENCH_ONLY, 'i') : undefined;
  for (const setup of runTraining ? SETUPS.filter((s) => !only || only.test(s.name)) : []) {
    console.log(`[bench] training: ${setup.name}…`);
    trainingRows.push(await runSetup(browser, server.url, setup));
  }
  if (runNativePart) {
    // the browser's WASM rows of this run, or short runs of the same set-ups for their speed
    const browserRows = [...trainingRows];
    for (const name of [BROWSER_ONE_THREAD, BROWSER_DEFAULT_THREADS]) {
      if (browserRows.some((r) => r.setup === name && r.samplesPerSec > 0)) continue;
      const setup = SETUPS.find((s) => s.name === name);
      console.log(`[bench] native: the browser's ${name} on 10,000 examples…`);
      browserRows.push(await runSetup(browser, server.url, { ...setup, examples: '10000', full: false }));
    }
    const threads = nativeThreads(threadsOf(browserRows.find((r) => r.setup === BROWSER_DEFAULT_THREADS)));
    console.log(`[bench] native: PyTorch, one epoch at ${threads.join(', ')} thread(s)…`);
    nativeRun = { ...runNative(DIST, threads), browserRows };
  }
  for (const setup of runRecurrentPart ? RECURRENT_SETUPS.filter((s) => !only || only.test(s.name)) : []) {
    console.log(`[bench] recurrent: ${setup.name}…`);
    recurrentRows.push(await runRecurrent(browser, server.url, setup));
  }
  for (const remedy of runOverfitPart ? OVERFIT_SETUPS.filter((s) => !only || only.test(s)) : []) {
    console.log(`[bench] overfit: ${remedy}…`);
    overfitRows.push(await runOverfit(browser, server.url, remedy));
  }
  if (runNetworkPart) {
    // through a proxy that counts the bytes, each lab on each emulated link
    const proxy = await countingProxy(server.url);
    try {
      for (const link of LINKS)
        for (const setup of NETWORK_SETUPS.filter((s) => !only || only.test(`${s.name} @ ${link.name}`))) {
          console.log(`[bench] network: ${setup.name} at ${link.name}…`);
          // one run that fails (a page that never loads on the slow link) is a row with its error
          networkRows.push(
            await runNetwork(browser, proxy, setup, link).catch((error) => ({
              setup: setup.name,
              link: link.name,
              pageSeconds: null,
              pageBytes: null,
              secondsToTraining: null,
              secondsToFirstStep: null,
              bytesToFirstStep: null,
              totalBytes: null,
              backend: null,
              error: String(error?.message ?? error).split('\n')[0],
            })),
          );
        }
    } finally {
      await proxy.close();
    }
  }
  if (runLighthousePart) {
    // Lighthouse drives its own Chromium through a remote-debugging port
    const port = await new Promise((resolvePort) => {
      const probe = createServer().listen(0, '127.0.0.1', () => {
        const { port: free } = /** @type {import('node:net').AddressInfo} */ (probe.address());
        probe.close(() => resolvePort(free));
      });
    });
    const lighthouseBrowser = await chromium.launch({
      executablePath,
      args: [...CHROMIUM_ARGS, `--remote-debugging-port=${port}`],
    });
    try {
      // one run of each kind of page to measure this host (Lighthouse's benchmarkIndex, and how much
      // of its long tasks' time the page's main thread had a CPU for), then every page with the CPU
      // slowdown that emulates the same phone here (hostCalibration, calibratedSlowdown)
      const probes = [];
      for (const target of LIGHTHOUSE_PAGES.filter((p) => p.locale === 'en'))
        probes.push(await runLighthouse(server.url, port, target));
      const { benchmarkIndex, cpuShare, cpuSlowdownMultiplier } = hostCalibration(probes);
      const sharePercent = cpuShare === undefined ? 'not measured' : `${Math.round(cpuShare * 100)} %`;
      console.log(
        `[bench] lighthouse: this host's benchmarkIndex is ${benchmarkIndex}; the page's main thread ran on a CPU for ${sharePercent} of its long tasks' time; CPU slowdown ${cpuSlowdownMultiplier}×`,
      );
      for (const target of LIGHTHOUSE_PAGES) {
        console.log(`[bench] lighthouse: /${target.path}…`);
        const row = await measurePage((p) => runLighthouse(server.url, port, p, { cpuSlowdownMultiplier }), target, {
          check,
        });
        if (row.runs > 1)
          console.log(`[bench]   missed a budget on the first run: the median of ${row.runs} runs counts`);
        lighthouseRows.push(row);
      }
    } finally {
      await lighthouseBrowser.close();
    }
  }
  for (const setup of runGanPart ? GAN_SETUPS.filter((s) => !only || only.test(s.name)) : []) {
    console.log(`[bench] GAN: ${setup.name}…`);
    ganRows.push(await runGan(browser, server.url, setup));
  }
  if (runQuantizePart) {
    console.log('[bench] compression lab…');
    quantizeRun = await runQuantize(browser, server.url);
  }
  for (const setup of runFederatedPart ? FEDERATED_SETUPS.filter((s) => !only || only.test(s.name)) : []) {
    console.log(`[bench] federated: ${setup.name}…`);
    federatedRows.push(await runFederated(browser, server.url, setup));
  }
  for (const setup of runOptimRacePart ? OPTIM_RACE_SETUPS : []) {
    console.log(`[bench] optimizer race: ${setup.name}…`);
    optimRaceRows.push(...(await runOptimRace(browser, server.url, setup)));
  }
  for (const setup of runBatchLabPart ? BATCH_LAB_SETUPS : []) {
    console.log(`[bench] batch-size sweep: ${setup.name}…`);
    batchLabRows.push(...(await runBatchLab(browser, server.url, setup)));
  }
  for (const setup of runTransformerRacePart ? TRANSFORMER_RACE_SETUPS.filter((s) => !only || only.test(s.name)) : []) {
    console.log(`[bench] Transformer race: ${setup.name}…`);
    transformerRaceRows.push(...(await runTransformerRace(browser, server.url, setup)));
  }
  for (const setup of runRecsysPart ? RECSYS_SETUPS : []) {
    console.log(`[bench] recommender: ${setup.name}…`);
    recsysRows.push(...(await runRecsys(browser, server.url, setup)));
  }
  for (const setup of runDatesPart ? DATES_SETUPS : []) {
    console.log(`[bench] date translation: ${setup.name}…`);
    datesRows.push(await runDates(browser, server.url, setup));
  }
  if (runTransferPart) {
    console.log('[bench] transfer lab…');
    transferRun = await runTransfer(browser, server.url);
  }
} finally {
  await browser.close();
  await server.close();
}

const kb = (n) => (n / 1024).toFixed(1);
const ms = (n) => n.toFixed(0);
const table = [
  [
    'page',
    'locale',
    'requests',
    'HTML kB',
    'CSS kB',
    'JS kB',
    'JS gzip kB',
    'fonts kB',
    'DCL ms',
    'load ms',
    'longest task ms',
  ],
  ...rows.map((r) => [
    r.kind,
    r.locale,
    String(r.requests),
    kb(r.html),
    kb(r.css),
    kb(r.js),
    kb(r.jsGzip),
    kb(r.font),
    ms(r.domContentLoaded),
    ms(r.load),
    ms(r.longestTask),
  ]),
];
if (runPages) printTable(table);
const training = runTraining ? (console.log(''), report(trainingRows)) : undefined;
const native = nativeRun ? (console.log(''), reportNative(nativeRun, nativeRun.browserRows)) : undefined;
const recurrent = runRecurrentPart ? (console.log(''), reportRecurrent(recurrentRows)) : undefined;
const overfit = runOverfitPart ? (console.log(''), reportOverfit(overfitRows)) : undefined;
const gan = runGanPart ? (console.log(''), reportGan(ganRows)) : undefined;
const quantize = runQuantizePart ? (console.log(''), reportQuantize(quantizeRun)) : undefined;
const federated = runFederatedPart ? (console.log(''), reportFederated(federatedRows)) : undefined;
const optimRace = runOptimRacePart ? (console.log(''), reportOptimRace(optimRaceRows)) : undefined;
const kernels = runKernelsPart ? reportKernels(await runKernels()) : undefined;
const batchLab = runBatchLabPart ? (console.log(''), reportBatchLab(batchLabRows)) : undefined;
const transformerRace = runTransformerRacePart
  ? (console.log(''), reportTransformerRace(transformerRaceRows))
  : undefined;
const recsys = runRecsysPart ? (console.log(''), reportRecsys(recsysRows)) : undefined;
const transfer = runTransferPart ? (console.log(''), reportTransfer(transferRun)) : undefined;
const dates = runDatesPart ? (console.log(''), reportDates(datesRows)) : undefined;
const network = runNetworkPart ? (console.log(''), reportNetwork(networkRows)) : undefined;
const lighthouseResult = runLighthousePart ? (console.log(''), reportLighthouse(lighthouseRows)) : undefined;

const dist = dirSize(DIST);
console.log(`\ndist/: ${dist.files} files, ${(dist.total / 1024 / 1024).toFixed(2)} MB`);

mkdirSync('bench-results', { recursive: true });
const result = {
  date: new Date().toISOString(),
  chromium: chromiumVersion,
  node: process.version,
  dist: { files: dist.files, bytes: dist.total },
  pages: rows,
  training,
  native,
  recurrent,
  overfit,
  gan,
  quantize,
  federated,
  optimRace,
  kernels,
  batchLab,
  transformerRace,
  transfer,
  recsys,
  dates,
  network,
  lighthouse: lighthouseResult,
  package: JSON.parse(readFileSync('package.json', 'utf8')).version,
};
writeFileSync('bench-results/bench.json', `${JSON.stringify(result, null, 2)}\n`);
console.log('written bench-results/bench.json');

if (check) {
  // a text-only page ships at most 20 KB of JavaScript (gzip) before the reader interacts
  const TEXT_JS_GZIP_KB = 20;
  const problems = [
    ...budgetProblems(lighthouseRows),
    ...rows
      .filter((r) => r.kind === 'text chapter' && r.jsGzip > TEXT_JS_GZIP_KB * 1024)
      .map((r) => `${r.path}: ${(r.jsGzip / 1024).toFixed(1)} KB of JavaScript (gzip) > ${TEXT_JS_GZIP_KB} KB`),
  ];
  if (problems.length > 0) {
    console.error(`\nBudgets missed:\n  ${problems.join('\n  ')}`);
    process.exit(1);
  }
  console.log('\nAll budgets met.');
}
