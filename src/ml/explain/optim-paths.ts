/**
 * The optimizer-paths explorer's arithmetic: three 2-D loss surfaces with their gradients, the
 * update rules (4.43)–(4.49) of the mathematics chapter in the form TensorFlow.js implements them,
 * the path each rule takes from a start point, and Distill's optimal step and momentum for the
 * quadratic ("Why Momentum Really Works", Goh 2017). No TensorFlow.js here: the explorer runs on
 * the page; the unit tests step tf.train.* beside these rules on the same gradients.
 */

export type SurfaceId = 'quadratic' | 'rosenbrock' | 'saddle';
export const SURFACES: readonly SurfaceId[] = ['quadratic', 'rosenbrock', 'saddle'];

export type OptimizerId = 'sgd' | 'momentum' | 'nesterov' | 'rmsprop' | 'adam';
export const OPTIMIZERS: readonly OptimizerId[] = ['sgd', 'momentum', 'nesterov', 'rmsprop', 'adam'];

export interface Point {
  x: number;
  y: number;
}

/** The plotted window: x from x0 to x1, y from y0 to y1. */
export interface Box {
  x0: number;
  x1: number;
  y0: number;
  y1: number;
}

export interface Surface {
  id: SurfaceId;
  value: (p: Point) => number;
  gradient: (p: Point) => Point;
  box: Box;
  /** the default start point */
  start: Point;
  /** where the minimum is (none for the saddle: it has none) */
  minimum?: Point;
  /** the loss levels the contours are drawn at, low to high */
  levels: number[];
  /** how far outside the plotted window a path may go before it is stopped, in window sizes */
  escape: number;
}

/** Levels spaced evenly in log scale between `lo` and `hi`, `n` of them. */
function logLevels(lo: number, hi: number, n: number): number[] {
  return Array.from({ length: n }, (_, i) => lo * (hi / lo) ** (i / (n - 1)));
}

/**
 * L(x, y) = ½(x² + κ y²): the Hessian's eigenvalues are λ₁ = 1 along x and λₙ = κ along y, so
 * the condition number is κ, a long valley along x.
 */
export function quadratic(kappa: number): Surface {
  return {
    id: 'quadratic',
    value: ({ x, y }) => 0.5 * (x * x + kappa * y * y),
    gradient: ({ x, y }) => ({ x, y: kappa * y }),
    box: { x0: -5, x1: 5, y0: -3, y1: 3 },
    start: { x: -4, y: 2 },
    minimum: { x: 0, y: 0 },
    levels: logLevels(0.02, 0.5 * (25 + kappa * 9), 12),
    escape: 4,
  };
}

/** Rosenbrock's valley, L = (1 − x)² + 100 (y − x²)²: a curved, flat-bottomed valley, minimum at (1, 1). */
export const rosenbrock: Surface = {
  id: 'rosenbrock',
  value: ({ x, y }) => (1 - x) ** 2 + 100 * (y - x * x) ** 2,
  gradient: ({ x, y }) => ({ x: -2 * (1 - x) - 400 * x * (y - x * x), y: 200 * (y - x * x) }),
  box: { x0: -2, x1: 2, y0: -1, y1: 3 },
  start: { x: -1.2, y: 1 },
  minimum: { x: 1, y: 1 },
  levels: logLevels(0.05, 2000, 12),
  escape: 4,
};

/** A saddle, L = ½(x² − y²): downhill towards x = 0, but y = 0 is a ridge the path must fall off. */
export const saddle: Surface = {
  id: 'saddle',
  value: ({ x, y }) => 0.5 * (x * x - y * y),
  gradient: ({ x, y }) => ({ x, y: -y }),
  box: { x0: -3, x1: 3, y0: -3, y1: 3 },
  start: { x: 2.5, y: 0.01 },
  levels: [-4, -3, -2, -1, -0.4, 0, 0.4, 1, 2, 3, 4],
  // unbounded below: a path that leaves the window only falls further, so it stops at the edge
  escape: 0,
};

