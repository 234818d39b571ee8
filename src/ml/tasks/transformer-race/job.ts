/**
 * The Transformer race's payload and the arithmetic the page and the worker share (no TensorFlow.js
 * here, so the page may import it): the sequence task (reverse or sort a sequence of digits), the
 * two models' sizes and their parameter counts, the seeded data, and the snapshot layouts.
 *
 * Both models read a sequence of `length` digits (0 … 9) and write one digit per position, so
 * neither needs a decoder: the Transformer's every position attends to every input, the
 * bidirectional LSTM's every position sees both directions' running summaries.
 */
import { int, object, oneOf } from '../../core/check';
import { BadMessage } from '../../core/states';
import { mulberry32 } from '../../random';

/** The sequence tasks: write the input backwards, or in ascending order. */
export const SEQUENCE_TASKS = ['reverse', 'sort'] as const;
export type SequenceTask = (typeof SEQUENCE_TASKS)[number];
/** the digits 0 … 9 */
export const VOCAB = 10;

/** One encoder layer, one head (§ Parameters of one block), learned positions. */
export const TRANSFORMER = { dModel: 32, ffn: 64 } as const;
/** A bidirectional LSTM of about the same size, one softmax per position over both directions. */
export const LSTM = { units: 28 } as const;

/**
 * The Transformer's weights for sequences of `length`: token embedding V·d, positions L·d,
 * W_Q, W_K, W_V, W_O with biases 4(d² + d), two layer norms 2·2d, the feed-forward network
 * d·f + f + f·d + d, the output layer d·V + V.
 */
export function transformerParams(length: number, { dModel: d, ffn: f } = TRANSFORMER): number {
  return VOCAB * d + length * d + 4 * (d * d + d) + 4 * d + (d * f + f + f * d + d) + d * VOCAB + VOCAB;
}

/** The bidirectional LSTM's weights: two directions of 4(u(V + u) + u), then the output layer 2u·V + V. */
export function lstmParams({ units: u } = LSTM): number {
  return 2 * 4 * (u * (VOCAB + u) + u) + 2 * u * VOCAB + VOCAB;
}

/** Bounds of the reader's settings (both included). */
export const LIMITS = {
  length: { min: 4, max: 24 },
  budgetSeconds: { min: 1, max: 600 },
  batchSize: { min: 1, max: 256 },
  seed: { min: 0, max: 2 ** 31 - 1 },
} as const;

/** The lab's starting settings (the benchmark uses the same). */
export const RACE_DEFAULTS = {
  task: 'reverse' as SequenceTask,
  length: 16,
  budgetSeconds: 30,
  batchSize: 64,
  seed: 7,
  learningRate: 0.003,
  testSize: 500,
  /** each model is tested after every this many of its own steps, and when its time is up */
  evaluateEvery: 25,
} as const;

export interface TransformerRaceJob {
  task: SequenceTask;
  length: number;
  /** seconds of its own training each model gets */
  budgetSeconds: number;
  batchSize: number;
  learningRate: number;
  /** initial weights, training sequences and test sequences */
  seed: number;
  testSize: number;
  evaluateEvery: number;
}

const bounded = (value: unknown, path: string, { min, max }: { min: number; max: number }) =>
  int(value, path, min, max);

export function parseTransformerRaceJob(value: unknown): TransformerRaceJob {
  const j = object(value, 'job');
  const rate = j.learningRate;
  if (typeof rate !== 'number' || !(rate > 0 && rate <= 1)) throw new BadMessage('job.learningRate must be in (0, 1]');
  return {
    task: oneOf(j.task, SEQUENCE_TASKS, 'job.task'),
    length: bounded(j.length, 'job.length', LIMITS.length),
    budgetSeconds: bounded(j.budgetSeconds, 'job.budgetSeconds', LIMITS.budgetSeconds),
    batchSize: bounded(j.batchSize, 'job.batchSize', LIMITS.batchSize),
    learningRate: rate,
    seed: bounded(j.seed, 'job.seed', LIMITS.seed),
    testSize: int(j.testSize, 'job.testSize', 1, 5000),
    evaluateEvery: int(j.evaluateEvery, 'job.evaluateEvery', 1, 100_000),
  };
}

