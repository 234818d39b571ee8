/**
 * The character-level LSTM's payloads (`lstm-text`), with their checks, and the model's size. A run
 * trains embedding → LSTM (1 or 2 layers) → dense logits on random windows of `seqLength + 1`
 * characters of a corpus's training split (truncated backpropagation through time: every window
 * starts from a zero state), writes a sample every `sampleEvery` steps and scores the validation
 * split beside the unigram and bigram baselines. Losses travel in bits per character.
 * Type-only for the page (no TensorFlow.js here); checked in the worker.
 */
import { int, object, oneOf, optional, positive, string } from '../../core/check';
import type { LiveSettings } from '../../core/run-controller';
import { BadMessage } from '../../core/states';
import type { ManifestDataset } from '../datasets';

export const CORPORA = ['moby-dick', 'quatrains'] as const;
export type Corpus = (typeof CORPORA)[number];

export interface CharModelConfig {
  /** size of each character's learned vector */
  embedding: number;
  /** LSTM units per layer */
  units: number;
  layers: 1 | 2;
}

export interface LstmTextJob {
  corpus: Corpus;
  dataset: ManifestDataset;
  model: CharModelConfig;
  /** characters per training window (the truncation length) */
  seqLength: number;
  batchSize: number;
  steps: number;
  learningRate: number;
  seed: number;
  /** a sample and a validation score after every this many steps (and at the start and the end) */
  sampleEvery: number;
  /** characters per sample */
  sampleLength: number;
  temperature: number;
  /** the text a sample continues ('' for the corpus's own start: a space, or a line break) */
  seedText: string;
  /** validation characters scored (a prefix of the validation split, at least one window) */
  evalChars: number;
}

/** Re-sample from the model as it stands (while paused, after done, or while training). */
export interface LstmTextCommand {
  kind: 'sample';
  temperature: number;
  seedText: string;
  length: number;
  /** the random stream of this sample */
  seed: number;
}

export interface LstmTextSettings extends LiveSettings {
  /** the temperature of the samples written while training, from the next one on */
  temperature?: number;
}

/** The presets the lab starts from, per corpus. */
export const CHAR_PRESETS: Record<Corpus, Omit<LstmTextJob, 'dataset' | 'corpus' | 'seed' | 'seedText'>> = {
  'moby-dick': {
    model: { embedding: 32, units: 128, layers: 1 },
    seqLength: 64,
    batchSize: 32,
    steps: 600,
    learningRate: 0.01,
    sampleEvery: 100,
    sampleLength: 200,
    temperature: 0.6,
    evalChars: 16384,
  },
  quatrains: {
    model: { embedding: 64, units: 128, layers: 1 },
    seqLength: 50,
    batchSize: 32,
    steps: 600,
    learningRate: 0.01,
    sampleEvery: 100,
    sampleLength: 50,
    temperature: 0.6,
    evalChars: 9300,
  },
};

/**
 * Trainable parameters of the model for a vocabulary of `vocab` characters: the embedding table,
 * each LSTM layer's four gates (input weights, recurrent weights, biases) and the output layer.
 */
export function charModelParams({ embedding, units, layers }: CharModelConfig, vocab: number): number {
  const lstm = (inputs: number) => 4 * units * (inputs + units + 1);
  return vocab * embedding + lstm(embedding) + (layers === 2 ? lstm(units) : 0) + units * vocab + vocab;
}

export const TEMPERATURE = { min: 0.05, max: 2 } as const;
const temperature = (v: unknown, path: string) => {
  const t = positive(v, path);
  if (t < TEMPERATURE.min || t > TEMPERATURE.max)
    throw new BadMessage(`${path} must be between ${TEMPERATURE.min} and ${TEMPERATURE.max}`);
  return t;
};
const seedText = (v: unknown, path: string) => {
  const s = string(v, path);
  if (s.length > 200) throw new BadMessage(`${path} must be at most 200 characters`);
  return s;
};

export function parseLstmTextJob(value: unknown): LstmTextJob {
  const j = object(value, 'job');
  const m = object(j.model, 'job.model');
  const d = object(j.dataset, 'job.dataset');
  if (d.kind !== 'manifest') throw new BadMessage(`job.dataset.kind must be 'manifest'`);
  const layers = int(m.layers, 'job.model.layers', 1, 2) as 1 | 2;
  return {
    corpus: oneOf(j.corpus, CORPORA, 'job.corpus'),
    dataset: {
      kind: 'manifest',
      name: string(d.name, 'job.dataset.name'),
      manifestUrl: string(d.manifestUrl, 'job.dataset.manifestUrl'),
    },
    model: {
      embedding: int(m.embedding, 'job.model.embedding', 1, 512),
      units: int(m.units, 'job.model.units', 1, 1024),
      layers,
    },
    seqLength: int(j.seqLength, 'job.seqLength', 2, 400),
    batchSize: int(j.batchSize, 'job.batchSize', 1, 512),
    steps: int(j.steps, 'job.steps', 1, 1_000_000),
    learningRate: positive(j.learningRate, 'job.learningRate'),
    seed: int(j.seed, 'job.seed'),
    sampleEvery: int(j.sampleEvery, 'job.sampleEvery', 1),
    sampleLength: int(j.sampleLength, 'job.sampleLength', 1, 2000),
    temperature: temperature(j.temperature, 'job.temperature'),
    seedText: seedText(j.seedText, 'job.seedText'),
    evalChars: int(j.evalChars, 'job.evalChars', 2),
  };
}

export function parseLstmTextCommand(value: unknown): LstmTextCommand {
  const c = object(value, 'command');
  if (c.kind !== 'sample') throw new BadMessage(`unknown command "${String(c.kind)}"`);
  return {
    kind: 'sample',
    temperature: temperature(c.temperature, 'command.temperature'),
    seedText: seedText(c.seedText, 'command.seedText'),
    length: int(c.length, 'command.length', 1, 2000),
    seed: int(c.seed, 'command.seed'),
  };
}

export function parseLstmTextSettings(value: unknown): LstmTextSettings {
  const s = object(value, 'settings');
  const out: LstmTextSettings = {};
  const t = optional(s.temperature, 'settings.temperature', temperature);
  if (t !== undefined) out.temperature = t;
  if (s.learningRate !== undefined) out.learningRate = positive(s.learningRate, 'settings.learningRate');
  if (typeof s.minIterationMs === 'number') out.minIterationMs = s.minIterationMs;
  return out;
}
