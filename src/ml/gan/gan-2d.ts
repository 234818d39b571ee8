/**
 * A GAN on points of the plane, small enough to train live in the worker and to draw whole: a
 * generator MLP (noise z ∈ ℝ^noiseDim → a point in ℝ²) and a discriminator MLP (a point → one logit
 * ℓ, D = σ(ℓ)), each with its own Adam optimizer, trained by alternating steps. The same code
 * trains the digits-from-noise lab: with `dataDim: 784` and a tanh output the "points" are 28 × 28
 * images in [−1, 1] (the plane-only read-outs, `decisionSurface` and `generatorArrows`, then do not
 * apply).
 *
 * Lifecycle: `createGan2d(config, seed)` allocates the variables (the caller owns them), then any
 * number of `discriminatorStep` / `generatorStep` / `trainIteration` calls (Adam makes its moment
 * slots on the first step of each network), read-outs (`sample`, `decisionSurface`,
 * `generatorArrows`), and finally `disposeGan(gan)`, which frees every tensor the GAN made.
 * Steps and read-outs return plain numbers and typed arrays, never tensors, and leave the tensor
 * count unchanged (tidy → await → dispose).
 *
 * Reproducible: the initial weights and both noise streams come from mulberry32 in JavaScript,
 * not from the backend's RNG, so one seed gives the same run on every backend (up to the backend's
 * float rounding). Training noise and display noise are separate streams: however often the page
 * asks for a picture, the training run is the same.
 *
 * The networks are plain variables and matrix products rather than tf.layers models: a few
 * lines, no layer bookkeeping, and the gradient with respect to the INPUT point (the generator's
 * arrows) is one tf.grad away.
 */
import * as tf from '@tensorflow/tfjs';
import { mulberry32 } from '../random';
import { dataDimOf, type Activation, type Gan2dConfig, type Grid, type TrainingSchedule } from './gan-config';
import { discriminatorLoss, generatorLoss, type GeneratorLoss } from './losses';
import { normalSampler } from './targets';

export * from './gan-config';

/** One dense layer's weights: kernel [in, out], bias [out]. */
interface Dense {
  kernel: tf.Variable;
  bias: tf.Variable;
}

/** A multilayer perceptron: activation after every layer but the last, which is linear. */
export interface Mlp {
  layers: Dense[];
  activation: Activation;
  /** applied after the last layer (default none) */
  output?: 'linear' | 'tanh';
}

export interface Gan2d {
  readonly config: Gan2dConfig;
  /** z [n, noiseDim] → samples [n, dataDim] (points [n, 2]) */
  readonly generator: Mlp;
  /** samples [n, dataDim] → logits [n, 1] */
  readonly discriminator: Mlp;
  readonly dOptimizer: tf.AdamOptimizer;
  readonly gOptimizer: tf.AdamOptimizer;
  /** N(0, 1) numbers for the training steps' noise */
  readonly trainingNoise: () => number;
  /** N(0, 1) numbers for `sample(gan, n)` and `generatorArrows(gan, n)` */
  readonly displayNoise: () => number;
}

/** Glorot-uniform (Keras's default) kernels drawn from `random`, zero biases. */
function createMlp(
  sizes: readonly number[],
  activation: Activation,
  random: () => number,
  output: 'linear' | 'tanh' = 'linear',
): Mlp {
  const layers: Dense[] = [];
  for (let i = 0; i + 1 < sizes.length; i++) {
    const fanIn = sizes[i]!;
    const fanOut = sizes[i + 1]!;
    const limit = Math.sqrt(6 / (fanIn + fanOut));
    const values = new Float32Array(fanIn * fanOut);
    for (let j = 0; j < values.length; j++) values[j] = (2 * random() - 1) * limit;
    // tidy frees the initial values; the variables hold copies and survive it
    layers.push({
      kernel: tf.tidy(() => tf.variable(tf.tensor2d(values, [fanIn, fanOut]), true)),
      bias: tf.tidy(() => tf.variable(tf.zeros([fanOut]), true)),
    });
  }
  return { layers, activation, output };
}

function activate(x: tf.Tensor2D, activation: Activation): tf.Tensor2D {
  switch (activation) {
    case 'leakyRelu':
      return tf.leakyRelu(x, 0.2);
    case 'relu':
      return tf.relu(x);
    case 'tanh':
      return tf.tanh(x);
    default: {
      const unknown: never = activation;
      throw new Error(`unknown activation ${String(unknown)}`);
    }
  }
}

