/**
 * What a 2-D GAN is made of and how it is trained, as plain data (no TensorFlow.js): the presets,
 * the lab's controls and `createGan2d` all read these types, so they cannot disagree.
 */
import type { GeneratorLoss } from './losses';

export type { GeneratorLoss };

export type Activation = 'leakyRelu' | 'relu' | 'tanh';

/** The architecture and the two optimizers: everything that is fixed when the GAN is built. */
export interface Gan2dConfig {
  /** size of the noise vector z ~ N(0, I) */
  noiseDim: number;
  /** widths of the generator's hidden layers, e.g. [32, 32] */
  generatorHidden: readonly number[];
  /** widths of the discriminator's hidden layers */
  discriminatorHidden: readonly number[];
  /** hidden-layer activation of both networks (leaky ReLU with slope 0.2, as in DCGAN) */
  activation: Activation;
  /** Adam learning rate of the discriminator (can be changed during a run: `setLearningRates`) */
  dLearningRate: number;
  /** Adam learning rate of the generator */
  gLearningRate: number;
  /** Adam's β1 for both optimizers (DCGAN: 0.5; Adam's default 0.9 makes the game oscillate more) */
  beta1: number;
  /** size of one sample: 2 for points of the plane (the default), 784 for a 28 × 28 image */
  dataDim?: number;
  /**
   * the generator's last activation: 'linear' (the default; points of the plane) or 'tanh'
   * (images, whose pixels are rescaled to [−1, 1] as in DCGAN)
   */
  outputActivation?: 'linear' | 'tanh';
}

/** The size of one sample. */
export const dataDimOf = (config: Gan2dConfig): number => config.dataDim ?? 2;

export const DEFAULT_GAN_CONFIG: Gan2dConfig = {
  noiseDim: 8,
  generatorHidden: [32, 32],
  discriminatorHidden: [32, 32],
  activation: 'leakyRelu',
  dLearningRate: 1e-3,
  gLearningRate: 1e-3,
  beta1: 0.5,
};

/** How one training iteration alternates the two players. */
export interface TrainingSchedule {
  loss: GeneratorLoss;
  /** discriminator steps per iteration (the "k" of Goodfellow et al.'s algorithm 1) */
  dSteps: number;
  /** generator steps per iteration */
  gSteps: number;
  /** real and fake points per step */
  batchSize: number;
}

/** A rectangle of the plane cut into nx × ny cells (the discriminator's heat map). */
export interface Grid {
  xMin: number;
  xMax: number;
  yMin: number;
  yMax: number;
  nx: number;
  ny: number;
}

/** The plane the 2-D lab draws; D's surface is computed on this grid. */
export const PLANE_GRID: Grid = { xMin: -3.5, xMax: 3.5, yMin: -3.5, yMax: 3.5, nx: 40, ny: 40 };
