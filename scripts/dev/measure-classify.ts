// Measures the language lab's text classifiers (`npx vite-node scripts/dev/measure-classify.ts [spam|poetry]
// [epochs] [batch] [limit] [learning rate]`): trains the task of the lab in Node on the WASM backend (the browser's
// kernels) on the built data under public/data/, and prints the five rows' validation and test accuracy
// and the training time. The figures in the Applications chapter come from here.
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import * as tf from '@tensorflow/tfjs';
import { initWasmForNode } from '../../src/ml/backends/node-wasm';
import { RunController } from '../../src/ml/core/run-controller';
import type { FromWorker } from '../../src/ml/core/messages';
import { decodeArray, parseManifest } from '../../src/ml/data/manifest';
import { TEXT_ROWS } from '../../src/ml/models/text-params';
import { textClassify } from '../../src/ml/tasks/text-classify/task';
import type { RunContext } from '../../src/ml/tasks/task';

const [which = 'spam', epochs = '1', batch = '64', limit, rate = '0.005'] = process.argv.slice(2);
await initWasmForNode();
await tf.setBackend('wasm');
const dir = new URL('../../public/data/', import.meta.url);
const manifest = parseManifest(JSON.parse(readFileSync(new URL('manifest.json', dir), 'utf8')));
const name = `text-${which}`;
const entry = manifest.arrays![name]!;
const arrays = Object.fromEntries(
  Object.entries(entry.files).map(([key, file]) => {
    const bytes = Buffer.concat(file.chunks!.map((c) => gunzipSync(readFileSync(new URL(c.path, dir)))));
    return [key, decodeArray(file, new Uint8Array(bytes))];
  }),
);
let scores: Float32Array | undefined;
let last = performance.now();
const post = (m: FromWorker) => {
  if (m.type === 'snapshot' && m.kind === 'text-scores') scores = m.data;
  if (m.type === 'progress' && performance.now() - last > 10_000) {
    last = performance.now();
    console.log(`  batch ${m.batch}/${m.totalBatches} of epoch ${m.epoch + 1}, ${(m.trainingMs / 1000).toFixed(0)} s`);
  }
  if (m.type === 'error') console.error(m.message);
};
const ctx = {
  runId: 1,
  post,
  controller: new RunController(1, post, 'step'),
  visible: () => true,
  loadImages: () => Promise.reject(new Error('no images here')),
  loadArrays: () => Promise.resolve({ entry, arrays }),
  evaluationSize: 500,
  now: () => performance.now(),
} as unknown as RunContext;
const job = textClassify.parseJob({
  dataset: { kind: 'manifest', name, manifestUrl: 'file:' },
  hyper: { learningRate: Number(rate), batchSize: Number(batch), epochs: Number(epochs), optimizer: 'adam', seed: 1 },
  ...(limit ? { trainLimit: Number(limit) } : {}),
});
const started = performance.now();
const run = await textClassify.start(ctx, job);
await run.train();
console.log(
  `${name}: ${epochs} epoch(s), batch ${batch}, ${((performance.now() - started) / 1000).toFixed(1)} s in all`,
);
TEXT_ROWS.forEach((row, i) =>
  console.log(
    `  ${row.padEnd(9)} validation ${(scores![i * 2]! * 100).toFixed(1)} %  test ${(scores![i * 2 + 1]! * 100).toFixed(1)} %`,
  ),
);
run.dispose();