/**
 * Runs an MLP forward. Call inside a tf.tidy (or a gradient function): the intermediate tensors
 * are not disposed here.
 * @param x [n, inputs]
 * @returns [n, outputs]
 */
export function applyMlp(mlp: Mlp, x: tf.Tensor2D): tf.Tensor2D {
  let h = x;
  mlp.layers.forEach((layer, i) => {
    h = tf.add(tf.matMul(h, layer.kernel as tf.Tensor2D), layer.bias) as tf.Tensor2D;
    if (i + 1 < mlp.layers.length) h = activate(h, mlp.activation);
  });
  return mlp.output === 'tanh' ? tf.tanh(h) : h;
}

function variablesOf(mlp: Mlp): tf.Variable[] {
  return mlp.layers.flatMap((layer) => [layer.kernel, layer.bias]);
}

/** Number of weights and biases of an MLP (for the lab's summary). */
export function parameterCount(mlp: Mlp): number {
  return variablesOf(mlp).reduce((sum, v) => sum + v.size, 0);
}

/**
 * Builds the two networks and their optimizers.
 * @param seed initial weights and both noise streams
 * @returns a GAN whose tensors the caller frees with `disposeGan`
 */
export function createGan2d(config: Gan2dConfig, seed: number): Gan2d {
  const init = mulberry32(seed);
  // the generator first, then the discriminator, so a change of D's widths keeps G's initial weights
  const dim = dataDimOf(config);
  const generator = createMlp(
    [config.noiseDim, ...config.generatorHidden, dim],
    config.activation,
    init,
    config.outputActivation,
  );
  const discriminator = createMlp([dim, ...config.discriminatorHidden, 1], config.activation, init);
  return {
    config,
    generator,
    discriminator,
    dOptimizer: tf.train.adam(config.dLearningRate, config.beta1) as tf.AdamOptimizer,
    gOptimizer: tf.train.adam(config.gLearningRate, config.beta1) as tf.AdamOptimizer,
    trainingNoise: normalSampler(mulberry32(seed ^ 0x5bd1e995)),
    displayNoise: normalSampler(mulberry32(seed ^ 0x27d4eb2f)),
  };
}

/** Frees every tensor of the GAN: both networks' variables and both optimizers' state. */
export function disposeGan(gan: Gan2d): void {
  tf.dispose([...variablesOf(gan.generator), ...variablesOf(gan.discriminator)]);
  gan.dOptimizer.dispose();
  gan.gOptimizer.dispose();
}

/**
 * Changes the learning rates in the middle of a run; Adam's moments are kept.
 * tfjs's Adam reads `this.learningRate` on every step; the field is only declared protected.
 */
export function setLearningRates(gan: Gan2d, rates: { d?: number; g?: number }): void {
  if (rates.d !== undefined) (gan.dOptimizer as unknown as { learningRate: number }).learningRate = rates.d;
  if (rates.g !== undefined) (gan.gOptimizer as unknown as { learningRate: number }).learningRate = rates.g;
}

/** n noise vectors from a stream, [n, noiseDim]. */
function drawNoise(normal: () => number, n: number, noiseDim: number): Float32Array {
  const z = new Float32Array(n * noiseDim);
  for (let i = 0; i < z.length; i++) z[i] = normal();
  return z;
}

/**
 * A fixed set of noise vectors, e.g. for drawing the same generated points after every step, so
 * the reader sees each point move instead of a fresh cloud.
 * @returns [n, noiseDim]
 */
export function fixedNoise(noiseDim: number, n: number, seed: number): Float32Array {
  return drawNoise(normalSampler(mulberry32(seed)), n, noiseDim);
}

function noiseTensor(gan: Gan2d, zOrN: Float32Array | number): tf.Tensor2D {
  const { noiseDim } = gan.config;
  if (typeof zOrN === 'number') return tf.tensor2d(drawNoise(gan.displayNoise, zOrN, noiseDim), [zOrN, noiseDim]);
  if (zOrN.length % noiseDim !== 0) {
    throw new Error(`expected noise of shape [n, ${noiseDim}], got ${zOrN.length} numbers`);
  }
  return tf.tensor2d(zOrN, [zOrN.length / noiseDim, noiseDim]);
}

