/**
 * `npm run bench -- --kernels` (through bench-kernels.mjs): where one training step of the
 * article's CNN (MNIST shapes, batch 32, Adam 0.001) spends its time on the WASM backend with the
 * project's kernels, one thread, as the book's worker runs it: each kernel's milliseconds per step
 * (tf.profile), and what is left of the step's wall time for the JavaScript between kernels.
 * Prints one JSON object on its last line. Run with vite-node.
 */
import * as tf from '@tensorflow/tfjs';
import { initWasmForNode } from '../../src/ml/backends/node-wasm';
import { simdKernels } from '../../src/ml/backends/simd-kernels';
import { buildModel, disposeModel } from '../../src/ml/models/build-model';
import { articleCnn } from '../../src/ml/models/model-config';
import { trainStep } from '../../src/ml/train-step';

const STEPS = Number(process.env.KERNEL_STEPS ?? 30);
const WARM = 5;
const BATCH = 32;

await initWasmForNode();
await tf.setBackend('wasm');
const model = buildModel(articleCnn([28, 28, 1]), 1);
const optimizer = tf.train.adam(0.001, 0.9, 0.999, 1e-7);
const xs = tf.randomUniform([BATCH, 28, 28, 1], 0, 1, 'float32', 1);
const ys = tf.oneHot(tf.randomUniform([BATCH], 0, 10, 'int32', 2), 10).toFloat() as tf.Tensor2D;
for (let i = 0; i < WARM; i++) await trainStep(model, optimizer, xs, ys);

// wall time of plain steps, then the same steps under the profiler for the kernel split
let started = performance.now();
for (let i = 0; i < STEPS; i++) await trainStep(model, optimizer, xs, ys);
const stepMs = (performance.now() - started) / STEPS;
started = performance.now();
const profile = await tf.profile(async () => {
  for (let i = 0; i < STEPS; i++) await trainStep(model, optimizer, xs, ys);
});
const profiledStepMs = (performance.now() - started) / STEPS;
const kernels = new Map<string, { calls: number; ms: number }>();
for (const kernel of profile.kernels) {
  const row = kernels.get(kernel.name) ?? { calls: 0, ms: 0 };
  row.calls += 1;
  row.ms += typeof kernel.kernelTimeMs === 'number' ? kernel.kernelTimeMs : 0;
  kernels.set(kernel.name, row);
}
const rows = [...kernels.entries()]
  .map(([name, { calls, ms }]) => ({ name, callsPerStep: calls / STEPS, msPerStep: ms / STEPS }))
  .sort((a, b) => b.msPerStep - a.msPerStep);
tf.dispose([xs, ys]);
optimizer.dispose();
disposeModel(model);
console.log(
  JSON.stringify({
    backend: `wasm (${simdKernels()?.relaxed ? 'relaxed SIMD' : 'SIMD'}, 1 thread, Node)`,
    batch: BATCH,
    steps: STEPS,
    stepMs,
    profiledStepMs,
    samplesPerSec: (BATCH * 1000) / stepMs,
    kernels: rows,
  }),
);
