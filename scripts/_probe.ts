import * as tf from '@tensorflow/tfjs';
import { initWasmForNode } from '../src/ml/backends/node-wasm';
import { articleCnn, buildCnn, disposeModel } from '../src/ml/models/cnn';
import { trainStep } from '../src/ml/train-step';
await initWasmForNode();
for (const backend of ['wasm']) {
  await tf.setBackend(backend);
  const model = buildCnn(articleCnn([28, 28, 1]), 1);
  const opt = tf.train.adam(0.001);
  const xs = tf.randomUniform([32, 28, 28, 1]) as tf.Tensor4D;
  const ys = tf.oneHot(tf.randomUniform([32], 0, 10, 'int32') as tf.Tensor1D, 10).toFloat() as tf.Tensor2D;
  await trainStep(model, opt, xs, ys);
  const n = 30;
  const t0 = performance.now();
  for (let i = 0; i < n; i++) await trainStep(model, opt, xs, ys);
  const dt = performance.now() - t0;
  console.log(backend, ((n * 32) / dt) * 1000, 'samples/s');
  // profile
  const prof = await tf.profile(async () => { const r = await trainStep(model, opt, xs, ys); return r.loss as unknown as tf.Tensor; });
  const agg: Record<string, number> = {};
  for (const k of prof.kernels) agg[k.name] = (agg[k.name] ?? 0) + (k.kernelTimeMs as number);
  console.log(Object.entries(agg).sort((a, b) => b[1] - a[1]).slice(0, 15));
  disposeModel(model); opt.dispose();
}
