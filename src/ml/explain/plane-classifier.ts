/**
 * A neural network small enough to watch: a multilayer perceptron that learns to tell two classes
 * of points in the plane apart (the home page's first lab). Plain arithmetic, no TensorFlow.js, so
 * it starts at once, trains on the page in a few seconds and can be read in one sitting:
 *
 *   forward   a⁰ = x ∈ ℝ², zˡ = Wˡ aˡ⁻¹ + bˡ, aˡ = φ(zˡ) (tanh or ReLU), p = σ(z^L) ∈ (0, 1)
 *   loss      L = −(1/n) Σ [y log p + (1 − y) log(1 − p)]            (binary cross-entropy)
 *   backward  δ^L = p − y;  δˡ = (Wˡ⁺¹ᵀ δˡ⁺¹) ⊙ φ′(zˡ);  ∂L/∂Wˡ = δˡ aˡ⁻¹ᵀ,  ∂L/∂bˡ = δˡ
 *   update    Adam (Kingma & Ba, 2015) on the full batch, the optimizer every other lab uses
 *
 * Lifecycle: `new PlaneClassifier(config)` draws the weights from the seed; `step(data)` takes one
 * full-batch Adam step and returns the loss before it; `probability(x, y)` is the class-1
 * probability anywhere in the plane (for the picture); `evaluate(data)` gives loss and accuracy.
 */
import { mulberry32 } from '../random';

export const PLANE_DATASETS = ['circles', 'moons', 'xor', 'spiral'] as const;
export type PlaneDataset = (typeof PLANE_DATASETS)[number];

export const PLANE_ACTIVATIONS = ['tanh', 'relu'] as const;
export type PlaneActivation = (typeof PLANE_ACTIVATIONS)[number];

/** Labelled points in [−1, 1]²: `xy` holds x₀, y₀, x₁, y₁, …; `label[i]` is 0 or 1. */
export interface PlanePoints {
  xy: Float64Array;
  label: Uint8Array;
}

/**
 * `count` points of one of four classic toy problems, half of each class, with Gaussian noise of
 * standard deviation `noise` (in plane units), determined by `seed`.
 */
export function makePlaneDataset(kind: PlaneDataset, count: number, noise: number, seed: number): PlanePoints {
  const random = mulberry32(seed);
  const gauss = () => {
    const u = Math.max(random(), 1e-12);
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random());
  };
  const xy = new Float64Array(2 * count);
  const label = new Uint8Array(count);
  for (let i = 0; i < count; i++) {
    const c = i % 2;
    let x = 0;
    let y = 0;
    const t = random();
    switch (kind) {
      case 'circles': {
        // an inner disc against a ring around it
        const r = c === 0 ? 0.5 * Math.sqrt(t) : 0.7 + 0.25 * t;
        const a = 2 * Math.PI * random();
        x = r * Math.cos(a);
        y = r * Math.sin(a);
        break;
      }
      case 'moons': {
        // two interleaved half circles
        const a = Math.PI * t;
        x = c === 0 ? Math.cos(a) - 0.5 : 0.5 - Math.cos(a);
        y = c === 0 ? Math.sin(a) * 0.8 - 0.2 : 0.2 - Math.sin(a) * 0.8;
        x *= 0.7;
        y *= 0.9;
        break;
      }
      case 'xor': {
        // opposite quadrants share a class
        x = (0.1 + 0.85 * random()) * (random() < 0.5 ? -1 : 1);
        y = (0.1 + 0.85 * random()) * Math.sign(x) * (c === 0 ? 1 : -1);
        break;
      }
      case 'spiral': {
        // two arms winding 1.25 turns around the origin
        const r = 0.08 + 0.85 * t;
        const a = 2.5 * Math.PI * t + c * Math.PI;
        x = r * Math.cos(a);
        y = r * Math.sin(a);
        break;
      }
    }
    xy[2 * i] = x + noise * gauss();
    xy[2 * i + 1] = y + noise * gauss();
    label[i] = c;
  }
  return { xy, label };
}

export interface PlaneConfig {
  /** widths of the hidden layers, e.g. [8, 8] */
  hidden: number[];
  activation: PlaneActivation;
  learningRate: number;
  seed: number;
}