export function surface(id: SurfaceId, kappa: number): Surface {
  return id === 'quadratic' ? quadratic(kappa) : id === 'rosenbrock' ? rosenbrock : saddle;
}

/** The settings of every rule; each uses the ones its equation names. */
export interface Settings {
  /** η of SGD, momentum and Nesterov */
  eta: number;
  /** η of RMSprop and Adam (they take steps of about η whatever the gradient's size) */
  etaAdaptive: number;
  /** μ of momentum and Nesterov */
  mu: number;
  /** ρ of RMSprop */
  rho: number;
  beta1: number;
  beta2: number;
  /** ε of RMSprop and Adam: TensorFlow.js's default in 32-bit floats */
  epsilon: number;
}

export const EPSILON = 1e-7;

/** One optimizer with its state: `step(θ, g)` returns θ after one update with gradient g. */
export type Rule = (theta: Point, g: Point) => Point;

const map = (a: Point, f: (v: number, k: 'x' | 'y') => number): Point => ({ x: f(a.x, 'x'), y: f(a.y, 'y') });

/** (4.43): θ ← θ − η g */
function sgd(eta: number): Rule {
  return (theta, g) => map(theta, (w, k) => w - eta * g[k]);
}

/** (4.44), or (4.45) with `nesterov`: v ← μ v + g; θ ← θ − η v, or θ ← θ − η (g + μ v) */
function momentum(eta: number, mu: number, nesterov: boolean): Rule {
  let v: Point = { x: 0, y: 0 };
  return (theta, g) => {
    v = map(v, (vk, k) => mu * vk + g[k]);
    return map(theta, (w, k) => w - eta * (nesterov ? g[k] + mu * v[k] : v[k]));
  };
}

/** (4.46), ε inside the root as TensorFlow.js has it: s ← ρ s + (1 − ρ) g²; θ ← θ − η g / √(s + ε) */
function rmsprop(eta: number, rho: number, eps: number): Rule {
  let s: Point = { x: 0, y: 0 };
  return (theta, g) => {
    s = map(s, (sk, k) => rho * sk + (1 - rho) * g[k] * g[k]);
    return map(theta, (w, k) => w - (eta * g[k]) / Math.sqrt(s[k] + eps));
  };
}

/** (4.47) and (4.49): both moments, bias-corrected, ε outside the root */
function adam(eta: number, b1: number, b2: number, eps: number): Rule {
  let m: Point = { x: 0, y: 0 };
  let v: Point = { x: 0, y: 0 };
  let t = 0;
  return (theta, g) => {
    t += 1;
    m = map(m, (mk, k) => b1 * mk + (1 - b1) * g[k]);
    v = map(v, (vk, k) => b2 * vk + (1 - b2) * g[k] * g[k]);
    return map(theta, (w, k) => {
      const mHat = m[k] / (1 - b1 ** t);
      const vHat = v[k] / (1 - b2 ** t);
      return w - (eta * mHat) / (Math.sqrt(vHat) + eps);
    });
  };
}

/** A fresh optimizer (its state at zero) with the settings its equation uses. */
export function makeRule(id: OptimizerId, s: Settings): Rule {
  switch (id) {
    case 'sgd':
      return sgd(s.eta);
    case 'momentum':
      return momentum(s.eta, s.mu, false);
    case 'nesterov':
      return momentum(s.eta, s.mu, true);
    case 'rmsprop':
      return rmsprop(s.etaAdaptive, s.rho, s.epsilon);
    case 'adam':
      return adam(s.etaAdaptive, s.beta1, s.beta2, s.epsilon);
  }
}

export interface PathPoint extends Point {
  /** the step that reached this point (0 = the start) */
  t: number;
  loss: number;
}

