// The training half of `npm run bench`: the Practice chapter's lab trains the article's CNN in
// headless Chromium, once per backend set-up, driven through the page exactly as a reader would
// (URL parameters choose the backend, threads and thread; `?lab-trace` lets this script listen to
// the worker's messages). Each run uses a fresh browser context, so its data is fetched afresh.
//
// Per run it reports: the backend the lab ended up on, training samples/s (examples divided by
// the time spent in training steps), time to 97 % test accuracy (on 1,000 test images, checked
// every 100 batches), final accuracy on all 10,000 test images, the worst main-thread long task
// while training and the worst script time of one of the lab's paints (`lab-paint`: its messages
// applied and the page updated; the rest of a long task is the browser's style, layout and paint),
// the worker's time per step outside the step (between steps), the peak tensor
// count in the worker, and the bytes of data fetched.
//
// Long runs (a full epoch of 60,000 images) only where a backend is fast enough to finish in a few
// minutes; the slow backends (pure-JS CPU, software WebGL) train a few batches to measure speed.

import { labPage, printTable } from './lab-page.mjs';

/** @typedef {{ name: string, query: string, dataset?: string, examples: string, full: boolean, learningRate?: string, schedule?: string }} Setup */

/** @type {Setup[]} */
export const SETUPS = [
  { name: 'CPU (pure JS), worker', query: 'lab-backend=cpu', examples: '256', full: false },
  { name: 'WebGL, worker', query: 'lab-backend=webgl', examples: '256', full: false },
  { name: 'WebGPU, worker', query: 'lab-backend=webgpu', examples: '256', full: false },
  { name: 'WASM, no threads, worker', query: 'lab-backend=wasm&lab-threads=off', examples: '60000', full: true },
  { name: 'WASM, 1 thread, worker', query: 'lab-backend=wasm&lab-threads=1', examples: '60000', full: true },
  { name: 'WASM, default threads, worker', query: 'lab-backend=wasm', examples: '60000', full: true },
  { name: 'WASM, page thread', query: 'lab-backend=wasm&lab-thread=page', examples: '10000', full: false },
  { name: 'automatic choice, worker', query: '', examples: '10000', full: false },
  {
    name: 'Fashion-MNIST, automatic, worker',
    query: '',
    dataset: 'fashion-mnist',
    examples: '60000',
    full: true,
  },
  // the same model, optimizer and batch; only the learning rate moves: cosine decay from 0.003
  {
    name: 'Fashion-MNIST, cosine decay from 0.003, worker',
    query: '',
    dataset: 'fashion-mnist',
    examples: '60000',
    full: true,
    learningRate: '0.003',
    schedule: 'cosine',
  },
];

/**
 * @param {import('playwright').Browser} browser
 * @param {string} baseUrl
 * @param {Setup} setup
 */
export async function runSetup(browser, baseUrl, setup) {
  const { context, page, errors } = await labPage(browser);
  await page.addInitScript(() => {
    window.__trace = [];
    window.__longTasks = [];
    window.__paints = [];
    window.addEventListener('lab-message', (e) => window.__trace.push({ t: performance.now(), m: e.detail }));
    window.addEventListener('lab-paint', (e) => window.__paints.push(e.detail));
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) window.__longTasks.push({ t: entry.startTime, d: entry.duration });
    }).observe({ type: 'longtask', buffered: true });
  });
  const params = new URLSearchParams(setup.query);
  params.set('lab-trace', '');
  if (setup.full) {
    params.set('lab-evaluate-every', '100');
    params.set('lab-test-limit', '10000');
  }
  await page.goto(new URL(`practice/?${params}`, baseUrl).href, { waitUntil: 'networkidle' });
  const lab = page.locator('[data-lab="cnn-practice"]');
  await lab.scrollIntoViewIfNeeded();
  await page
    .locator('astro-island[ssr]')
    .first()
    .waitFor({ state: 'detached', timeout: 30_000 })
    .catch(() => {});
  if (setup.dataset) await lab.locator('select[name="dataset"]').selectOption(setup.dataset);
  await lab.locator('select[name="examples"]').selectOption(setup.examples);
  if (setup.learningRate) await lab.locator('input[name="learningRate"]').fill(setup.learningRate);
  if (setup.schedule) await lab.locator('select[name="schedule"]').selectOption(setup.schedule);
  const started = await page.evaluate(() => performance.now());
  await lab.getByRole('button', { name: 'Train' }).click();
  await page.waitForFunction(
    () => ['done', 'error'].includes(document.querySelector('[data-lab]')?.getAttribute('data-state') ?? ''),
    null,
    { timeout: 20 * 60_000, polling: 1000 },
  );
  const { trace, longTasks, paints } = await page.evaluate(() => ({
    trace: window.__trace,
    longTasks: window.__longTasks,
    paints: window.__paints,
  }));
  await context.close();

  const messages = trace.map((e) => e.m);
  const backendMessage = messages.filter((m) => m.type === 'backend').at(-1);
  const progress = messages.filter((m) => m.type === 'progress');
  const last = progress.at(-1);
  const firstTraining = trace.find((e) => e.m.type === 'state' && e.m.state === 'training')?.t ?? started;
  const evaluations = messages.filter((m) => m.type === 'evaluation');
  const to97 = evaluations.find((m) => m.testAcc >= 0.97 && m.trainingMs !== undefined);
  const final = evaluations.filter((m) => m.batch === undefined).at(-1);
  const error = messages.find((m) => m.type === 'error');
  // the worker's own count of bytes fetched (a fresh context has an empty cache)
  const dataBytes = Math.max(0, ...messages.filter((m) => m.type === 'download').map((m) => m.loaded));
  return {
    setup: setup.name,
    dataset: setup.dataset ?? 'mnist',
    requested: params.get('lab-backend') ?? 'auto',
    backend: backendMessage
      ? `${backendMessage.backend}${backendMessage.detail ? ` (${backendMessage.detail})` : ''}`
      : '—',
    examples: last ? (last.epoch * last.totalBatches + last.batch) * 32 : 0,
    samplesPerSec:
      last && last.trainingMs > 0 ? ((last.epoch * last.totalBatches + last.batch) * 32 * 1000) / last.trainingMs : 0,
    secondsTo97: to97 ? to97.trainingMs / 1000 : null,
    finalTestAcc: final ? final.testAcc : null,
    finalTested: final ? final.tested : null,
    worstLongTaskMs: Math.max(0, ...longTasks.filter((l) => l.t >= firstTraining).map((l) => l.d)),
    worstPaintMs: Math.max(0, ...paints.filter((p) => p.start >= firstTraining).map((p) => p.ms)),
    longTasks: longTasksOf(longTasks, paints, trace, firstTraining),
    betweenStepsMs: betweenSteps(trace),
    peakTensors: Math.max(0, ...progress.map((m) => m.tensors ?? 0)),
    dataBytes,
    error: error ? `${error.kind}: ${error.message}` : (errors[0] ?? null),
  };
}