/** Reads a tensor made in a tidy and frees it. */
async function readAndDispose(t: tf.Tensor): Promise<Float32Array> {
  try {
    return (await t.data()) as Float32Array;
  } finally {
    t.dispose();
  }
}

/**
 * One optimizer step of one player, and its numbers read back in a single transfer. `prepare`
 * runs inside a tidy but outside the minimised function (what it computes gets no gradient) and
 * returns the objective: the loss to minimise and the batch means to report with it.
 * @returns [loss, ...means], before the update
 */
async function stepAndRead(
  optimizer: tf.Optimizer,
  player: Mlp,
  name: string,
  prepare: () => () => { loss: tf.Scalar; means: tf.Tensor1D },
): Promise<Float32Array> {
  let means: tf.Tensor | undefined;
  const packed = tf.tidy(() => {
    const objective = prepare();
    const loss = optimizer.minimize(
      () => {
        const result = objective();
        // kept past minimize's own tidy; disposed below
        means = tf.keep(result.means);
        return result.loss;
      },
      true,
      variablesOf(player),
    );
    if (!loss || !means) throw new Error(`${name}: the optimizer returned no loss`);
    return tf.concat([tf.reshape(loss, [1]), means]);
  });
  means?.dispose();
  return readAndDispose(packed);
}

export interface DiscriminatorStepResult {
  /** −[mean log D(x) + mean log(1 − D(G(z)))] on this batch, before the update (2 ln 2 at D ≡ ½) */
  loss: number;
  /** mean D(x) over the real batch */
  meanDReal: number;
  /** mean D(G(z)) over the fake batch */
  meanDFake: number;
}

/**
 * One Adam step of the discriminator on a real batch and as many fresh generated points (the
 * generator is held fixed: only D's variables are updated).
 * @param realBatch real samples [n, dataDim] (points [n, 2])
 */
export async function discriminatorStep(gan: Gan2d, realBatch: Float32Array): Promise<DiscriminatorStepResult> {
  const dim = dataDimOf(gan.config);
  const n = realBatch.length / dim;
  const { noiseDim } = gan.config;
  const z = drawNoise(gan.trainingNoise, n, noiseDim);
  const [loss, meanDReal, meanDFake] = await stepAndRead(gan.dOptimizer, gan.discriminator, 'discriminatorStep', () => {
    const real = tf.tensor2d(realBatch, [n, dim]);
    // computed outside the minimised function, so no gradient reaches the generator
    const fake = applyMlp(gan.generator, tf.tensor2d(z, [n, noiseDim]));
    return () => {
      const realLogits = applyMlp(gan.discriminator, real);
      const fakeLogits = applyMlp(gan.discriminator, fake);
      return {
        loss: discriminatorLoss(realLogits, fakeLogits),
        means: tf.stack([tf.mean(tf.sigmoid(realLogits)), tf.mean(tf.sigmoid(fakeLogits))]) as tf.Tensor1D,
      };
    };
  });
  return { loss: loss!, meanDReal: meanDReal!, meanDFake: meanDFake! };
}

export interface GeneratorStepResult {
  /** the generator's loss on this batch, before the update ('minimax': −ln 2, 'non-saturating': ln 2 at D = ½) */
  loss: number;
  /** mean D(G(z)) over the batch, before the update */
  meanDFake: number;
}

/**
 * One Adam step of the generator on `batchSize` fresh noise vectors, through the fixed
 * discriminator (only G's variables are updated).
 */
export async function generatorStep(gan: Gan2d, batchSize: number, loss: GeneratorLoss): Promise<GeneratorStepResult> {
  const { noiseDim } = gan.config;
  const z = drawNoise(gan.trainingNoise, batchSize, noiseDim);
  const [lossValue, meanDFake] = await stepAndRead(gan.gOptimizer, gan.generator, 'generatorStep', () => {
    const noise = tf.tensor2d(z, [batchSize, noiseDim]);
    return () => {
      const logits = applyMlp(gan.discriminator, applyMlp(gan.generator, noise));
      return { loss: generatorLoss(logits, loss), means: tf.reshape(tf.mean(tf.sigmoid(logits)), [1]) as tf.Tensor1D };
    };
  });
  return { loss: lossValue!, meanDFake: meanDFake! };
}

export interface IterationResult {
  /** the last discriminator step's numbers (undefined when dSteps is 0) */
  d?: DiscriminatorStepResult;
  /** the last generator step's numbers (undefined when gSteps is 0) */
  g?: GeneratorStepResult;
}

