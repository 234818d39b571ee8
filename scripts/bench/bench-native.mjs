// The native reference of `npm run bench` (`-- --native`): the article's CNN trained with PyTorch
// on this CPU (scripts/bench/native_cnn.py: the lab's model, initialisation, Adam at 0.001, batches
// of 32, one epoch of the 60,000 MNIST training images the book serves, read through its manifest),
// at one thread, at the browser's WASM thread count and on all cores, beside the browser's own WASM
// rows, so that the table states the browser-to-native ratio of one run.
// The browser rows are the training part's (`WASM, 1 thread` and `WASM, default threads`) when it ran
// in the same command; otherwise this part trains those two set-ups on 10,000 examples for their speed.
// PyTorch is Debian's python3-torch: installed with apt-get when missing and running as root,
// otherwise the part is skipped with a note.

import { printTable } from './lab-page.mjs';
import { spawnSync } from 'node:child_process';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { aptInstall, hasApt, isRoot } from '../dev/chromium.mjs';

const SCRIPT = 'scripts/bench/native_cnn.py';
/** Debian's torch lives in the system Python; a pyenv or venv `python3` on PATH may lack it. */
const PYTHONS = ['/usr/bin/python3', 'python3'];

/** The browser set-ups the native rows are compared with (names in bench-training.mjs). */
export const BROWSER_ONE_THREAD = 'WASM, 1 thread, worker';
export const BROWSER_DEFAULT_THREADS = 'WASM, default threads, worker';

const withTorch = () => PYTHONS.find((py) => spawnSync(py, ['-c', 'import torch'], { stdio: 'ignore' }).status === 0);

/**
 * A Python with PyTorch: found, or installed (root, apt), or a note why not.
 * @returns {{ python: string } | { note: string }}
 */
export function findTorch() {
  const found = withTorch();
  if (found) return { python: found };
  if (!isRoot() || !hasApt())
    return { note: 'PyTorch not found and not installed (needs root and apt-get: apt-get install python3-torch)' };
  if (!aptInstall(['python3-torch'])) return { note: 'apt-get install python3-torch failed' };
  const installed = withTorch();
  return installed ? { python: installed } : { note: 'python3-torch installed, but no python3 imports torch' };
}

/** The WASM thread count of a training row ("wasm (SIMD, 2 threads)"), or undefined. */
export const threadsOf = (row) => {
  const match = /(\d+) threads?/.exec(row?.backend ?? '');
  return match ? Number(match[1]) : undefined;
};

/**
 * Trains the CNN in PyTorch at each thread count; one row per count.
 * @param {string} dist the built book (its data/ is read)
 * @param {number[]} threads
 */
export function runNative(dist, threads) {
  const torch = findTorch();
  if ('note' in torch) return { rows: [], note: torch.note };
  const started = Date.now();
  const run = spawnSync(torch.python, [SCRIPT, '--data', join(dist, 'data'), '--threads', threads.join(',')], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
    timeout: 60 * 60_000,
  });
  const rows = run.stdout
    .split('\n')
    .filter((l) => l.startsWith('{'))
    .map((l) => JSON.parse(l));
  const note = run.status === 0 ? null : `native_cnn.py exited with ${run.status ?? run.signal}`;
  return { rows, note, minutes: (Date.now() - started) / 60_000 };
}

/** Thread counts to run: one, the browser's WASM default, and every core. */
export const nativeThreads = (browserThreads) =>
  [...new Set([1, browserThreads ?? Math.min(4, cpus().length), cpus().length])].sort((a, b) => a - b);

/**
 * Prints the table: each native row beside the browser's WASM row with as many threads (the
 * default-threads row for every count above one), and the ratio.
 * @param {{ rows: any[], note: string | null }} native
 * @param {any[]} browserRows training rows (bench-training.mjs)
 */
export function reportNative(native, browserRows) {
  const one = browserRows.find((r) => r.setup === BROWSER_ONE_THREAD && r.samplesPerSec > 0);
  const many = browserRows.find((r) => r.setup === BROWSER_DEFAULT_THREADS && r.samplesPerSec > 0);
  const f = (v, d = 0) => (v === null || v === undefined ? '—' : v.toFixed(d));
  const pct = (v) => (v === null || v === undefined ? '—' : `${(v * 100).toFixed(2)} %`);
  const rows = native.rows.map((n) => {
    const browser = n.threads === 1 ? one : many;
    const browserThreads = n.threads === 1 ? 1 : threadsOf(many);
    return {
      threads: n.threads,
      samplesPerSec: n.samplesPerSec,
      testAcc: n.testAcc,
      trainingSeconds: n.trainingSeconds,
      browserSetup: browser?.setup ?? null,
      browserThreads: browserThreads ?? null,
      browserSamplesPerSec: browser?.samplesPerSec ?? null,
      browserTestAcc: browser?.finalTested === 10000 ? browser.finalTestAcc : null,
      ratio: browser ? browser.samplesPerSec / n.samplesPerSec : null,
    };
  });
  const table = [
    [
      'PyTorch threads',
      'samples/s',
      'one-epoch test acc',
      'browser WASM threads',
      'browser samples/s',
      'browser test acc',
      'browser ÷ PyTorch',
    ],
    ...rows.map((r) => [
      String(r.threads),
      f(r.samplesPerSec),
      pct(r.testAcc),
      r.browserThreads === null ? '—' : String(r.browserThreads),
      f(r.browserSamplesPerSec),
      pct(r.browserTestAcc),
      r.ratio === null ? '—' : `${f(r.ratio, 2)}×`,
    ]),
  ];
  printTable(table);
  const torchVersion = native.rows[0]?.torch;
  console.log(
    `PyTorch ${torchVersion ?? '—'} on ${cpus().length} cores (${cpus()[0]?.model ?? 'unknown CPU'}): the article's CNN, one epoch of 60,000 MNIST images, batch 32, Adam 0.001`,
  );
  if (native.note) console.log(`note: native reference: ${native.note}`);
  return { rows, note: native.note, torch: torchVersion ?? null };
}
