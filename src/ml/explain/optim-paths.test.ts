// The explorer's update rules against TensorFlow.js's optimizers: the same surface, the same start,
// each step's gradient taken at TensorFlow.js's own weights, and the two paths compared point by
// point; then the surfaces' gradients against finite differences, and Distill's optimal step and
// momentum against a search over the rate of (4.44).
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  EPSILON,
  OPTIMIZERS,
  momentumRate,
  optimalMomentum,
  optimizerPath,
  parseSetting,
  quadratic,
  rosenbrock,
  saddle,
  type OptimizerId,
  type Settings,
  type Surface,
} from './optim-paths';

const SETTINGS: Settings = {
  eta: 0.1,
  etaAdaptive: 0.1,
  mu: 0.9,
  rho: 0.9,
  beta1: 0.9,
  beta2: 0.999,
  epsilon: EPSILON,
};

function tfOptimizer(id: OptimizerId, s: Settings): tf.Optimizer {
  switch (id) {
    case 'sgd':
      return tf.train.sgd(s.eta);
    case 'momentum':
      return tf.train.momentum(s.eta, s.mu);
    case 'nesterov':
      return tf.train.momentum(s.eta, s.mu, true);
    case 'rmsprop':
      return tf.train.rmsprop(s.etaAdaptive, s.rho, 0, s.epsilon);
    case 'adam':
      return tf.train.adam(s.etaAdaptive, s.beta1, s.beta2, s.epsilon);
  }
}

/** TensorFlow.js's path: the gradient of `surf` at the variable's value, applied by the optimizer. */
function tfPath(surf: Surface, id: OptimizerId, s: Settings, steps: number) {
  const optimizer = tfOptimizer(id, s);
  const variable = tf.variable(tf.tensor1d([surf.start.x, surf.start.y]), true, `theta-${id}-${Math.random()}`);
  const points = [];
  for (let t = 1; t <= steps; t++) {
    const [x = 0, y = 0] = variable.dataSync();
    const g = surf.gradient({ x, y });
    const grad = tf.tensor1d([g.x, g.y]);
    optimizer.applyGradients({ [variable.name]: grad });
    grad.dispose();
    const [nx = 0, ny = 0] = variable.dataSync();
    points.push({ x: nx, y: ny });
  }
  optimizer.dispose();
  variable.dispose();
  return points;
}

const cases: { surf: Surface; settings: Settings }[] = [
  { surf: quadratic(10), settings: SETTINGS },
  { surf: rosenbrock, settings: { ...SETTINGS, eta: 0.0005, mu: 0.8, etaAdaptive: 0.05 } },
  { surf: saddle, settings: { ...SETTINGS, eta: 0.05, mu: 0.5, etaAdaptive: 0.05 } },
];

describe('each rule takes the path tf.train.* takes on the same gradients (20 steps)', () => {
  beforeAll(async () => {
    await tf.setBackend('cpu');
  });
  for (const { surf, settings } of cases) {
    for (const id of OPTIMIZERS) {
      it(`${id} on the ${surf.id}`, () => {
        const ours = optimizerPath(surf, id, settings, surf.start, 20);
        expect(ours.escaped).toBeUndefined();
        const theirs = tfPath(surf, id, settings, 20);
        theirs.forEach((p, k) => {
          const q = ours.points[k + 1]!;
          const tol = 1e-5 * Math.max(1, Math.abs(p.x), Math.abs(p.y));
          expect(Math.abs(q.x - p.x), `step ${k + 1}, x`).toBeLessThan(tol);
          expect(Math.abs(q.y - p.y), `step ${k + 1}, y`).toBeLessThan(tol);
        });
        // the path must have moved, or the comparison proves nothing
        const end = ours.points.at(-1)!;
        expect(Math.hypot(end.x - surf.start.x, end.y - surf.start.y)).toBeGreaterThan(0.01);
      });
    }
  }

  it('the five rules take five different paths', () => {
    const surf = quadratic(10);
    const ends = OPTIMIZERS.map((id) => optimizerPath(surf, id, SETTINGS, surf.start, 20).points.at(-1)!);
    for (let i = 0; i < ends.length; i++) {
      for (let j = i + 1; j < ends.length; j++) {
        expect(Math.hypot(ends[i]!.x - ends[j]!.x, ends[i]!.y - ends[j]!.y)).toBeGreaterThan(1e-3);
      }
    }
  });
});

