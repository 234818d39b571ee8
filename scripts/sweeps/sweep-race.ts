/**
 * The long-memory race of the Mathematics chapter (4.2), in Node.js, as the lab runs it: the same
 * sequences (recallFirstSymbol with data seeds 1 and 2), the same models and settings
 * (RACE_SETTINGS), the lab's TrainingSession on TensorFlow.js's WASM backend in one thread. Prints
 * the test accuracy of the SimpleRNN and the LSTM after each epoch, to check RACE_MEASURED.
 *
 *   npx vite-node scripts/sweeps/sweep-race.ts -- length=80 [model=lstm|simpleRNN] [seed=7] [epochs=20]
 */
import { channelsOf, recallFirstSymbol } from '../../src/ml/data/sequence-tasks';
import { recurrentModel, type RecurrentType } from '../../src/ml/models/model-config';
import { RACE_SETTINGS } from '../../src/ml/models/race-presets';
import { runJob, sweepOptions, wasmSession } from './node-session';

const options = sweepOptions();
const settings = { ...RACE_SETTINGS };
const length = Number(options.length ?? settings.length);
if (options.seed) settings.seed = Number(options.seed);
if (options.epochs) settings.epochs = Number(options.epochs);
const cells = (options.model ? [options.model] : ['simpleRNN', 'lstm']) as RecurrentType[];
const task = { length, symbols: settings.symbols };
const inline = { train: recallFirstSymbol(task, settings.train, 1), test: recallFirstSymbol(task, settings.test, 2) };

for (const cell of cells) {
  const started = performance.now();
  const session = await wasmSession((m) => {
    if (m.type === 'evaluation')
      console.log(
        `${cell}, distance ${length}, epoch ${m.epoch + 1}: test accuracy ${(m.testAcc * 100).toFixed(1)} %, ` +
          `${((performance.now() - started) / 1000).toFixed(0)} s`,
      );
  });
  const { learningRate, batchSize, epochs, seed } = settings;
  await runJob(session, 'image-classification', {
    model: recurrentModel(
      cell,
      length,
      channelsOf(task),
      cell === 'lstm' ? settings.lstmUnits : settings.rnnUnits,
      settings.symbols,
      {
        learningRate,
        batchSize,
        ...(cell === 'lstm' ? { forgetBias: settings.forgetBias } : {}),
      },
    ),
    hyper: { learningRate, batchSize, epochs, optimizer: 'adam', seed },
    dataset: { kind: 'inline', name: 'recall-first-symbol', ...inline },
    testLimit: settings.test,
  });
  await session.handle({ type: 'reset' });
}
