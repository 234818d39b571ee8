/**
 * Synthetic sequence tasks for the long-memory race of the LSTM chapter: tasks whose answer depends
 * on an input far back in the sequence, so that the distance between the clue and the question is
 * a knob the reader turns.
 *
 * "Recall the first symbol": step 1 shows one of `symbols` clue symbols; every later step shows one
 * of `distractors` noise symbols, drawn at random. The label is the clue. A model must carry the
 * clue across `length − 1` steps of noise; one that forgets it can only guess (accuracy 1/symbols).
 *
 * The sequences come out in the layout of the image datasets (`ImageArrays`, uint8, one "image"
 * per sequence of shape [length, channels, 1], one-hot rows of 0 and 255), so the worker's image
 * pipeline scales them to 0/1 and a recurrent model reads row t as x_t.
 */
import type { ImageArrays } from './image-source';
import { mulberry32 } from '../random';

export interface RecallTask {
  /** time steps per sequence, clue included (≥ 2) */
  length: number;
  /** clue symbols, one class each (≥ 2) */
  symbols: number;
  /** noise symbols shown after the clue (≥ 1) */
  distractors: number;
}

export const RECALL_DEFAULTS: RecallTask = { length: 40, symbols: 4, distractors: 4 };

/** Width of one time step: a one-hot row over clues and distractors. */
export const channelsOf = (task: RecallTask): number => task.symbols + task.distractors;

/**
 * Generates `count` sequences of the recall task.
 * @returns images [count, length, symbols + distractors, 1] (one-hot rows, 0 or 255) and labels [count]
 */
export function recallFirstSymbol(task: RecallTask, count: number, seed: number): ImageArrays {
  const { length, symbols, distractors } = task;
  if (!Number.isInteger(length) || length < 2) throw new RangeError(`length must be an integer ≥ 2, got ${length}`);
  if (!Number.isInteger(symbols) || symbols < 2) throw new RangeError(`symbols must be an integer ≥ 2, got ${symbols}`);
  if (!Number.isInteger(distractors) || distractors < 1)
    throw new RangeError(`distractors must be an integer ≥ 1, got ${distractors}`);
  const channels = symbols + distractors;
  const random = mulberry32(seed);
  const images = new Uint8Array(count * length * channels);
  const labels = new Uint8Array(count);
  for (let n = 0; n < count; n++) {
    const base = n * length * channels;
    // balanced classes: the clue cycles through the symbols, the order is random anyway
    const clue = n % symbols;
    labels[n] = clue;
    images[base + clue] = 255;
    for (let t = 1; t < length; t++) {
      const noise = symbols + Math.floor(random() * distractors);
      images[base + t * channels + noise] = 255;
    }
  }
  // shuffle the sequences together with their labels
  const per = length * channels;
  for (let i = count - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    if (i === j) continue;
    const a = images.slice(i * per, (i + 1) * per);
    images.copyWithin(i * per, j * per, (j + 1) * per);
    images.set(a, j * per);
    [labels[i], labels[j]] = [labels[j]!, labels[i]!];
  }
  return { images, labels, imageShape: [length, channels, 1], classes: symbols };
}
