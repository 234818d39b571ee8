/**
 * The settings of the two recurrent classifier labs, and what they measured: one place for the
 * lab's defaults (a run a reader can watch finish in a minute or two on a laptop CPU), the
 * settings the chapter's text quotes (a longer run, set by the lab's "Use the settings of the
 * text" button), and the test accuracy each gave. The lab (SequenceLab) starts from `defaults`
 * and its button applies `text`; `sequence-presets.test.ts` checks that each chapter quotes
 * exactly these settings and figures, in both languages, so the text and the lab cannot drift
 * apart. The figures were measured with the lab's own training code on the WASM backend
 * (scripts/sweep-recurrent.ts prints them); they change only with the data, the model or the
 * seed, not with the machine.
 */

import type { ScheduleName } from '../hyperparameters';

export interface SequenceSettings {
  /** training examples (the first N of the training set) */
  examples: number;
  epochs: number;
  batchSize: number;
  learningRate: number;
  seed: number;
  /** test examples evaluated after each epoch (the first N of the test set) */
  testLimit: number;
  /** the learning-rate schedule: constant, or cosine decay to 0 over the run */
  schedule: ScheduleName;
}

export interface SequencePreset {
  dataset: 'mnist' | 'spoken-digits';
  /** LSTM units */
  units: number;
  /** standardise each input feature with the training set's statistics */
  standardise: boolean;
  defaults: SequenceSettings;
  text: SequenceSettings;
  /** test accuracy (0…1) after the last epoch, and about how long the run took, in minutes */
  measured: { defaults: { acc: number; minutes: number }; text: { acc: number; minutes: number } };
}

export type SequenceLabId = 'rnn-mnist-rows' | 'rnn-speech';

export const SEQUENCE_PRESETS: Record<SequenceLabId, SequencePreset> = {
  'rnn-mnist-rows': {
    dataset: 'mnist',
    units: 64,
    standardise: false,
    defaults: {
      examples: 10_000,
      epochs: 2,
      batchSize: 64,
      learningRate: 0.003,
      seed: 42,
      testLimit: 1000,
      schedule: 'constant',
    },
    text: {
      examples: 60_000,
      epochs: 2,
      batchSize: 64,
      learningRate: 0.003,
      seed: 42,
      testLimit: 10_000,
      schedule: 'constant',
    },
    measured: { defaults: { acc: 0.906, minutes: 1 }, text: { acc: 0.973, minutes: 4 } },
  },
  'rnn-speech': {
    dataset: 'spoken-digits',
    units: 64,
    standardise: true,
    defaults: {
      examples: 1980,
      epochs: 8,
      batchSize: 32,
      learningRate: 0.003,
      seed: 42,
      testLimit: 360,
      schedule: 'cosine',
    },
    text: {
      examples: 1980,
      epochs: 15,
      batchSize: 32,
      learningRate: 0.003,
      seed: 42,
      testLimit: 360,
      schedule: 'cosine',
    },
    measured: { defaults: { acc: 0.942, minutes: 1.5 }, text: { acc: 0.972, minutes: 2.5 } },
  },
};

/** Whether the lab's current settings are those of one preset. */
export function sameSettings(a: SequenceSettings, b: SequenceSettings): boolean {
  return (Object.keys(a) as (keyof SequenceSettings)[]).every((k) => a[k] === b[k]);
}
