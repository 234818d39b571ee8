/**
 * The learning-rate sweep behind the Practice chapter's Fashion-MNIST table, in Node.js: the
 * article's CNN (src/ml/models/model-config.ts), Adam, batches of 32, one epoch of all 60,000
 * training images, then accuracy on all 10,000 test images. The lab's own model, batches and
 * training loop (`TrainingLoop`: shuffling and the learning-rate schedule), on TensorFlow.js's WASM
 * backend in one thread (about 90 s a run on one core). The lab itself is measured by
 * `npm run bench -- --training`.
 *
 *   npx vite-node scripts/sweep-fashion.ts -- schedule=cosine lr=0.003 seed=2 [dataset=mnist]
 */
import * as tf from '@tensorflow/tfjs';
import { readFileSync } from 'node:fs';
import { initWasmForNode } from '../../src/ml/backends/node-wasm';
import { imageSource } from '../../src/ml/data/image-source';
import { parseManifest } from '../../src/ml/data/manifest';
import { SCHEDULES, type ScheduleName } from '../../src/ml/hyperparameters';
import { buildModel } from '../../src/ml/models/build-model';
import { articleCnn } from '../../src/ml/models/model-config';
import { TrainingLoop } from '../../src/ml/tasks/training-loop';
import { readBuilt, sweepOptions } from './node-session';

const options = sweepOptions();
const dataset = options.dataset ?? 'fashion-mnist';
const base = Number(options.lr ?? 0.001);
const schedule = (options.schedule ?? 'constant') as ScheduleName;
const seed = Number(options.seed ?? 1);
const batchSize = 32;
if (!SCHEDULES.includes(schedule) || !(base > 0) || !Number.isInteger(seed)) {
  console.error('usage: schedule=constant|cosine lr=<positive number> seed=<integer> [dataset=mnist|fashion-mnist]');
  process.exit(2);
}

await initWasmForNode();
await tf.setBackend('wasm');
const { files } = parseManifest(JSON.parse(readFileSync('public/data/manifest.json', 'utf8'))).datasets[dataset]!;
const shape = [28, 28, 1] as const;
const [trainImages, trainLabels, testImages, testLabels] = await Promise.all(
  [files.trainImages, files.trainLabels, files.testImages, files.testLabels].map(readBuilt),
);
const train = { images: trainImages!, labels: trainLabels!, imageShape: shape, classes: 10 };
const test = { images: testImages!, labels: testLabels!, imageShape: shape, classes: 10 };

const model = buildModel(articleCnn([...shape]), seed);
const optimizer = tf.train.adam(base);
const start = performance.now();
const outcome = await new TrainingLoop({
  runId: 1,
  model,
  optimizer,
  source: imageSource(train),
  hyper: { learningRate: base, batchSize, epochs: 1, optimizer: 'adam', seed, schedule },
  post: () => {},
}).run();
if (outcome !== 'done') throw new Error(`training ended ${outcome}`);
const testSource = imageSource(test);
let correct = 0;
for (let i = 0; i < testSource.size; i += 500) {
  const { xs, ys } = testSource.batch(Int32Array.from({ length: Math.min(500, testSource.size - i) }, (_, k) => i + k));
  correct += tf.tidy(() => (model.predict(xs) as tf.Tensor).argMax(-1).equal(ys.argMax(-1)).sum().dataSync()[0]!);
  tf.dispose([xs, ys]);
}
const seconds = ((performance.now() - start) / 1000).toFixed(0);
console.log(
  `${dataset}, ${schedule} from ${base}, seed ${seed}: ${((100 * correct) / testSource.size).toFixed(2)} % test accuracy after one epoch (${seconds} s)`,
);
