/**
 * A recurrent layer run by hand, step by step, in plain arithmetic: equations (4.6) for SimpleRNN
 * and (4.8)–(4.11) for the LSTM, on the weights of a trained TensorFlow.js layer. TensorFlow.js
 * returns only the hidden states; this returns everything inside the cell at every step (gates,
 * candidate, cell state), which the "inside the LSTM" view draws as heat maps, and the class
 * probabilities after each step, which the speech and row-by-row labs draw as a confidence curve.
 *
 * No TensorFlow.js import: the worker passes plain arrays. Keras stores an LSTM's weights stacked,
 * gate order i, f, c̃, o: kernel [D, 4H], recurrent kernel [H, 4H], bias [4H].
 */

export interface RecurrentWeights {
  cell: 'simpleRNN' | 'lstm';
  /** input size D */
  inputSize: number;
  /** hidden size H */
  units: number;
  /** [D, G·H] row-major, G = 1 (SimpleRNN) or 4 (LSTM, blocks i, f, c̃, o) */
  kernel: Float32Array;
  /** [H, G·H] row-major */
  recurrent: Float32Array;
  /** [G·H] */
  bias: Float32Array;
}

export interface RecurrentTrace {
  steps: number;
  units: number;
  /** hidden states h_1 … h_T, [T, H] */
  h: Float32Array;
  /** LSTM only, each [T, H]: input gate i_t, forget gate f_t, output gate o_t, candidate c̃_t, cell state c_t */
  gates?: {
    input: Float32Array;
    forget: Float32Array;
    output: Float32Array;
    candidate: Float32Array;
    cell: Float32Array;
  };
}

const sigmoid = (a: number) => 1 / (1 + Math.exp(-a));

/**
 * Runs the layer over one sequence from h_0 = 0 (and c_0 = 0).
 * @param xs the sequence, [T, D] row-major
 */
export function traceRecurrent(weights: RecurrentWeights, xs: Float32Array): RecurrentTrace {
  const { cell, inputSize: D, units: H, kernel, recurrent, bias } = weights;
  const G = cell === 'lstm' ? 4 : 1;
  if (kernel.length !== D * G * H || recurrent.length !== H * G * H || bias.length !== G * H)
    throw new Error(`traceRecurrent: weights do not fit a ${cell} with D=${D}, H=${H}`);
  if (xs.length % D !== 0) throw new Error(`traceRecurrent: a sequence of ${xs.length} values is not [T, ${D}]`);
  const T = xs.length / D;
  const h = new Float32Array(T * H);
  const gates =
    cell === 'lstm'
      ? {
          input: new Float32Array(T * H),
          forget: new Float32Array(T * H),
          output: new Float32Array(T * H),
          candidate: new Float32Array(T * H),
          cell: new Float32Array(T * H),
        }
      : undefined;
  let hPrev = new Float64Array(H);
  let cPrev = new Float64Array(H);
  const z = new Float64Array(G * H);
  for (let t = 0; t < T; t++) {
    // z = x_t W + h_{t−1} U + b, all gate blocks at once
    for (let j = 0; j < G * H; j++) {
      let sum = bias[j]!;
      for (let d = 0; d < D; d++) sum += xs[t * D + d]! * kernel[d * G * H + j]!;
      for (let k = 0; k < H; k++) sum += hPrev[k]! * recurrent[k * G * H + j]!;
      z[j] = sum;
    }
    const hNext = new Float64Array(H);
    const cNext = new Float64Array(H);
    for (let u = 0; u < H; u++) {
      if (!gates) {
        hNext[u] = Math.tanh(z[u]!); // (4.6)
      } else {
        const i = sigmoid(z[u]!); // (4.8)
        const f = sigmoid(z[H + u]!);
        const candidate = Math.tanh(z[2 * H + u]!); // (4.9)
        const o = sigmoid(z[3 * H + u]!);
        cNext[u] = f * cPrev[u]! + i * candidate; // (4.10)
        hNext[u] = o * Math.tanh(cNext[u]!); // (4.11)
        gates.input[t * H + u] = i;
        gates.forget[t * H + u] = f;
        gates.output[t * H + u] = o;
        gates.candidate[t * H + u] = candidate;
        gates.cell[t * H + u] = cNext[u]!;
      }
      h[t * H + u] = hNext[u]!;
    }
    hPrev = hNext;
    cPrev = cNext;
  }
  return { steps: T, units: H, h, ...(gates ? { gates } : {}) };
}

/**
 * The softmax read-out (4.7) applied to every hidden state: what the classifier would answer had the
 * sequence ended at step t.
 * @param h hidden states [T, H]
 * @param kernel dense kernel [H, K] row-major
 * @param bias [K]
 * @returns probabilities [T, K]
 */
export function probabilitiesPerStep(
  h: Float32Array,
  units: number,
  kernel: Float32Array,
  bias: Float32Array,
): Float32Array {
  const K = bias.length;
  if (kernel.length !== units * K) throw new Error('probabilitiesPerStep: the kernel is not [H, K]');
  const T = h.length / units;
  const out = new Float32Array(T * K);
  const logits = new Float64Array(K);
  for (let t = 0; t < T; t++) {
    let max = -Infinity;
    for (let k = 0; k < K; k++) {
      let sum = bias[k]!;
      for (let u = 0; u < units; u++) sum += h[t * units + u]! * kernel[u * K + k]!;
      logits[k] = sum;
      max = Math.max(max, sum);
    }
    let total = 0;
    for (let k = 0; k < K; k++) total += logits[k] = Math.exp(logits[k]! - max);
    for (let k = 0; k < K; k++) out[t * K + k] = logits[k]! / total;
  }
  return out;
}
