/**
 * A synthetic sequence task for the long-memory race of the LSTM chapter: the answer depends on
 * an input far back in the sequence, so that the distance between the clue and the question is a
 * knob the reader turns.
 *
 * "Recall the first symbol": every step shows one of `symbols` symbols, one-hot, drawn at random;
 * the first step also lights a marker channel. The label is the first step's symbol. A model must
 * write that symbol into its memory when the marker is on and then keep it unchanged while
 * `length − 1` more symbols of the same alphabet stream past. A plain RNN adds every input into
 * the same state through the same weights, so later symbols overwrite the clue; an LSTM's input
 * gate can open on the marker only, and its forget gate can hold the cell (4.8)–(4.10). A model
 * that loses the clue can only guess: accuracy 1/symbols.
 *
 * The sequences come out in the layout of the image datasets (`ImageArrays`, uint8, one "image"
 * per sequence of shape [length, symbols + 1, 1], rows of 0 and 255), so the worker's image
 * pipeline scales them to 0/1 and a recurrent model reads row t as x_t.
 */
import type { ImageArrays } from './image-source';
import { BYTE_RANGE } from './manifest';
import { mulberry32 } from '../random';

export interface RecallTask {
  /** time steps per sequence, clue included (≥ 2) */
  length: number;
  /** symbols in the alphabet, one class each (≥ 2) */
  symbols: number;
}

/** Width of one time step: a one-hot row over the symbols, plus the marker channel. */
export const channelsOf = (task: RecallTask): number => task.symbols + 1;

/**
 * Generates `count` sequences of the recall task, with balanced classes.
 * @returns images [count, length, symbols + 1, 1] (0 or 255) and labels [count]
 */
export function recallFirstSymbol(task: RecallTask, count: number, seed: number): ImageArrays {
  const { length, symbols } = task;
  if (!Number.isInteger(length) || length < 2) throw new RangeError(`length must be an integer ≥ 2, got ${length}`);
  if (!Number.isInteger(symbols) || symbols < 2) throw new RangeError(`symbols must be an integer ≥ 2, got ${symbols}`);
  const channels = symbols + 1;
  const per = length * channels;
  const random = mulberry32(seed);
  const images = new Uint8Array(count * per);
  const labels = new Uint8Array(count);
  for (let n = 0; n < count; n++) {
    const base = n * per;
    const clue = n % symbols;
    labels[n] = clue;
    images[base + clue] = 255;
    images[base + symbols] = 255; // the marker: "remember this one"
    for (let t = 1; t < length; t++) images[base + t * channels + Math.floor(random() * symbols)] = 255;
  }
  // shuffle the sequences together with their labels
  for (let i = count - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    if (i === j) continue;
    const a = images.slice(i * per, (i + 1) * per);
    images.copyWithin(i * per, j * per, (j + 1) * per);
    images.set(a, j * per);
    [labels[i], labels[j]] = [labels[j]!, labels[i]!];
  }
  // 0 or 255 bytes, declared as 8-bit data like the image datasets: the model reads 0 or 1
  return { images, labels, imageShape: [length, channels, 1], classes: symbols, normalisation: BYTE_RANGE };
}