/** The answer to `input` (one sequence): reversed or sorted. */
export function targetOf(task: SequenceTask, input: ArrayLike<number>): Int32Array {
  const out = Int32Array.from(input);
  return task === 'reverse' ? out.reverse() : out.sort();
}

export interface SequenceBatch {
  /** [n, length] digits */
  inputs: Int32Array;
  /** [n, length] the answers */
  targets: Int32Array;
  n: number;
}

function draw(random: () => number, length: number): Int32Array {
  return Int32Array.from({ length }, () => Math.floor(random() * VOCAB));
}

const keyOf = (sequence: Int32Array) => sequence.join('');

/** The held-out test sequences: `n` distinct sequences drawn from the seed's own stream. */
export function testSet(task: SequenceTask, length: number, n: number, seed: number): SequenceBatch {
  const random = mulberry32(seed ^ 0x7e57_5e7);
  const inputs = new Int32Array(n * length);
  const targets = new Int32Array(n * length);
  const seen = new Set<string>();
  for (let i = 0; i < n;) {
    const x = draw(random, length);
    if (seen.has(keyOf(x))) continue;
    seen.add(keyOf(x));
    inputs.set(x, i * length);
    targets.set(targetOf(task, x), i * length);
    i++;
  }
  return { inputs, targets, n };
}

/**
 * The training stream: a function giving batches of fresh random sequences, never one of the
 * test set's (a drawn test sequence is drawn again), determined by the seed.
 */
export function trainingStream(task: SequenceTask, length: number, seed: number, test: SequenceBatch) {
  const random = mulberry32(seed);
  const held = new Set<string>();
  for (let i = 0; i < test.n; i++) held.add(keyOf(test.inputs.subarray(i * length, (i + 1) * length)));
  return (n: number): SequenceBatch => {
    const inputs = new Int32Array(n * length);
    const targets = new Int32Array(n * length);
    for (let i = 0; i < n; i++) {
      let x = draw(random, length);
      while (held.has(keyOf(x))) x = draw(random, length);
      inputs.set(x, i * length);
      targets.set(targetOf(task, x), i * length);
    }
    return { inputs, targets, n };
  };
}

/** Per-token and whole-sequence accuracy of predictions [n, length] against the targets. */
export function accuracies(predicted: ArrayLike<number>, targets: Int32Array, n: number, length: number) {
  let tokens = 0;
  let sequences = 0;
  for (let i = 0; i < n; i++) {
    let all = true;
    for (let t = 0; t < length; t++) {
      const right = predicted[i * length + t] === targets[i * length + t];
      if (right) tokens++;
      else all = false;
    }
    if (all) sequences++;
  }
  return { tokenAcc: tokens / (n * length), sequenceAcc: sequences / n };
}

/** The two racers, in the order of every snapshot's rows. */
export const MODELS = ['transformer', 'lstm'] as const;
export type RaceModel = (typeof MODELS)[number];

/** Snapshot: one step of the race, [2, 3]: per model loss, batch token accuracy, training ms (NaN: no step). */
export const TR_TRAIN = 'transformer-race-train';
export const TR_TRAIN_COLUMNS = 3;
/** Snapshot: one test, [5]: model index, its steps, token accuracy, sequence accuracy, its training ms. */
export const TR_TEST = 'transformer-race-test';
/**
 * Snapshot at the end: the Transformer on the first test sequence, [length + 2, length]: the
 * input digits, the predicted digits, then row by row the attention weights of each output
 * position (query) over the input positions (keys).
 */
export const TR_ATTENTION = 'transformer-race-attention';