export interface Path {
  points: PathPoint[];
  /** the step at which the path left far beyond the plot or overflowed; it stops there */
  escaped?: number;
}

/** The path of one optimizer from `start`, `steps` updates long (shorter if it escapes). */
export function optimizerPath(surf: Surface, id: OptimizerId, settings: Settings, start: Point, steps: number): Path {
  const rule = makeRule(id, settings);
  const { box, escape } = surf;
  const w = box.x1 - box.x0;
  const h = box.y1 - box.y0;
  const outside = (p: Point) =>
    !Number.isFinite(p.x) ||
    !Number.isFinite(p.y) ||
    p.x < box.x0 - escape * w ||
    p.x > box.x1 + escape * w ||
    p.y < box.y0 - escape * h ||
    p.y > box.y1 + escape * h;
  let theta = start;
  const points: PathPoint[] = [{ ...start, t: 0, loss: surf.value(start) }];
  for (let t = 1; t <= steps; t++) {
    theta = rule(theta, surf.gradient(theta));
    if (outside(theta)) return { points, escaped: t };
    points.push({ ...theta, t, loss: surf.value(theta) });
  }
  return { points };
}

/**
 * Distill's result for gradient descent with momentum (4.44) on a quadratic whose Hessian has
 * eigenvalues from λ₁ (smallest) to λₙ (largest): the condition number κ = λₙ/λ₁, the step
 * α* = (2 / (√λ₁ + √λₙ))² and the momentum β* = ((√κ − 1)/(√κ + 1))² that minimise the worst
 * convergence rate, which is then (√κ − 1)/(√κ + 1); plain gradient descent's best step is
 * 2/(λ₁ + λₙ), with rate (κ − 1)/(κ + 1).
 */
export function optimalMomentum(lambda1: number, lambdaN: number) {
  const kappa = lambdaN / lambda1;
  const r = Math.sqrt(kappa);
  return {
    kappa,
    eta: (2 / (Math.sqrt(lambda1) + Math.sqrt(lambdaN))) ** 2,
    mu: ((r - 1) / (r + 1)) ** 2,
    rate: (r - 1) / (r + 1),
    gdEta: 2 / (lambda1 + lambdaN),
    gdRate: (kappa - 1) / (kappa + 1),
  };
}

/**
 * The rate at which (4.44) with step η and momentum μ shrinks the error along an eigenvector with
 * eigenvalue λ: the spectral radius of the iteration (v, θ) ↦ (μ v + λ θ, θ − η(μ v + λ θ)),
 * whose matrix has trace 1 + μ − ηλ and determinant μ.
 */
export function momentumRate(eta: number, mu: number, lambda: number): number {
  const trace = 1 + mu - eta * lambda;
  const disc = trace * trace - 4 * mu;
  if (disc < 0) return Math.sqrt(mu);
  const root = Math.sqrt(disc);
  return Math.max(Math.abs((trace + root) / 2), Math.abs((trace - root) / 2));
}

/** A typed number, checked: the value, or why it was refused. */
export type Parsed = { ok: true; value: number } | { ok: false; code: 'empty' | 'not-a-number' | 'range' };

/** The range a setting accepts: [min, max], without min itself when `open`, whole numbers when `integer`. */
export interface Bounds {
  min: number;
  max: number;
  open?: boolean;
  integer?: boolean;
}

/** Text as a number within its bounds, or why it was refused. */
export function parseSetting(text: string, { min, max, open = false, integer = false }: Bounds): Parsed {
  const trimmed = text.trim();
  if (trimmed === '') return { ok: false, code: 'empty' };
  if (!/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(trimmed)) return { ok: false, code: 'not-a-number' };
  const value = Number(trimmed);
  if (!Number.isFinite(value) || value > max || value < min || (open && value === min)) {
    return { ok: false, code: 'range' };
  }
  if (integer && !Number.isInteger(value)) return { ok: false, code: 'range' };
  return { ok: true, value };
}