/**
 * Each long task after training started (for the JSON, not the table): when (ms after the first
 * `training` state), how long, whether before or after the run ended, and the lab paints that ran
 * inside it (their script ms and the worker messages they applied). A long task with no paint in it
 * is the browser's own work or another script's.
 */
function longTasksOf(longTasks, paints, trace, firstTraining) {
  const done = trace.find((e) => e.m.type === 'state' && (e.m.state === 'done' || e.m.state === 'error'))?.t;
  return longTasks
    .filter((l) => l.t >= firstTraining)
    .map((l) => ({
      atMs: Math.round(l.t - firstTraining),
      ms: Math.round(l.d),
      phase: done !== undefined && l.t >= done ? 'after the run' : 'training',
      paints: paints
        .filter((p) => p.start >= l.t && p.start <= l.t + l.d)
        .map((p) => ({ ms: Math.round(p.ms), types: [...new Set(p.types)].join(',') })),
    }));
}

/**
 * The worker's time per step outside the step itself (the loop's yield, its messages), in ms: over
 * each pair of consecutive progress messages with nothing else between them (no evaluation, no
 * picture), the page's clock minus the worker's training clock, divided by the steps between.
 * What a reader waits for beyond the samples/s column.
 */
function betweenSteps(trace) {
  let wall = 0;
  let training = 0;
  let steps = 0;
  let previous;
  for (const { t, m } of trace) {
    if (m.type !== 'progress') {
      if (m.type !== 'memory') previous = undefined;
      continue;
    }
    if (previous && m.epoch === previous.m.epoch && m.batch > previous.m.batch) {
      wall += t - previous.t;
      training += m.trainingMs - previous.m.trainingMs;
      steps += m.batch - previous.m.batch;
    }
    previous = { t, m };
  }
  return steps > 0 ? (wall - training) / steps : null;
}

/** Prints the table and returns the rows plus the headline ratio. */
export function report(rows) {
  const cpu = rows.find((r) => r.requested === 'cpu' && r.samplesPerSec > 0);
  const best = rows
    .filter((r) => r.dataset === 'mnist' && !r.setup.includes('page thread'))
    .reduce((a, b) => (b.samplesPerSec > (a?.samplesPerSec ?? 0) ? b : a), undefined);
  const f = (n, d = 0) => (n === null || n === undefined ? '—' : n.toFixed(d));
  const table = [
    [
      'setup',
      'data',
      'backend used',
      'samples/s',
      '× CPU',
      's to 97 %',
      'final test acc',
      'worst long task ms',
      'worst paint ms',
      'between steps ms',
      'peak tensors',
      'data MB',
    ],
    ...rows.map((r) => [
      r.setup,
      r.dataset,
      r.backend,
      f(r.samplesPerSec),
      cpu ? f(r.samplesPerSec / cpu.samplesPerSec, 1) : '—',
      f(r.secondsTo97, 1),
      r.finalTestAcc === null ? '—' : `${(r.finalTestAcc * 100).toFixed(2)} % of ${r.finalTested}`,
      f(r.worstLongTaskMs),
      f(r.worstPaintMs),
      f(r.betweenStepsMs, 1),
      String(r.peakTensors),
      (r.dataBytes / 1e6).toFixed(1),
    ]),
  ];
  printTable(table);
  const speedup = cpu && best ? best.samplesPerSec / cpu.samplesPerSec : null;
  if (speedup) console.log(`\nbest (${best.setup}) vs pure-JS CPU in this run: ${speedup.toFixed(1)}× (goal 50×)`);
  for (const r of rows.filter((x) => x.error)) console.log(`note: ${r.setup}: ${r.error}`);
  return { rows, speedupVsCpu: speedup, best: best?.setup ?? null };
}
