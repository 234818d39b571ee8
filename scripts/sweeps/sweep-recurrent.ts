/**
 * The recurrent classifiers of the book (MNIST read row by row, spoken digits), trained in Node.js
 * exactly as the lab trains them: the lab's TrainingSession (data loading with its checksums,
 * the training subset, per-feature standardisation, the TrainingLoop and the per-epoch
 * evaluation), fed from `public/data/`, on TensorFlow.js's WASM backend in one thread. It prints
 * the test accuracy after each epoch and the time, to check the figures the chapters quote for a
 * lab's defaults and for its "settings of the text" (src/ml/models/sequence-presets.ts).
 *
 *   npx vite-node scripts/sweeps/sweep-recurrent.ts -- lab=rnn-speech preset=defaults [seed=7] [epochs=3] [schedule=cosine] [lr=0.003]
 */
import { readFileSync } from 'node:fs';
import { parseManifest } from '../../src/ml/data/manifest';
import { recurrentModel } from '../../src/ml/models/model-config';
import { SEQUENCE_PRESETS, type SequenceLabId } from '../../src/ml/models/sequence-presets';
import { runJob, sweepOptions, wasmSession } from './node-session';

const options = sweepOptions();
const id = (options.lab ?? 'rnn-speech') as SequenceLabId;
const which = (options.preset ?? 'defaults') as 'defaults' | 'text';
const lab = SEQUENCE_PRESETS[id];
if (!lab || !(which in lab)) {
  console.error(
    `usage: lab=${Object.keys(SEQUENCE_PRESETS).join('|')} preset=defaults|text [seed=N] [epochs=N] [schedule=constant|cosine] [lr=X]`,
  );
  process.exit(2);
}
const settings = { ...lab[which] };
if (options.seed) settings.seed = Number(options.seed);
if (options.epochs) settings.epochs = Number(options.epochs);
if (options.schedule) settings.schedule = options.schedule as typeof settings.schedule;
if (options.lr) settings.learningRate = Number(options.lr);

const manifest = parseManifest(JSON.parse(readFileSync('public/data/manifest.json', 'utf8')));
const entry = manifest.datasets[lab.dataset]!;
const [, steps, features] = entry.files.trainImages.shape as [number, number, number, number];
const started = performance.now();
const session = await wasmSession((m) => {
  if (m.type === 'evaluation' && m.batch === undefined)
    console.log(
      `epoch ${m.epoch + 1}: test accuracy ${(m.testAcc * 100).toFixed(1)} % on ${m.tested} ` +
        `(loss ${m.testLoss.toFixed(4)}), ${((performance.now() - started) / 1000).toFixed(0)} s`,
    );
});
console.log(`${id}, ${which}: ${JSON.stringify(settings)}`);
const { learningRate, batchSize, epochs, seed } = settings;
await runJob(session, 'image-classification', {
  model: recurrentModel('lstm', steps, features, lab.units, 10, {
    learningRate,
    batchSize,
  }),
  hyper: { learningRate, batchSize, epochs, optimizer: 'adam', seed, schedule: settings.schedule },
  dataset: { kind: 'manifest', name: lab.dataset, manifestUrl: 'http://book.test/data/manifest.json' },
  trainLimit: settings.examples,
  testLimit: settings.testLimit,
  ...(lab.standardise ? { standardise: true } : {}),
});
await session.handle({ type: 'reset' });
