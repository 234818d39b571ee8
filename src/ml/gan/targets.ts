/**
 * Target distributions for the 2-D GAN laboratory: what the generator has to learn to imitate.
 * No TensorFlow.js: plain seeded samplers that the worker, the page and the Node tests share.
 *
 * Every sampler returns a Float32Array of shape [n, 2], row-major: point i is
 * (out[2i], out[2i + 1]). The same seed gives the same points on every machine (mulberry32 and
 * Box–Muller in float64, rounded once to float32). All targets fit in the view [-3, 3] × [-3, 3]
 * (`DEFAULT_VIEW`) with their default options.
 */
import { mulberry32 } from '../random';

/** A sampler driven by an existing uniform generator, so that a stream of batches never repeats. */
type Draw = (n: number, random: () => number) => Float32Array;

/** The square of the plane the lab plots (and evaluates the decision surface on). */
export interface View {
  xMin: number;
  xMax: number;
  yMin: number;
  yMax: number;
}

export const DEFAULT_VIEW: View = { xMin: -3, xMax: 3, yMin: -3, yMax: 3 };

/**
 * Standard normal numbers from uniform ones (Box–Muller; both values of each pair are used).
 * @returns a function giving independent N(0, 1) numbers
 */
export function normalSampler(random: () => number): () => number {
  let spare: number | undefined;
  return () => {
    if (spare !== undefined) {
      const value = spare;
      spare = undefined;
      return value;
    }
    // 1 − u ∈ (0, 1], so the logarithm is finite
    const radius = Math.sqrt(-2 * Math.log(1 - random()));
    const angle = 2 * Math.PI * random();
    spare = radius * Math.sin(angle);
    return radius * Math.cos(angle);
  };
}

export interface RingOptions {
  /** number of Gaussians, evenly spaced on the circle */
  modes?: number;
  /** radius of the circle of centres */
  radius?: number;
  /** standard deviation of each Gaussian (both axes) */
  std?: number;
}

/** The centres of a ring's modes, [modes, 2]; mode k sits at angle 2πk / modes. */
export function ringCentres(modes = 8, radius = 2): Float32Array {
  const out = new Float32Array(modes * 2);
  for (let k = 0; k < modes; k++) {
    out[2 * k] = radius * Math.cos((2 * Math.PI * k) / modes);
    out[2 * k + 1] = radius * Math.sin((2 * Math.PI * k) / modes);
  }
  return out;
}

/**
 * A sampler from the rule for point i (x first, then y, so that the draws come in the same order
 * for every target), with a fresh normal sampler on the same uniform stream for each batch.
 */
function pointwise(point: (i: number, random: () => number, normal: () => number) => [number, number]): Draw {
  return (n, random) => {
    const normal = normalSampler(random);
    const out = new Float32Array(n * 2);
    for (let i = 0; i < n; i++) {
      const [x, y] = point(i, random, normal);
      out[2 * i] = x;
      out[2 * i + 1] = y;
    }
    return out;
  };
}

function drawRing({ modes = 8, radius = 2, std = 0.05 }: RingOptions): Draw {
  return pointwise((_, random, normal) => {
    const k = Math.floor(random() * modes);
    const angle = (2 * Math.PI * k) / modes;
    return [radius * Math.cos(angle) + std * normal(), radius * Math.sin(angle) + std * normal()];
  });
}

/**
 * A mixture of `modes` equally likely Gaussians on a circle: the classic test of mode collapse
 * (Metz et al. 2017, "Unrolled GANs"). Defaults: 8 modes, radius 2, std 0.05.
 * @returns [n, 2]
 */
export function ringOfGaussians(n: number, seed: number, options: RingOptions = {}): Float32Array {
  return drawRing(options)(n, mulberry32(seed));
}

export interface MoonsOptions {
  /** std of the Gaussian noise added to each coordinate, before scaling (scikit-learn's `noise`) */
  noise?: number;
  /** the moons are centred on the origin and then multiplied by this */
  scale?: number;
}

function drawMoons({ noise = 0.05, scale = 1.5 }: MoonsOptions): Draw {
  return pointwise((i, random, normal) => {
    const t = Math.PI * random();
    // scikit-learn's make_moons: the upper arc (cos t, sin t), the lower arc (1 − cos t, ½ − sin t)
    const upper = i % 2 === 0;
    const x = upper ? Math.cos(t) : 1 - Math.cos(t);
    const y = upper ? Math.sin(t) : 0.5 - Math.sin(t);
    // centre the pair's bounding box [-1, 2] × [-½, 1] on the origin
    return [scale * (x - 0.5 + noise * normal()), scale * (y - 0.25 + noise * normal())];
  });
}