export const PLANE_DEFAULTS = {
  dataset: 'spiral' as PlaneDataset,
  hidden: [16, 16],
  activation: 'tanh' as PlaneActivation,
  learningRate: 0.03,
  seed: 1,
  /** training and test points each */
  points: 200,
  noise: 0.05,
  /** full-batch steps in one run */
  steps: 1500,
};

const ADAM = { beta1: 0.9, beta2: 0.999, epsilon: 1e-8 };

/** One dense layer: `w` is out × in, row-major, with Adam's moment estimates beside each parameter. */
interface Layer {
  inputs: number;
  outputs: number;
  w: Float64Array;
  b: Float64Array;
  gw: Float64Array;
  gb: Float64Array;
  mw: Float64Array;
  vw: Float64Array;
  mb: Float64Array;
  vb: Float64Array;
}

export class PlaneClassifier {
  readonly layers: Layer[];
  readonly config: PlaneConfig;
  /** Adam steps taken so far */
  steps = 0;

  constructor(config: PlaneConfig) {
    this.config = config;
    const random = mulberry32(config.seed);
    const sizes = [2, ...config.hidden, 1];
    this.layers = sizes.slice(1).map((outputs, l) => {
      const inputs = sizes[l]!;
      // Glorot-uniform for tanh and the sigmoid output, He-uniform for ReLU layers
      const relu = config.activation === 'relu' && l < sizes.length - 2;
      const limit = relu ? Math.sqrt(6 / inputs) : Math.sqrt(6 / (inputs + outputs));
      const w = new Float64Array(inputs * outputs).map(() => (2 * random() - 1) * limit);
      const zeros = () => new Float64Array(inputs * outputs);
      const bias = () => new Float64Array(outputs);
      return {
        inputs,
        outputs,
        w,
        b: bias(),
        gw: zeros(),
        gb: bias(),
        mw: zeros(),
        vw: zeros(),
        mb: bias(),
        vb: bias(),
      };
    });
  }

  /** Forward pass for one point; fills `acts` (one array per layer, input first) and returns p. */
  private forward(x: number, y: number, acts: Float64Array[]): number {
    acts[0]![0] = x;
    acts[0]![1] = y;
    const last = this.layers.length - 1;
    for (let l = 0; l <= last; l++) {
      const { inputs, outputs, w, b } = this.layers[l]!;
      const input = acts[l]!;
      const out = acts[l + 1]!;
      for (let o = 0; o < outputs; o++) {
        let z = b[o]!;
        for (let i = 0; i < inputs; i++) z += w[o * inputs + i]! * input[i]!;
        out[o] = l === last ? z : this.config.activation === 'tanh' ? Math.tanh(z) : Math.max(0, z);
      }
    }
    return 1 / (1 + Math.exp(-acts[last + 1]![0]!));
  }

  private scratch(): Float64Array[] {
    return [new Float64Array(2), ...this.layers.map((l) => new Float64Array(l.outputs))];
  }

  /** The probability of class 1 at (x, y). */
  probability(x: number, y: number, acts = this.scratch()): number {
    return this.forward(x, y, acts);
  }

  /**
   * The probability of class 1 at the centres of a `size` × `size` grid over [−1, 1]², row by row
   * from the top (y = 1) down, for drawing the decision regions.
   */
  probabilityGrid(size: number): Float64Array {
    const acts = this.scratch();
    const out = new Float64Array(size * size);
    for (let gy = 0; gy < size; gy++) {
      for (let gx = 0; gx < size; gx++) {
        out[gy * size + gx] = this.forward(((gx + 0.5) / size) * 2 - 1, 1 - ((gy + 0.5) / size) * 2, acts);
      }
    }
    return out;
  }

  /** Mean binary cross-entropy and accuracy (threshold ½) on `data`. */
  evaluate(data: PlanePoints): { loss: number; accuracy: number } {
    const acts = this.scratch();
    const n = data.label.length;
    let loss = 0;
    let right = 0;
    for (let k = 0; k < n; k++) {
      const p = this.forward(data.xy[2 * k]!, data.xy[2 * k + 1]!, acts);
      const label = data.label[k]!;
      loss -= Math.log(Math.min(Math.max(label ? p : 1 - p, 1e-12), 1));
      if (p >= 0.5 === (label === 1)) right += 1;
    }
    return { loss: loss / n, accuracy: right / n };
  }