describe('the surfaces', () => {
  const h = 1e-6;
  for (const surf of [quadratic(25), rosenbrock, saddle]) {
    it(`${surf.id}: the gradient is the derivative of the value`, () => {
      for (const p of [{ x: 0.3, y: -0.7 }, { x: -1.2, y: 1.9 }, surf.start]) {
        const g = surf.gradient(p);
        const dx = (surf.value({ x: p.x + h, y: p.y }) - surf.value({ x: p.x - h, y: p.y })) / (2 * h);
        const dy = (surf.value({ x: p.x, y: p.y + h }) - surf.value({ x: p.x, y: p.y - h })) / (2 * h);
        expect(g.x).toBeCloseTo(dx, 3);
        expect(g.y).toBeCloseTo(dy, 3);
      }
      if (surf.minimum) {
        const g = surf.gradient(surf.minimum);
        expect(Math.abs(g.x) + Math.abs(g.y)).toBe(0);
      }
    });
  }

  it('a path that runs away is stopped and says when', () => {
    const path = optimizerPath(quadratic(10), 'sgd', { ...SETTINGS, eta: 0.5 }, { x: -4, y: 2 }, 100);
    expect(path.escaped).toBeGreaterThan(1);
    expect(path.points).toHaveLength(path.escaped!);
  });
});

describe("Distill's optimal momentum on the quadratic", () => {
  it('computes κ, α*, β* and the rates from the formulas', () => {
    const o = optimalMomentum(1, 100);
    expect(o.kappa).toBe(100);
    expect(o.eta).toBeCloseTo((2 / 11) ** 2, 12);
    expect(o.mu).toBeCloseTo((9 / 11) ** 2, 12);
    expect(o.rate).toBeCloseTo(9 / 11, 12);
    expect(o.gdEta).toBeCloseTo(2 / 101, 12);
    expect(o.gdRate).toBeCloseTo(99 / 101, 12);
  });

  it('is the best (η, μ) of a grid: the worst rate over λ₁ and λₙ is smallest there, and equals (√κ−1)/(√κ+1)', () => {
    for (const kappa of [4, 30]) {
      const o = optimalMomentum(1, kappa);
      const worst = (eta: number, mu: number) => Math.max(momentumRate(eta, mu, 1), momentumRate(eta, mu, kappa));
      expect(worst(o.eta, o.mu)).toBeCloseTo(o.rate, 6);
      let best = Infinity;
      for (let i = 1; i <= 200; i++) {
        for (let j = 0; j < 100; j++) best = Math.min(best, worst((i / 200) * 2 * o.eta, j / 100));
      }
      expect(best).toBeGreaterThanOrEqual(o.rate - 1e-9);
      // without momentum the best is gradient descent's rate, far slower
      expect(worst(o.gdEta, 0)).toBeCloseTo(o.gdRate, 9);
      expect(o.gdRate).toBeGreaterThan(o.rate);
    }
  });

  it('the path with α* and β* shrinks the error at that rate', () => {
    const kappa = 50;
    const o = optimalMomentum(1, kappa);
    const surf = quadratic(kappa);
    const path = optimizerPath(surf, 'momentum', { ...SETTINGS, eta: o.eta, mu: o.mu }, surf.start, 200).points;
    const dist = (k: number) => Math.hypot(path[k]!.x, path[k]!.y);
    const observed = (dist(200) / dist(100)) ** (1 / 100);
    // the optimum is critically damped (a repeated eigenvalue), so the error is rateᵏ times a
    // factor growing like k, a little slower than rateᵏ itself
    expect(observed).toBeGreaterThan(o.rate - 1e-3);
    expect(observed).toBeLessThan(o.rate + 0.01);
    expect(observed).toBeLessThan(o.gdRate - 0.1);
    // and faster than with β a little above the optimum
    const off = optimizerPath(surf, 'momentum', { ...SETTINGS, eta: o.eta, mu: o.mu + 0.1 }, surf.start, 200).points;
    expect(Math.hypot(off[200]!.x, off[200]!.y)).toBeGreaterThan(dist(200));
  });
});

describe('parseSetting', () => {
  it('refuses empty, nonsense, NaN, out of range and the open end', () => {
    expect(parseSetting('', { min: 0, max: 1 })).toEqual({ ok: false, code: 'empty' });
    expect(parseSetting('abc', { min: 0, max: 1 })).toEqual({ ok: false, code: 'not-a-number' });
    expect(parseSetting('NaN', { min: 0, max: 1 })).toEqual({ ok: false, code: 'not-a-number' });
    expect(parseSetting('-0.1', { min: 0, max: 1 })).toEqual({ ok: false, code: 'range' });
    expect(parseSetting('1e9', { min: 0, max: 1 })).toEqual({ ok: false, code: 'range' });
    expect(parseSetting('0', { min: 0, max: 1, open: true })).toEqual({ ok: false, code: 'range' });
    expect(parseSetting(' 0.05 ', { min: 0, max: 1, open: true })).toEqual({ ok: true, value: 0.05 });
    expect(parseSetting('0', { min: 0, max: 1 })).toEqual({ ok: true, value: 0 });
    expect(parseSetting('2.5', { min: 1, max: 500, integer: true })).toEqual({ ok: false, code: 'range' });
    expect(parseSetting('25', { min: 1, max: 500, integer: true })).toEqual({ ok: true, value: 25 });
  });
});
