/**
 * The long-memory race (RaceLab): its settings, and the test accuracies the Mathematics chapter
 * quotes for them at several distances. The lab starts from `RACE_SETTINGS` and
 * `figures-in-text.test.ts` checks the chapter's table and sizes against this file, so the text
 * and the lab cannot drift apart. Each figure is one run of both models at that distance with
 * these settings (the data's seeds are fixed: 1 for the training sequences, 2 for the test ones),
 * measured in Chromium through the lab (distance 40) and in Node.js by scripts/sweep-race.ts (all
 * four), which gave the same figures.
 */

export interface RaceSettings {
  /** the distance the lab starts with: steps from the marked clue to the question */
  length: number;
  /** alphabet size (one-hot); chance is 1 / symbols */
  symbols: number;
  /** training and test sequences */
  train: number;
  test: number;
  /** SimpleRNN and LSTM units, chosen so the two have about the same number of parameters */
  rnnUnits: number;
  lstmUnits: number;
  /** the LSTM's forget-gate bias at initialisation */
  forgetBias: number;
  epochs: number;
  batchSize: number;
  learningRate: number;
  seed: number;
}

export const RACE_SETTINGS: RaceSettings = {
  length: 80,
  symbols: 4,
  train: 2000,
  test: 500,
  rnnUnits: 40,
  lstmUnits: 18,
  forgetBias: 2,
  epochs: 10,
  batchSize: 32,
  learningRate: 0.005,
  seed: 42,
};

/** test accuracy (0…1) of each model after `RACE_SETTINGS.epochs`, by distance */
export const RACE_MEASURED: { length: number; rnn: number; lstm: number }[] = [
  { length: 20, rnn: 1, lstm: 1 },
  { length: 40, rnn: 0.998, lstm: 0.484 },
  { length: 80, rnn: 0.278, lstm: 1 },
  { length: 100, rnn: 0.242, lstm: 0.302 },
];
