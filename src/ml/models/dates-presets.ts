/**
 * The attention lab (AttentionLab): its settings, and the parameter counts of its two models,
 * computed without TensorFlow.js for the page (date-translation/model.test.ts checks them against
 * the built models, and the text quotes them).
 */
import { INPUT_VOCAB, OUTPUT_VOCAB, TEST_DAYS } from '../data/dates';

export const DATES_SETTINGS = {
  /** LSTM units of the encoder and the decoder */
  units: 64,
  batchSize: 64,
  learningRate: 0.01,
  epochs: 6,
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

/** An LSTM's parameters: four gates, each a kernel, a recurrent kernel and a bias. */
const lstm = (inputs: number, units: number) => 4 * units * (inputs + units + 1);
const dense = (inputs: number, units: number) => inputs * units + units;

/**
 * The translator's parameters: the encoder's LSTM over one-hot characters, the decoder's LSTM over
 * one-hot output characters, Dense(U, tanh) on [context, decoder] (attention) or on the decoder
 * alone, and the softmax over the output characters. Attention itself has no parameters.
 */
export function translatorParams(attention: boolean, units: number = DATES_SETTINGS.units): number {
  const inVocab = INPUT_VOCAB.length;
  const outVocab = OUTPUT_VOCAB.length;
  return (
    lstm(inVocab, units) + lstm(outVocab, units) + dense(attention ? 2 * units : units, units) + dense(units, outVocab)
  );
}
