/**
 * The GAN lab's presets as data (no TensorFlow.js): one run that converges and two that fail in
 * the two classic ways. All three train on the same ring of 8 Gaussians (radius 2, std 0.1) with
 * the same networks, and each failure changes as little as possible from the converging run, so
 * the reader can blame the one knob that differs:
 *
 *   converges      lr_D = lr_G = 3e-3, Adam β1 = 0.5, D:G = 1:1, non-saturating loss
 *   mode-collapse  the same, but D:G = 1:5
 *   oscillation    the same, but lr_D = lr_G = 1e-2 and β1 = 0.9
 *
 * Their behaviour is measured, not assumed: `presets.test.ts` trains the converging run; the numbers
 * for all three (seeds 1–3, CPU backend, 1.4–1.6 s per 100 iterations for a 1:1 schedule on a busy
 * 2-core machine, 3.6–4.0 s for 1:5) are in the comments below.
 */
import { DEFAULT_GAN_CONFIG, type Gan2dConfig, type TrainingSchedule } from './gan-config';
import type { TargetSpec } from './targets';

export type PresetName = 'converges' | 'mode-collapse' | 'oscillation';

/** Why each preset behaves as it does is said in the UI strings: `gan.preset.<name>.why` in src/i18n. */
export interface GanPreset {
  target: TargetSpec;
  config: Gan2dConfig;
  schedule: TrainingSchedule;
  /** iterations (each: schedule.dSteps D steps, then schedule.gSteps G steps) after which the behaviour is plain */
  iterations: number;
}

/** The ring all presets train on: 8 modes, radius 2, std 0.1. */
export const PRESET_TARGET: TargetSpec = { kind: 'ring', modes: 8, radius: 2, std: 0.1 };

const converges: GanPreset = {
  target: PRESET_TARGET,
  config: { ...DEFAULT_GAN_CONFIG, dLearningRate: 3e-3, gLearningRate: 3e-3, beta1: 0.5 },
  schedule: { loss: 'non-saturating', dSteps: 1, gSteps: 1, batchSize: 128 },
  // Measured (seeds 1–3; 1,000 generated points against 2,000 of the ring; a mode is covered when
  // ≥ 20 % of its fair share lies within 4 std of its centre): sliced W1 0.98–1.08 at the start,
  // 0.16–0.19 after 400 iterations, 0.12–0.15 after 600; 7–8 of 8 modes covered at 400, 8 at 600;
  // the cloud's spread (RMS distance to its centroid) 2.0 like the ring's, its centroid within 0.45
  // of the origin; over the last 100 iterations mean D(x) 0.54–0.56 and mean D(G(z)) 0.44–0.46.
  iterations: 600,
};

const modeCollapse: GanPreset = {
  ...converges,
  schedule: { ...converges.schedule, gSteps: 5 },
  // Measured (seeds 1–3, as above): from iteration 100 on the spread averages 0.64–0.91 (the ring:
  // 2.0), at most 1–3 of 8 modes are covered at any checkpoint (mostly 0 or 1: the clump often sits
  // between or beyond the modes), sliced W1 never drops below 0.63 and the centroid wanders up to
  // 2.2–5.0 from the origin. Mean D(x) ≈ D(G(z)) ≈ 0.50 here: D ≈ ½ alone is no proof of success.
  iterations: 300,
};

const oscillation: GanPreset = {
  ...converges,
  config: { ...converges.config, dLearningRate: 1e-2, gLearningRate: 1e-2, beta1: 0.9 },
  // Measured (seeds 1–3, as above): after iteration 200 sliced W1 swings between 0.69 and 1.8–3.4
  // and never settles, the spread between 0.24 and 5.5, the centroid out to 2.7–5.3 from the origin
  // (converging: ≤ 0.45); at most 2 modes covered; the D loss averaged over 25 iterations swings
  // with a std of 0.17–0.21 (converging: 0.03–0.07).
  iterations: 600,
};

/**
 * The 2-D lab's default pace: each iteration takes at least this long, so a run can be watched
 * (the converging preset's 600 iterations take about 30 s instead of a few seconds on a laptop CPU).
 */
export const WATCHABLE_ITERATION_MS = 50;

export const PRESETS: Record<PresetName, GanPreset> = {
  converges,
  'mode-collapse': modeCollapse,
  oscillation,
};

/**
 * Digits from noise: the MLP GAN the digits lab trains on 28 × 28 images rescaled to [−1, 1]
 * (G 238,736 parameters, D 233,985).
 *
 * Chosen by measurement (a helper's sweep in Node on WASM, seeds 1–2; quality scored by a small CNN
 * at 98.4 % test accuracy, as mean max-probability / share above 0.9 / classes with ≥ 3 % of 1,000
 * samples; real test digits score 0.98 / 0.95 / 10):
 *   this config, lr 2e-3:        500 it .72–.74/.28–.34/8   1,500 it .76–.79/.37–.41/10   3,000 it .82/.49/10
 *   lr 1e-3:                     500 it .67/.22/8           1,500 it .72/.23/9
 *   lr 2e-4 (DCGAN's):           3,000 it .69/.21, collapsing towards 3 and 8
 *   G [128] / D [128]:           1,500 it .73/.28/10, blurrier
 *   G [256, 512] / D [512, 256]: no better per iteration, 2× the time
 * Recognisable shapes at ~250 iterations, readable digits of all ten classes at 1,500, cleaner at 3,000.
 */
export const DIGITS_PRESET: { config: Gan2dConfig; batchSize: number; iterations: number; seed: number } = {
  config: {
    ...DEFAULT_GAN_CONFIG,
    noiseDim: 32,
    generatorHidden: [128, 256],
    discriminatorHidden: [256, 128],
    // leaky ReLU and β1 = 0.5 as in the defaults
    dLearningRate: 2e-3,
    gLearningRate: 2e-3,
    dataDim: 784,
    outputActivation: 'tanh',
  },
  batchSize: 64,
  // about 1.5 minutes in Chromium on WASM with 2 threads (bench: 32 iterations/s)
  iterations: 3000,
  /** the seed the lab starts with, and the one the chapter's timings were measured with */
  seed: 1,
};