/**
 * Two interleaving half circles (scikit-learn's `make_moons`), centred and scaled. Even rows lie on
 * the upper moon, odd rows on the lower one. Without noise, with scale s, the upper moon fills
 * [-1.5s, 0.5s] × [-0.25s, 0.75s] and the lower one [-0.5s, 1.5s] × [-0.75s, 0.25s].
 * Defaults: noise 0.05, scale 1.5.
 * @returns [n, 2]
 */
export function twoMoons(n: number, seed: number, options: MoonsOptions = {}): Float32Array {
  return drawMoons(options)(n, mulberry32(seed));
}

export interface SpiralOptions {
  /** how many times the arm winds around the origin */
  turns?: number;
  /** distance from the origin at the arm's outer end */
  radius?: number;
  /** std of the Gaussian noise added to each coordinate */
  noise?: number;
}

function drawSpiral({ turns = 1.5, radius = 2.5, noise = 0.05 }: SpiralOptions): Draw {
  return pointwise((_, random, normal) => {
    // An Archimedean spiral r = radius·t, angle = 2π·turns·t. Its arc length grows like t², so
    // t = √u spreads the points about evenly along the arm instead of crowding the centre.
    const t = Math.sqrt(random());
    const angle = 2 * Math.PI * turns * t;
    return [radius * t * Math.cos(angle) + noise * normal(), radius * t * Math.sin(angle) + noise * normal()];
  });
}

/**
 * One arm of an Archimedean spiral from the origin outwards, with Gaussian noise: a thin curved
 * manifold, hard to cover without gaps. Defaults: 1.5 turns, radius 2.5, noise 0.05.
 * @returns [n, 2]
 */
export function spiral(n: number, seed: number, options: SpiralOptions = {}): Float32Array {
  return drawSpiral(options)(n, mulberry32(seed));
}

export interface DrawnOptions {
  /** std of the Gaussian blur around each drawn point */
  std?: number;
}

function drawFromPoints(points: ArrayLike<number>, { std = 0.05 }: DrawnOptions): Draw {
  const count = Math.floor(points.length / 2);
  if (count === 0 || points.length % 2 !== 0) {
    throw new Error(`fromPoints: expected a non-empty [m, 2] array of coordinates, got ${points.length} numbers`);
  }
  return pointwise((_, random, normal) => {
    const j = Math.floor(random() * count);
    return [points[2 * j]! + std * normal(), points[2 * j + 1]! + std * normal()];
  });
}

/**
 * A distribution drawn by the reader: each sample is one of the drawn points, picked uniformly,
 * plus N(0, std²) noise on each axis (a Gaussian kernel density estimate of the drawing).
 * @param points the drawn points, [m, 2] row-major, m ≥ 1
 * @returns [n, 2]
 */
export function fromPoints(
  points: ArrayLike<number>,
  n: number,
  seed: number,
  options: DrawnOptions = {},
): Float32Array {
  return drawFromPoints(points, options)(n, mulberry32(seed));
}

/** The targets with a name and no reader input; the drawn one is `{ kind: 'drawn', points }`. */
export type TargetName = 'ring' | 'moons' | 'spiral';

export interface TargetInfo {
  /** n points with default options, [n, 2] */
  sample: (n: number, seed: number) => Float32Array;
}

/** The named targets with their default options. */
export const TARGETS: Record<TargetName, TargetInfo> = {
  ring: { sample: (n, seed) => ringOfGaussians(n, seed) },
  moons: { sample: (n, seed) => twoMoons(n, seed) },
  spiral: { sample: (n, seed) => spiral(n, seed) },
};

/** A target with its options, as presets and the lab's state store it (plain data). */
export type TargetSpec =
  | ({ kind: 'ring' } & RingOptions)
  | ({ kind: 'moons' } & MoonsOptions)
  | ({ kind: 'spiral' } & SpiralOptions)
  | ({ kind: 'drawn'; points: ArrayLike<number> } & DrawnOptions);

function drawFor(spec: TargetSpec): Draw {
  switch (spec.kind) {
    case 'ring':
      return drawRing(spec);
    case 'moons':
      return drawMoons(spec);
    case 'spiral':
      return drawSpiral(spec);
    case 'drawn':
      return drawFromPoints(spec.points, spec);
    default: {
      const unknown: never = spec;
      throw new Error(`unknown target ${JSON.stringify(unknown)}`);
    }
  }
}

/** n points of a target, [n, 2]; the same as calling its sampler with the same seed. */
export function sampleTarget(spec: TargetSpec, n: number, seed: number): Float32Array {
  return drawFor(spec)(n, mulberry32(seed));
}

/**
 * An endless supply of fresh real batches (the lab never reuses a batch: infinite data, so any
 * failure to learn is the GAN's, not overfitting). Successive calls continue one seeded stream.
 * @returns a function giving a new [n, 2] batch at each call
 */
export function targetStream(spec: TargetSpec, seed: number): (n: number) => Float32Array {
  const draw = drawFor(spec);
  const random = mulberry32(seed);
  return (n) => draw(n, random);
}
