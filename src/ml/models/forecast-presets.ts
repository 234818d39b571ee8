/**
 * The forecaster's settings per series, and what they measured: one place for the lab's defaults
 * (ForecastLab) and for the figures the Applications chapter quotes beside it.
 * `forecast-presets.test.ts` checks that both locales of the chapter quote exactly these figures,
 * so the text and the lab cannot drift apart. The figures are the test-period errors, in the
 * series' own units, of one run of the lab's defaults (seed 42), of the last-value forecast, and
 * of a linear autoregression fitted by least squares to the same training windows;
 * scripts/sweep-forecast.ts trains the lab's model with the lab's own code and prints them.
 */
import type { SeriesTransform } from '../data/series';

export interface ForecastSettings {
  /** what the model predicts: the price series log-returns, the CO₂ series monthly differences */
  transform: SeriesTransform;
  /** past steps the model reads */
  window: number;
  epochs: number;
  batchSize: number;
  learningRate: number;
  seed: number;
  /** LSTM units */
  units: number;
}

export type SeriesName = 'sp500' | 'co2';

export interface ForecastPreset {
  settings: ForecastSettings;
  /** test-period RMSE, in the series' units, of one run of `settings` */
  measured: { lstm: number; lastValue: number; linear: number };
}

export const FORECAST_PRESETS: Record<SeriesName, ForecastPreset> = {
  sp500: {
    settings: {
      transform: 'log-return',
      window: 20,
      epochs: 5,
      batchSize: 32,
      learningRate: 0.003,
      seed: 42,
      units: 32,
    },
    measured: { lstm: 36.06, lastValue: 36.62, linear: 36.95 },
  },
  co2: {
    settings: {
      transform: 'difference',
      window: 24,
      epochs: 30,
      batchSize: 32,
      learningRate: 0.003,
      seed: 42,
      units: 32,
    },
    measured: { lstm: 0.51, lastValue: 1.43, linear: 0.41 },
  },
};
