/**
 * Writing with the trained character model, in plain JavaScript on a copy of its weights: the
 * LSTM's state is carried from one character to the next (one cell step per character), so a
 * sample of n characters costs n steps whatever the backend, and re-sampling never touches the
 * model being trained. The cell is Keras's LSTM (gates i, f, c, o; sigmoid and tanh), the same
 * arithmetic as the layers model (checked against it in model.test.ts).
 */
import { sampleIndex } from '../../data/char-text';
import type { CharModelConfig } from './job';

/** The model's weights in Keras order: embedding [V, E]; per layer kernel [in, 4H], recurrent [H, 4H], bias [4H]; dense [H, V], bias [V]. */
export interface CharWeights {
  config: CharModelConfig;
  vocab: number;
  arrays: Float32Array[];
}

const sigmoid = (x: number) => 1 / (1 + Math.exp(-x));

export class CharSampler {
  readonly #h: Float32Array[];
  readonly #c: Float32Array[];
  readonly #z: Float32Array;
  readonly logits: Float32Array;

  constructor(private readonly w: CharWeights) {
    const { units, layers } = w.config;
    this.#h = Array.from({ length: layers }, () => new Float32Array(units));
    this.#c = Array.from({ length: layers }, () => new Float32Array(units));
    this.#z = new Float32Array(4 * units);
    this.logits = new Float32Array(w.vocab);
  }

  /** Reads one character: the state moves on and `logits` holds the scores of the next one. */
  feed(id: number): void {
    const { embedding, units, layers } = this.w.config;
    const a = this.w.arrays;
    let input = a[0]!.subarray(id * embedding, (id + 1) * embedding);
    const z = this.#z;
    for (let l = 0; l < layers; l++) {
      const [kernel, recurrent, bias] = [a[1 + 3 * l]!, a[2 + 3 * l]!, a[3 + 3 * l]!];
      const h = this.#h[l]!;
      const c = this.#c[l]!;
      z.set(bias);
      for (let i = 0; i < input.length; i++) {
        const x = input[i]!;
        if (x === 0) continue;
        const row = i * 4 * units;
        for (let j = 0; j < 4 * units; j++) z[j]! += x * kernel[row + j]!;
      }
      for (let i = 0; i < units; i++) {
        const x = h[i]!;
        if (x === 0) continue;
        const row = i * 4 * units;
        for (let j = 0; j < 4 * units; j++) z[j]! += x * recurrent[row + j]!;
      }
      for (let j = 0; j < units; j++) {
        const gi = sigmoid(z[j]!);
        const gf = sigmoid(z[units + j]!);
        const gc = Math.tanh(z[2 * units + j]!);
        const go = sigmoid(z[3 * units + j]!);
        c[j] = gf * c[j]! + gi * gc;
        h[j] = go * Math.tanh(c[j]!);
      }
      input = h;
    }
    const [dense, bias] = [a[1 + 3 * layers]!, a[2 + 3 * layers]!];
    const vocab = this.w.vocab;
    this.logits.set(bias);
    for (let i = 0; i < units; i++) {
      const x = input[i]!;
      const row = i * vocab;
      for (let j = 0; j < vocab; j++) this.logits[j]! += x * dense[row + j]!;
    }
  }

  /**
   * Reads `seed` (at least one id), then writes `length` ids, each drawn from the softmax of the
   * logits divided by `temperature` (greedy as it nears 0), feeding each back in.
   */
  write(seed: ArrayLike<number>, length: number, temperature: number, random: () => number): number[] {
    for (let i = 0; i < seed.length; i++) this.feed(seed[i]!);
    const out: number[] = [];
    for (let k = 0; k < length; k++) {
      const id = sampleIndex(this.logits, temperature, random);
      out.push(id);
      if (k < length - 1) this.feed(id);
    }
    return out;
  }
}
