// `npm run bench -- --kernels` (only when named): where one training step of the article's CNN
// spends its time, kernel by kernel, on the book's WASM backend (one thread, the project's kernels;
// scripts/bench/kernel-profile.ts under vite-node, the same kernels the browser worker runs) and in
// native PyTorch on the same CPU (scripts/bench/native_profile.py; one and two threads), so the gap
// between the two can be found where it is; and the same step in jax-js, the browser peer that claims
// a faster CPU path, on its Wasm device: one thread in Node.js (jax-profile.mjs) and with its worker
// threads in headless Chromium (jax-browser.mjs). Prints the tables and the jax-js lines; returns the
// rows for bench.json.

import { printTable } from './lab-page.mjs';
import { spawnSync } from 'node:child_process';
import { findTorch } from './bench-native.mjs';

const TOP = 12;

/** The last line of a command's output, parsed as JSON, or an error note. */
function runJson(command, args, env = {}) {
  const result = spawnSync(command, args, {
    encoding: 'utf8',
    env: { ...process.env, ...env },
    maxBuffer: 64 * 1024 * 1024,
    timeout: 15 * 60_000,
  });
  const last = (result.stdout ?? '').trim().split('\n').at(-1) ?? '';
  try {
    return JSON.parse(last);
  } catch {
    return {
      error: `${command} ${args.join(' ')} failed: ${(result.stderr ?? '').trim().split('\n').at(-1) ?? result.status}`,
    };
  }
}

/** One step's kernels as table rows: the top ones, the rest, and the time between kernels. */
function rowsOf(stepMs, kernels) {
  const top = kernels.slice(0, TOP);
  const rest = kernels.slice(TOP).reduce((sum, k) => sum + k.msPerStep, 0);
  const inKernels = kernels.reduce((sum, k) => sum + k.msPerStep, 0);
  const rows = top.map((k) => [k.name, k.callsPerStep.toFixed(0), k.msPerStep.toFixed(2), pct(k.msPerStep, stepMs)]);
  rows.push([`${kernels.length - top.length} other kernels`, '', rest.toFixed(2), pct(rest, stepMs)]);
  rows.push([
    'outside kernels (dispatch, JS)',
    '',
    Math.max(0, stepMs - inKernels).toFixed(2),
    pct(Math.max(0, stepMs - inKernels), stepMs),
  ]);
  return rows;
}
const pct = (part, whole) => `${((100 * part) / whole).toFixed(1)} %`;

function print(title, rows) {
  console.log(`\n${title}`);
  printTable([['kernel', 'calls/step', 'ms/step', 'share'], ...rows]);
}

export async function runKernels() {
  // Node 20 has relaxed SIMD behind a flag: on, so that the kernels are the build Chromium runs
  const wasm = runJson(process.execPath, [
    '--experimental-wasm-relaxed-simd',
    'node_modules/vite-node/vite-node.mjs',
    'scripts/bench/kernel-profile.ts',
  ]);
  const torch = findTorch();
  const native =
    'python' in torch
      ? runJson(torch.python, ['scripts/bench/native_profile.py', '--threads', '1,2'], {
          PYTHONPATH: 'scripts/bench',
          // glibc would hand each step's freed activations back to the system and fault them in
          // again on the next (about 1,500 page faults a step, which doubled its time here); a
          // real epoch (native_cnn.py), whose heap holds the dataset, does not: keep the memory
          MALLOC_MMAP_THRESHOLD_: String(32 * 1024 * 1024),
          MALLOC_TRIM_THRESHOLD_: String(1024 * 1024 * 1024),
        })
      : { error: torch.note };
  const jax = runJson('node', ['scripts/bench/jax-profile.mjs']);
  const jaxBrowser = runJson('node', ['scripts/bench/jax-browser.mjs']);
  return { wasm, native, jax, jaxBrowser };
}

export function reportKernels({ wasm, native, jax, jaxBrowser }) {
  if (wasm.error) console.log(`\nWASM kernel profile: ${wasm.error}`);
  else
    print(
      `One training step of the article's CNN, batch 32, ${wasm.backend}: ${wasm.stepMs.toFixed(1)} ms a step ` +
        `(${wasm.samplesPerSec.toFixed(0)} samples/s; ${wasm.profiledStepMs.toFixed(1)} ms under the profiler)`,
      rowsOf(wasm.profiledStepMs, wasm.kernels),
    );
  if (native.error) console.log(`\nPyTorch profile: ${native.error}`);
  else
    for (const run of native.runs)
      print(
        `The same step in PyTorch ${native.torch}, ${run.threads} thread${run.threads === 1 ? '' : 's'}: ` +
          `${run.stepMs.toFixed(1)} ms a step (${run.samplesPerSec.toFixed(0)} samples/s)`,
        rowsOf(run.stepMs, run.kernels),
      );
  if (!wasm.error && !native.error) {
    const one = native.runs.find((r) => r.threads === 1);
    if (one) console.log(`\nWASM (1 thread) ÷ PyTorch (1 thread): ${(one.stepMs / wasm.stepMs).toFixed(2)}×`);
  }
  for (const run of [jax, jaxBrowser]) {
    if (run.error) {
      console.log(`\njax-js: ${run.error}`);
      continue;
    }
    console.log(
      `\nThe same step in ${run.backend}: ${run.stepMs.toFixed(1)} ms a step (${run.samplesPerSec.toFixed(0)} samples/s; ` +
        `${run.parameters} parameters; loss on its fixed batch ${run.firstLoss.toFixed(3)} → ${run.lastLoss.toFixed(3)})`,
    );
    if (!wasm.error)
      console.log(
        `jax-js ÷ the book's WASM (1 thread, Node): ${(run.stepMs / wasm.stepMs).toFixed(1)}× the time a step`,
      );
  }
  return { wasm, native, jax, jaxBrowser };
}
