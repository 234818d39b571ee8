// The mathematics chapter's optimizer equations (4.43)-(4.51) are the ones the code runs: each update
// rule is written here in plain TypeScript from the text and stepped beside TensorFlow.js's optimizer on
// the same gradients; the defaults the text states are read back from the optimizers; the cosine
// schedule (4.51) is the labs' learningRateAt; both locales carry the same numbered equations.
import * as tf from '@tensorflow/tfjs';
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { learningRateAt } from '../hyperparameters';

const read = (rel: string) => readFileSync(new URL(`../../../content/docs/${rel}`, import.meta.url), 'utf8');

type Rule = (theta: number[], g: number[], t: number) => number[];

const at = (a: readonly number[], i: number): number => a[i] ?? 0;

/** (4.43) */
const sgd =
  (eta: number): Rule =>
  (theta, g) =>
    theta.map((w, i) => w - eta * at(g, i));

/** (4.44), or (4.45) when nesterov */
function momentum(eta: number, mu: number, nesterov: boolean): Rule {
  let v: number[] = [];
  return (theta, g) => {
    v = g.map((gi, i) => mu * at(v, i) + gi);
    return theta.map((w, i) => w - eta * (nesterov ? at(g, i) + mu * at(v, i) : at(v, i)));
  };
}

/** (4.46): epsilon inside the root */
function rmsprop(eta: number, rho: number, eps: number): Rule {
  let s: number[] = [];
  return (theta, g) => {
    s = g.map((gi, i) => rho * at(s, i) + (1 - rho) * gi * gi);
    return theta.map((w, i) => w - (eta * at(g, i)) / Math.sqrt(at(s, i) + eps));
  };
}

/** (4.47) and (4.49) */
function adam(eta: number, b1: number, b2: number, eps: number): Rule {
  let m: number[] = [];
  let v: number[] = [];
  return (theta, g, t) => {
    m = g.map((gi, i) => b1 * at(m, i) + (1 - b1) * gi);
    v = g.map((gi, i) => b2 * at(v, i) + (1 - b2) * gi * gi);
    return theta.map((w, i) => {
      const mHat = at(m, i) / (1 - b1 ** t);
      const vHat = at(v, i) / (1 - b2 ** t);
      return w - (eta * mHat) / (Math.sqrt(vHat) + eps);
    });
  };
}

const start = [0.5, -1.2, 2.0, 0.03];
// gradients of different scales and signs, some flipping, so each state variable matters
const gradients = [
  [0.1, -2.0, 0.004, 1.5],
  [0.2, 1.0, 0.003, -1.5],
  [-0.05, -3.0, 0.005, 1.4],
  [0.15, 0.5, -0.002, -1.6],
  [0.1, -1.0, 0.004, 1.5],
];

function stepBoth(optimizer: tf.Optimizer, rule: Rule): void {
  const variable = tf.variable(tf.tensor1d(start), true, `w${Math.random()}`);
  let theta = [...start];
  gradients.forEach((g, k) => {
    const grad = tf.tensor1d(g);
    optimizer.applyGradients({ [variable.name]: grad });
    grad.dispose();
    theta = rule(theta, g, k + 1);
    const got = Array.from(variable.dataSync());
    got.forEach((x, i) => expect(x, `step ${k + 1}, weight ${i}`).toBeCloseTo(at(theta, i), 5));
  });
  // the rule must actually have moved the weights, or the comparison proves nothing
  expect(Math.abs(at(theta, 1) - at(start, 1))).toBeGreaterThan(1e-3);
  optimizer.dispose();
  variable.dispose();
}

describe("the text's update rules agree with TensorFlow.js's optimizers", () => {
  beforeAll(async () => {
    await tf.setBackend('cpu');
  });

  it('SGD (4.43)', () => stepBoth(tf.train.sgd(0.1), sgd(0.1)));
  it('momentum (4.44)', () => stepBoth(tf.train.momentum(0.1, 0.9), momentum(0.1, 0.9, false)));
  it('Nesterov (4.45)', () => stepBoth(tf.train.momentum(0.1, 0.9, true), momentum(0.1, 0.9, true)));
  it('RMSprop (4.46), with the default decay and epsilon', () =>
    stepBoth(tf.train.rmsprop(0.01), rmsprop(0.01, 0.9, 1e-7)));
  it('Adam (4.47)-(4.49), with the default betas and epsilon', () =>
    stepBoth(tf.train.adam(0.01), adam(0.01, 0.9, 0.999, 1e-7)));

  it('the rules differ from each other on these gradients (the comparisons can fail)', () => {
    const after = (rule: Rule) => gradients.reduce((th, g, k) => rule(th, g, k + 1), [...start]);
    const ends = [sgd(0.1), momentum(0.1, 0.9, false), momentum(0.1, 0.9, true)].map(after);
    expect(at(ends[0] ?? [], 1)).not.toBeCloseTo(at(ends[1] ?? [], 1), 3);
    expect(at(ends[1] ?? [], 1)).not.toBeCloseTo(at(ends[2] ?? [], 1), 3);
  });

  it('reads back the defaults the text states', () => {
    const a = tf.train.adam().getConfig();
    expect([a.learningRate, a.beta1, a.beta2, a.epsilon]).toEqual([0.001, 0.9, 0.999, 1e-7]);
    const r = tf.train.rmsprop(0.001).getConfig();
    expect([r.decay, r.momentum, r.epsilon, r.centered]).toEqual([0.9, 0, 1e-7, false]);
  });
});

describe.each(['math/derivations.mdx', 'zh-cn/math/derivations.mdx'])('%s, the optimizers section', (file) => {
  const text = read(file);
  it('numbers the equations (4.43) to (4.51), once each', () => {
    for (let n = 43; n <= 51; n++) expect(text.split(`\\tag{4.${n}}`).length - 1, `4.${n}`).toBe(1);
  });
  it('writes the defaults of the table', () => {
    expect(text).toContain('$\\eta = 0.001$');
    expect(text).toContain('$\\beta_1 = 0.9$');
    expect(text).toContain('$\\beta_2 = 0.999$');
    expect(text).toContain('$\\epsilon = 10^{-7}$');
    expect(text).toContain('$\\rho = 0.9$');
    expect(text).toContain('\\sqrt{s_t + \\epsilon}');
  });
  it("gives the cosine schedule (4.51) as the labs' learningRateAt computes it", () => {
    expect(text).toContain('\\eta_t = \\eta \\cdot \\tfrac{1}{2}\\left( 1 + \\cos\\frac{\\pi\\, t}{T} \\right)');
    const eta = 0.01;
    const T = 20;
    for (const t of [0, 1, 7, 10, 19]) {
      expect(learningRateAt('cosine', eta, t, T)).toBeCloseTo(eta * 0.5 * (1 + Math.cos((Math.PI * t) / T)), 12);
      expect(learningRateAt('constant', eta, t, T)).toBe(eta);
    }
    expect(learningRateAt('cosine', eta, 0, 1)).toBe(eta);
  });
});
