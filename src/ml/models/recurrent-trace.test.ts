import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../random';
import { probabilitiesPerStep, traceRecurrent, type RecurrentWeights } from './recurrent-trace';

const random = mulberry32(7);
const randomArray = (n: number, scale = 1) => Float32Array.from({ length: n }, () => (random() * 2 - 1) * scale);

/** A tfjs layer with the given weights, run on one sequence: its states [T, H]. */
function tfStates(w: RecurrentWeights, xs: Float32Array): Float32Array {
  return tf.tidy(() => {
    const T = xs.length / w.inputSize;
    const options = { units: w.units, returnSequences: true, inputShape: [T, w.inputSize] };
    // sigmoid gates as in (4.8) and in Keras; tfjs's own default is the piecewise-linear hardSigmoid
    const layer =
      w.cell === 'lstm' ? tf.layers.lstm({ ...options, recurrentActivation: 'sigmoid' }) : tf.layers.simpleRNN(options);
    const model = tf.sequential({ layers: [layer] });
    const G = w.cell === 'lstm' ? 4 : 1;
    layer.setWeights([
      tf.tensor2d(w.kernel, [w.inputSize, G * w.units]),
      tf.tensor2d(w.recurrent, [w.units, G * w.units]),
      tf.tensor1d(w.bias),
    ]);
    const out = (model.predict(tf.tensor3d(xs, [1, T, w.inputSize])) as tf.Tensor).dataSync() as Float32Array;
    model.dispose();
    return out;
  });
}

describe('traceRecurrent', () => {
  it.each(['lstm', 'simpleRNN'] as const)('gives the same states as tf.layers.%s (to 1e-5)', async (cell) => {
    await tf.setBackend('cpu');
    const D = 3;
    const H = 5;
    const G = cell === 'lstm' ? 4 : 1;
    const w: RecurrentWeights = {
      cell,
      inputSize: D,
      units: H,
      kernel: randomArray(D * G * H),
      recurrent: randomArray(H * G * H),
      bias: randomArray(G * H, 0.5),
    };
    const xs = randomArray(7 * D, 2);
    const before = tf.memory().numTensors;
    const expected = tfStates(w, xs);
    expect(tf.memory().numTensors).toBe(before);
    const trace = traceRecurrent(w, xs);
    expect(trace.steps).toBe(7);
    for (let i = 0; i < expected.length; i++) expect(trace.h[i]).toBeCloseTo(expected[i]!, 5);
    if (cell === 'lstm') {
      const g = trace.gates!;
      // every gate is a probability; the identities (4.10) and (4.11) hold at each step
      for (let i = 0; i < g.input.length; i++) {
        for (const gate of [g.input, g.forget, g.output]) expect(gate[i]).toBeGreaterThan(0);
        expect(trace.h[i]).toBeCloseTo(g.output[i]! * Math.tanh(g.cell[i]!), 6);
      }
      for (let u = 0; u < H; u++) {
        const t = 3;
        const expectedCell =
          g.forget[t * H + u]! * g.cell[(t - 1) * H + u]! + g.input[t * H + u]! * g.candidate[t * H + u]!;
        expect(g.cell[t * H + u]).toBeCloseTo(expectedCell, 6);
      }
    } else {
      expect(trace.gates).toBeUndefined();
    }
  });

  it('computes one hand-checked LSTM step', () => {
    // D = H = 1; z = 1·x + b with zero recurrent weights; x = 1, biases [0, 0, 0, 0]:
    // i = f = o = σ(1), c̃ = tanh(1), c_1 = σ(1)·tanh(1), h_1 = σ(1)·tanh(c_1)
    const trace = traceRecurrent(
      {
        cell: 'lstm',
        inputSize: 1,
        units: 1,
        kernel: Float32Array.of(1, 1, 1, 1),
        recurrent: new Float32Array(4),
        bias: new Float32Array(4),
      },
      Float32Array.of(1),
    );
    const s = 1 / (1 + Math.exp(-1));
    expect(trace.gates!.cell[0]).toBeCloseTo(s * Math.tanh(1), 6);
    expect(trace.h[0]).toBeCloseTo(s * Math.tanh(s * Math.tanh(1)), 6);
  });

  it('rejects weights of the wrong size', () => {
    expect(() =>
      traceRecurrent(
        {
          cell: 'lstm',
          inputSize: 2,
          units: 2,
          kernel: new Float32Array(4),
          recurrent: new Float32Array(16),
          bias: new Float32Array(8),
        },
        new Float32Array(4),
      ),
    ).toThrow(/do not fit/);
  });
});

describe('probabilitiesPerStep', () => {
  it('applies softmax(W h + b) at every step', () => {
    // H = 1, K = 2; kernel [1, −1], bias 0: logits (h, −h)
    const probs = probabilitiesPerStep(Float32Array.of(0, 1), 1, Float32Array.of(1, -1), Float32Array.of(0, 0));
    expect(probs[0]).toBeCloseTo(0.5, 6);
    expect(probs[2]).toBeCloseTo(Math.exp(1) / (Math.exp(1) + Math.exp(-1)), 6);
    expect(probs[2]! + probs[3]!).toBeCloseTo(1, 6);
  });
});