  /** The gradient of the mean loss over `data` into each layer's `gw`, `gb`; returns the loss. */
  gradient(data: PlanePoints): number {
    const acts = this.scratch();
    const deltas = this.layers.map((l) => new Float64Array(l.outputs));
    for (const layer of this.layers) {
      layer.gw.fill(0);
      layer.gb.fill(0);
    }
    const n = data.label.length;
    const last = this.layers.length - 1;
    let loss = 0;
    for (let k = 0; k < n; k++) {
      const label = data.label[k]!;
      const p = this.forward(data.xy[2 * k]!, data.xy[2 * k + 1]!, acts);
      loss -= Math.log(Math.min(Math.max(label ? p : 1 - p, 1e-12), 1));
      deltas[last]![0] = (p - label) / n;
      for (let l = last; l >= 0; l--) {
        const { inputs, outputs, w, gw, gb } = this.layers[l]!;
        const delta = deltas[l]!;
        const input = acts[l]!;
        for (let o = 0; o < outputs; o++) {
          gb[o] = gb[o]! + delta[o]!;
          for (let i = 0; i < inputs; i++) gw[o * inputs + i] = gw[o * inputs + i]! + delta[o]! * input[i]!;
        }
        if (l === 0) break;
        // δˡ⁻¹ = (Wˡᵀ δˡ) ⊙ φ′(zˡ⁻¹), with φ′ from the activation itself: 1 − a² for tanh, [a > 0] for ReLU
        const below = deltas[l - 1]!;
        for (let i = 0; i < inputs; i++) {
          let s = 0;
          for (let o = 0; o < outputs; o++) s += w[o * inputs + i]! * delta[o]!;
          const a = input[i]!;
          below[i] = s * (this.config.activation === 'tanh' ? 1 - a * a : a > 0 ? 1 : 0);
        }
      }
    }
    return loss / n;
  }

  /** One full-batch Adam step; returns the loss before the step. */
  step(data: PlanePoints): number {
    const loss = this.gradient(data);
    this.steps += 1;
    const { beta1, beta2, epsilon } = ADAM;
    const correction1 = 1 - beta1 ** this.steps;
    const correction2 = 1 - beta2 ** this.steps;
    const rate = this.config.learningRate;
    const update = (p: Float64Array, g: Float64Array, m: Float64Array, v: Float64Array) => {
      for (let j = 0; j < p.length; j++) {
        m[j] = beta1 * m[j]! + (1 - beta1) * g[j]!;
        v[j] = beta2 * v[j]! + (1 - beta2) * g[j]! * g[j]!;
        p[j] = p[j]! - (rate * (m[j]! / correction1)) / (Math.sqrt(v[j]! / correction2) + epsilon);
      }
    };
    for (const layer of this.layers) {
      update(layer.w, layer.gw, layer.mw, layer.vw);
      update(layer.b, layer.gb, layer.mb, layer.vb);
    }
    return loss;
  }
}

/** Parameters of a network with these hidden widths: (2·h₁ + h₁) + (h₁·h₂ + h₂) + … + (h_L + 1). */
export function parameterCount(hidden: readonly number[]): number {
  const sizes = [2, ...hidden, 1];
  return sizes.slice(1).reduce((sum, out, l) => sum + out * (sizes[l]! + 1), 0);
}

let finishedRun: { net: PlaneClassifier; train: PlanePoints; test: PlanePoints } | undefined;

/**
 * The default run to its end (the defaults' data with seeds 1 and 2 for training and test, as the
 * lab draws them), trained once per process and then reused: the build draws it for readers
 * without JavaScript on every page that shows the lab, in every locale.
 */
export function defaultFinishedRun(): { net: PlaneClassifier; train: PlanePoints; test: PlanePoints } {
  if (!finishedRun) {
    const { dataset, points, noise } = PLANE_DEFAULTS;
    const train = makePlaneDataset(dataset, points, noise, 1);
    const test = makePlaneDataset(dataset, points, noise, 2);
    const net = new PlaneClassifier({ ...PLANE_DEFAULTS, hidden: [...PLANE_DEFAULTS.hidden] });
    for (let s = 0; s < PLANE_DEFAULTS.steps; s++) net.step(train);
    finishedRun = { net, train, test };
  }
  return finishedRun;
}
