/**
 * The forecaster of the Applications chapter, in Node.js, exactly as the lab runs it: the page's
 * data preparation (series.ts: split by time, scaler fitted on the training part, windows that
 * never look ahead), the lab's TrainingSession training the LSTM on the WASM backend in one
 * thread, and the page's scoring on the test period in the series' own units. It also fits a
 * linear autoregression to the same training windows by least squares, the baseline the chapter
 * compares with. Prints the test RMSE and MAE of the LSTM, the last value and the linear model,
 * to check the figures in src/ml/models/forecast-presets.ts.
 *
 *   npx vite-node scripts/sweep-forecast.ts -- series=co2 [seed=7] [epochs=10]
 */
import { readFileSync } from 'node:fs';
import { parseManifest } from '../../src/ml/data/manifest';
import { decodeSeries, errors, forecastData, naiveForecast, toLevels, valuesAt } from '../../src/ml/data/series';
import { FORECAST_PRESETS, type SeriesName } from '../../src/ml/models/forecast-presets';
import { recurrentModel } from '../../src/ml/models/model-config';
import { windowsDataset } from '../../src/ml/tasks/sequence-regression/job';
import { readBuilt, runJob, sweepOptions, wasmSession } from './node-session';

const options = sweepOptions();
const name = (options.series ?? 'co2') as SeriesName;
if (!(name in FORECAST_PRESETS)) {
  console.error(`usage: series=${Object.keys(FORECAST_PRESETS).join('|')} [seed=N] [epochs=N]`);
  process.exit(2);
}
const settings = { ...FORECAST_PRESETS[name].settings };
if (options.seed) settings.seed = Number(options.seed);
if (options.epochs) settings.epochs = Number(options.epochs);

const manifest = parseManifest(JSON.parse(readFileSync('public/data/manifest.json', 'utf8')));
const entry = manifest.series![name]!;
const { values: levels } = decodeSeries(await readBuilt(entry.values), await readBuilt(entry.dates));
const { window, transform } = settings;
const data = forecastData(levels, { window, transform });
const predict = new Float32Array(data.validation.xs.length + data.test.xs.length);
predict.set(data.validation.xs);
predict.set(data.test.xs, data.validation.xs.length);

/** Least squares y ≈ w·x + b on the training windows (normal equations, Gaussian elimination). */
function linearAutoregression(xs: Float32Array, ys: Float32Array, n: number): (x: Float32Array) => number {
  const p = n + 1;
  const a = Array.from({ length: p }, () => new Float64Array(p + 1));
  for (let k = 0; k < ys.length; k++) {
    const row = [...xs.subarray(k * n, (k + 1) * n), 1];
    for (let i = 0; i < p; i++) {
      for (let j = 0; j < p; j++) a[i]![j]! += row[i]! * row[j]!;
      a[i]![p]! += row[i]! * ys[k]!;
    }
  }
  for (let c = 0; c < p; c++) {
    const pivot = a.slice(c).reduce((best, r, i) => (Math.abs(r[c]!) > Math.abs(a[best]![c]!) ? c + i : best), c);
    [a[c], a[pivot]] = [a[pivot]!, a[c]!];
    for (let r = 0; r < p; r++) {
      if (r === c) continue;
      const f = a[r]![c]! / a[c]![c]!;
      for (let j = c; j <= p; j++) a[r]![j]! -= f * a[c]![j]!;
    }
  }
  const w = a.map((r, i) => r[p]! / r[i]!);
  return (x) => x.reduce((s, v, i) => s + v * w[i]!, w[n]!);
}

const started = performance.now();
let last: Float32Array | undefined;
const session = await wasmSession((m) => {
  if (m.type === 'snapshot' && m.kind === 'predictions') last = m.data;
  if (m.type === 'evaluation')
    console.log(
      `epoch ${m.epoch + 1}: validation loss ${m.testLoss.toFixed(4)}, ${((performance.now() - started) / 1000).toFixed(0)} s`,
    );
});
console.log(`${name}: ${JSON.stringify(settings)}`);
const { learningRate, batchSize, epochs, seed } = settings;
await runJob(session, 'sequence-regression', {
  model: recurrentModel('lstm', window, 1, settings.units, 1, {
    regression: true,
    learningRate,
    batchSize,
  }),
  hyper: { learningRate, batchSize, epochs, optimizer: 'adam', seed },
  dataset: windowsDataset(data, window, predict),
});
await session.handle({ type: 'reset' });
if (!last) throw new Error('no predictions came back');

const scaling = { transform, scaler: data.scaler };
const actual = valuesAt(levels, data.test.targetIndex);
const lstm = toLevels(last.subarray(data.validation.count), levels, data.test.targetIndex, scaling);
const linear = linearAutoregression(data.train.xs, data.train.ys, window);
const linearScaled = Float32Array.from({ length: data.test.count }, (_, k) =>
  linear(data.test.xs.subarray(k * window, (k + 1) * window)),
);
const rows = {
  LSTM: errors(lstm, actual),
  'last value': errors(naiveForecast(levels, data.test.targetIndex), actual),
  'linear autoregression': errors(toLevels(linearScaled, levels, data.test.targetIndex, scaling), actual),
};
for (const [model, e] of Object.entries(rows))
  console.log(`${model.padEnd(22)} test RMSE ${e.rmse.toFixed(3)}  MAE ${e.mae.toFixed(3)} (${entry.unit})`);
