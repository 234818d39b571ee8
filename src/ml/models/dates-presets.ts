/**
 * The attention lab (AttentionLab): its settings, and the parameter counts of its two models,
 * computed without TensorFlow.js for the page (date-translation/model.test.ts checks them against
 * the built models, and the text quotes them).
 */
import { INPUT_VOCAB, OUTPUT_LENGTH, OUTPUT_VOCAB, TEST_DAYS } from '../data/dates';

/** the convolutions' width in characters (date-translation/model.ts builds them) */
export const DATES_KERNEL = 5;

export const DATES_SETTINGS = {
  /** the width of the embedding, the convolutions, the queries and the hidden layer */
  units: 64,
  batchSize: 64,
  learningRate: 0.003,
  epochs: 8,
  stepsPerEpoch: 100,
  seed: 1,
  /** the training examples' stream: the same for both models */
  dataSeed: 7,
  /** validation dates decoded after each epoch (at most) */
  validationSize: 500,
  /** held-out test dates decoded at the end (the lab's default) */
  testSize: 1000,
  /** days held out for testing, in every format */
  testDays: TEST_DAYS,
} as const;

const dense = (inputs: number, units: number, bias = true) => inputs * units + (bias ? units : 0);

/**
 * The translator's parameters: the embedding (a dense layer without bias over one-hot characters),
 * two convolutions of width KERNEL, the output positions' queries, with attention the keys' and
 * the values' projections (no bias), Dense(U, ReLU) on [context; query] and the softmax over the
 * output characters. Attention's softmax itself has no parameters.
 */
export function translatorParams(attention: boolean, units: number = DATES_SETTINGS.units): number {
  const conv = DATES_KERNEL * units * units + units;
  return (
    dense(INPUT_VOCAB.length, units, false) +
    2 * conv +
    dense(OUTPUT_LENGTH, units, false) +
    (attention ? 2 * dense(units, units, false) : 0) +
    dense(2 * units, units) +
    dense(units, OUTPUT_VOCAB.length)
  );
}

/**
 * What the text reports, measured by `npm run bench -- --dates` (the lab in headless Chromium, WASM,
 * each model trained alone with DATES_SETTINGS; `scripts/sweeps/sweep-dates.ts` gives the same
 * accuracies in Node): validation exact match after epochs 2 and 3 and at the end, the training
 * seconds to 99 % and in all, the held-out test score of each model. model.test.ts checks that both
 * locales quote them.
 */
export const DATES_MEASURED = {
  attention: { epoch2: 84.2, epoch3: 99.6, secondsTo99: 41, seconds: 78, test: 100 },
  plain: { epoch1: 0.2, epoch8: 7.2, test: 6.5 },
} as const;
