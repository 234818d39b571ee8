/**
 * The attention lab of the Applications chapter (§ translating dates), in Node.js, as the lab runs
 * it: the same generated examples, models and settings (DATES_SETTINGS), the lab's TrainingSession
 * on TensorFlow.js's WASM backend in one thread. Prints each epoch's exact-match rate on the
 * validation dates with the training seconds so far, then the held-out test score overall and per
 * format, for the model with attention and the one without.
 *
 *   npx vite-node scripts/sweeps/sweep-dates.ts -- [model=attention|plain] [epochs=8] [steps=100] [lr=0.003] [seed=1]
 */
import { FORMATS } from '../../src/ml/data/dates';
import { DATES_SETTINGS } from '../../src/ml/models/dates-presets';
import { runJob, sweepOptions, wasmSession } from './node-session';

const options = sweepOptions();
const kinds = options.model ? [options.model] : ['attention', 'plain'];
for (const kind of kinds) {
  const session = await wasmSession((m) => {
    if (m.type === 'evaluation')
      console.log(
        `${kind}, epoch ${m.epoch + 1}: validation exact match ${(m.testAcc * 100).toFixed(1)} %, ` +
          `${((m.trainingMs ?? 0) / 1000).toFixed(1)} s of training`,
      );
    if (m.type === 'snapshot' && m.kind === 'test')
      console.log(
        `${kind}, test: ${(m.data[0]! * 100).toFixed(1)} % exact; by format: ` +
          FORMATS.map((f, i) => `${f.name} ${(m.data[1 + i]! * 100).toFixed(0)}`).join(', '),
      );
  });
  await runJob(session, 'date-translation', {
    attention: kind === 'attention',
    units: DATES_SETTINGS.units,
    hyper: {
      learningRate: Number(options.lr ?? DATES_SETTINGS.learningRate),
      batchSize: DATES_SETTINGS.batchSize,
      epochs: Number(options.epochs ?? DATES_SETTINGS.epochs),
      optimizer: 'adam',
      seed: Number(options.seed ?? DATES_SETTINGS.seed),
    },
    stepsPerEpoch: Number(options.steps ?? DATES_SETTINGS.stepsPerEpoch),
    dataSeed: DATES_SETTINGS.dataSeed,
    validationSize: DATES_SETTINGS.validationSize,
    testSize: DATES_SETTINGS.testSize,
  });
  await session.handle({ type: 'reset' });
}