/**
 * One iteration: `dSteps` discriminator steps, each on a fresh real batch from `nextReal`, then
 * `gSteps` generator steps. With dSteps = gSteps = 1 this is the lab's "step" button.
 * @param nextReal gives a fresh real batch [n, 2], e.g. `targetStream(spec, seed)`
 */
export async function trainIteration(
  gan: Gan2d,
  nextReal: (n: number) => Float32Array,
  schedule: TrainingSchedule,
): Promise<IterationResult> {
  const result: IterationResult = {};
  for (let i = 0; i < schedule.dSteps; i++) result.d = await discriminatorStep(gan, nextReal(schedule.batchSize));
  for (let i = 0; i < schedule.gSteps; i++) result.g = await generatorStep(gan, schedule.batchSize, schedule.loss);
  return result;
}

/**
 * Generated points.
 * @param zOrN noise [n, noiseDim] (e.g. from `fixedNoise`), or a count n to draw fresh display noise
 * @returns G(z), [n, 2]
 */
export async function sample(gan: Gan2d, zOrN: Float32Array | number): Promise<Float32Array> {
  return readAndDispose(tf.tidy(() => applyMlp(gan.generator, noiseTensor(gan, zOrN))));
}

/**
 * The discriminator's verdict D(x) = σ(ℓ(x)) at the centre of every cell of a grid: the lab's
 * background heat map.
 * @returns [ny, nx] row-major: entry j·nx + i is at x = xMin + (i + ½)·(xMax − xMin)/nx,
 *   y = yMin + (j + ½)·(yMax − yMin)/ny (row 0 is the BOTTOM row; a canvas draws it last)
 */
export async function decisionSurface(gan: Gan2d, grid: Grid): Promise<Float32Array> {
  const { xMin, xMax, yMin, yMax, nx, ny } = grid;
  const points = new Float32Array(nx * ny * 2);
  for (let j = 0; j < ny; j++) {
    const y = yMin + ((j + 0.5) * (yMax - yMin)) / ny;
    for (let i = 0; i < nx; i++) {
      points[2 * (j * nx + i)] = xMin + ((i + 0.5) * (xMax - xMin)) / nx;
      points[2 * (j * nx + i) + 1] = y;
    }
  }
  return readAndDispose(
    tf.tidy(() => tf.reshape(tf.sigmoid(applyMlp(gan.discriminator, tf.tensor2d(points, [nx * ny, 2]))), [-1])),
  );
}

/**
 * What an arrow shows, per generated point x = G(z):
 * 'discriminator': ∇ₓ D(x), the direction in which D finds x more real;
 * a generator loss: −∇ₓ of that loss's per-sample term, the push the generator actually gets at x
 *   ('non-saturating': ∇ₓ log D(x) = ∇ₓℓ·(1 − D); 'minimax': −∇ₓ log(1 − D(x)) = ∇ₓℓ·D, which
 *   fades where D(x) ≈ 0: the saturation, drawn).
 * All three point the same way (along ∇ₓℓ); only their lengths differ.
 */
export type ArrowKind = 'discriminator' | GeneratorLoss;

/**
 * Arrows for the generator's gradient at a few generated points.
 * @param zOrN noise [n, noiseDim] or a count n of fresh display noise
 * @returns [n, 4] row-major: (x, y, dx, dy) with (x, y) = G(z) and (dx, dy) the arrow
 */
export async function generatorArrows(
  gan: Gan2d,
  zOrN: Float32Array | number,
  kind: ArrowKind = 'discriminator',
): Promise<Float32Array> {
  const packed = tf.tidy(() => {
    const points = applyMlp(gan.generator, noiseTensor(gan, zOrN));
    // the sum over points of a per-point quantity: its gradient row i is that point's own gradient
    const perPoint = (x: tf.Tensor): tf.Tensor => {
      const logits = applyMlp(gan.discriminator, x as tf.Tensor2D);
      if (kind === 'discriminator') return tf.sum(tf.sigmoid(logits));
      if (kind === 'non-saturating') return tf.neg(tf.sum(tf.softplus(tf.neg(logits)))); // Σ log D
      return tf.sum(tf.softplus(logits)); // −Σ log(1 − D)
    };
    const gradient = tf.grad(perPoint)(points);
    return tf.concat([points, gradient], 1);
  });
  return readAndDispose(packed);
}
