/**
 * A GAN run in the training worker: the worker's TrainingSession hands it every `gan-*` message and
 * the run controls (pause, resume, step, stop, reset), so a GAN lab gets the same backend choice,
 * states, errors, crash handling and tensor accounting as every other lab.
 *
 *   gan-start   reset; state 'loading' (images: the dataset's verified download); build the GAN;
 *               state 'training'; after every iteration a 'progress' (iteration i of n, iterations
 *               per second, D loss), and a few times a second a 'gan-frame' with the fixed-noise
 *               samples (for the plane also D's surface, the generator's arrows and the distance to
 *               the target); at the end 'done'
 *   pause / resume / stop        as for any run; 'step' trains one iteration while paused
 *   gan-step    while paused: one discriminator step or one generator step, then a frame
 *   gan-set     learning rates, D:G ratio and loss, from the next step on
 *   gan-walk    samples along a latent walk (a 'snapshot' of kind 'walk')
 *   gan-save / gan-load          the generator as a layers model (IndexedDB or files)
 *   reset       stops the run and frees every tensor of the GAN
 */
import * as tf from '@tensorflow/tfjs';
import type { ImageArrays } from '../data/image-source';
import { modelFromFiles, modelToFiles, ModelFileError } from '../models/model-files';
import { mulberry32 } from '../random';
import type { DatasetRef, FromWorker, GanJob, GanSettings, LabState, ToWorker } from '../worker/protocol';
import { classify } from '../worker/training-loop';
import {
  createGan2d,
  decisionSurface,
  discriminatorStep,
  disposeGan,
  fixedNoise,
  generatorArrows,
  generatorStep,
  sample,
  setLearningRates,
  type Gan2d,
} from './gan-2d';
import { DEFAULT_GAN_CONFIG, PLANE_GRID, type TrainingSchedule } from './gan-config';
import { assignWeights, mlpToLayersModel, readGeneratorModel } from './generator-model';
import { latentWalk } from './latent';
import { modeCoverage, slicedWasserstein } from './sample-distance';
import { ringCentres, sampleTarget, targetStream, type TargetSpec } from './targets';

export interface GanSessionDeps {
  post: (message: FromWorker) => void;
  /** the dataset's images and labels, downloaded and verified (TrainingSession's loader) */
  loadImages: (runId: number, dataset: DatasetRef) => Promise<{ train: ImageArrays; test: ImageArrays }>;
  /** whether the page is visible (no pictures while it is hidden; training goes on) */
  visible: () => boolean;
  now?: () => number;
  /** milliseconds between two frames while training (default 150 for points, 400 for images) */
  frameIntervalMs?: number;
}

/** target points the shown samples are compared with (large, so the distance's noise is small) */
const REFERENCE_POINTS = 2000;
/** arrows drawn on the first few of the shown points */
const ARROWS = 24;

type Action = 'iteration' | 'd' | 'g';

interface GanRun {
  runId: number;
  job: GanJob;
  gan: Gan2d | undefined;
  schedule: TrainingSchedule;
  nextReal: ((n: number) => Float32Array) | undefined;
  /** the fixed noise whose samples are shown, [show, noiseDim] */
  shownNoise: Float32Array;
  reference?: Float32Array;
  centres?: Float32Array;
  coverRadius?: number;
  iteration: number;
  paused: boolean;
  stopped: boolean;
  cancelled: boolean;
  pending: Action[];
  wake: (() => void) | undefined;
  finished: Promise<unknown>;
  /** rows of GanFrame.stats not yet sent */
  stats: number[];
  /** a frame was posted since the last pause */
  framedPause: boolean;
  /** the least milliseconds an iteration takes (a watchable pace); 0: full speed */
  minIterationMs: number;
}

const yieldToEventLoop = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/** A pace in milliseconds per iteration, kept between 0 (full speed) and one second. */
const pace = (ms: number | undefined) =>
  ms !== undefined && Number.isFinite(ms) ? Math.min(1000, Math.max(0, ms)) : 0;

/** Real images as a sampler of [n, 784] batches in [−1, 1], drawn with replacement from a seeded stream. */
export function imageStream(arrays: ImageArrays, seed: number, limit?: number): (n: number) => Float32Array {
  const [h, w, c] = arrays.imageShape;
  const per = h * w * c;
  const count = Math.min(limit ?? Infinity, arrays.labels.length);
  const random = mulberry32(seed);
  return (n) => {
    const out = new Float32Array(n * per);
    for (let i = 0; i < n; i++) {
      const at = Math.floor(random() * count) * per;
      for (let j = 0; j < per; j++) out[i * per + j] = arrays.images[at + j]! / 127.5 - 1;
    }
    return out;
  };
}

export class GanSession {
  #run: GanRun | undefined;
  readonly #deps: GanSessionDeps;

  constructor(deps: GanSessionDeps) {
    this.#deps = deps;
  }

  get active(): boolean {
    return this.#run !== undefined;
  }

  #now(): number {
    return (this.#deps.now ?? (() => performance.now()))();
  }

  #setState(run: GanRun, state: LabState): void {
    this.#deps.post({ type: 'state', runId: run.runId, state });
  }

  /** Pause, resume, step (one iteration) and stop for the current GAN run; other runs' ids are ignored. */
  control(type: 'pause' | 'resume' | 'step' | 'stop', runId: number): void {
    const run = this.#run;
    if (!run || run.runId !== runId) return;
    switch (type) {
      case 'pause':
        if (!run.paused && !run.stopped) {
          run.paused = true;
          run.framedPause = false;
          this.#setState(run, 'paused');
        }
        break;
      case 'resume':
        if (run.paused) {
          run.paused = false;
          this.#setState(run, 'training');
          this.#wakeUp(run);
        }
        break;
      case 'step':
        if (run.paused) {
          run.pending.push('iteration');
          this.#wakeUp(run);
        }
        break;
      case 'stop':
        run.stopped = true;
        this.#wakeUp(run);
        break;
    }
  }

  /** Waits `ms`, or less if the run is stopped, paused or stepped meanwhile. */
  #sleep(run: GanRun, ms: number): Promise<void> {
    return new Promise<void>((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        if (run.wake === done) run.wake = undefined;
        resolve();
      }
      run.wake ??= done;
    });
  }

  #wakeUp(run: GanRun): void {
    const wake = run.wake;
    run.wake = undefined;
    wake?.();
  }

  /** Stops the run and frees the GAN. Posts 'idle' if there was a run. */
  async reset(): Promise<boolean> {
    const run = this.#run;
    this.#run = undefined;
    if (!run) return false;
    run.cancelled = true;
    run.stopped = true;
    this.#wakeUp(run);
    await run.finished.catch(() => {});
    if (run.gan) disposeGan(run.gan);
    run.gan = undefined;
    this.#setState(run, 'idle');
    return true;
  }

  async handle(
    message: Extract<ToWorker, { type: 'gan-start' | 'gan-step' | 'gan-set' | 'gan-walk' | 'gan-save' | 'gan-load' }>,
  ): Promise<void> {
    switch (message.type) {
      case 'gan-start':
        return this.#start(message.runId, message.job);
      case 'gan-step': {
        const run = this.#run;
        if (run?.runId === message.runId && run.paused) {
          run.pending.push(message.player);
          this.#wakeUp(run);
        }
        return;
      }
      case 'gan-set':
        if (this.#run?.runId === message.runId) this.#apply(this.#run, message.settings);
        return;
      case 'gan-walk':
        return this.#walk(message);
      case 'gan-save':
        return this.#save(message);
      case 'gan-load':
        return this.#load(message);
      default: {
        const unreachable: never = message;
        throw new Error(`unhandled ${JSON.stringify(unreachable)}`);
      }
    }
  }

  #apply(run: GanRun, settings: GanSettings): void {
    const positive = (v: number | undefined) => v !== undefined && Number.isFinite(v) && v > 0;
    const steps = (v: number | undefined) => v !== undefined && Number.isInteger(v) && v >= 1 && v <= 100;
    if (run.gan) {
      setLearningRates(run.gan, {
        ...(positive(settings.dLearningRate) ? { d: settings.dLearningRate } : {}),
        ...(positive(settings.gLearningRate) ? { g: settings.gLearningRate } : {}),
      });
    }
    if (steps(settings.dSteps)) run.schedule.dSteps = settings.dSteps!;
    if (steps(settings.gSteps)) run.schedule.gSteps = settings.gSteps!;
    if (settings.loss === 'minimax' || settings.loss === 'non-saturating') run.schedule.loss = settings.loss;
    if (settings.minIterationMs !== undefined) run.minIterationMs = pace(settings.minIterationMs);
  }

  #newRun(runId: number, job: GanJob): GanRun {
    const run: GanRun = {
      runId,
      job,
      gan: undefined,
      schedule: { ...job.schedule },
      nextReal: undefined,
      shownNoise: fixedNoise(job.config.noiseDim, job.show, job.seed ^ 0x3c6ef372),
      iteration: 0,
      paused: false,
      stopped: false,
      cancelled: false,
      pending: [],
      wake: undefined,
      finished: Promise.resolve(),
      stats: [],
      framedPause: false,
      minIterationMs: pace(job.minIterationMs),
    };
    this.#run = run;
    this.#setState(run, 'loading');
    return run;
  }

  async #start(runId: number, job: GanJob): Promise<void> {
    await this.reset();
    const run = this.#newRun(runId, job);
    if (job.kind === 'plane') {
      run.nextReal = targetStream(job.target, job.seed);
      run.reference = sampleTarget(job.target, REFERENCE_POINTS, job.seed ^ 0x1b873593);
      if (job.target.kind === 'ring') {
        const ring: Extract<TargetSpec, { kind: 'ring' }> = job.target;
        run.centres = ringCentres(ring.modes ?? 8, ring.radius ?? 2);
        run.coverRadius = 4 * (ring.std ?? 0.1);
      }
    } else {
      const { train } = await this.#deps.loadImages(runId, job.dataset);
      if (run.cancelled) return;
      const [h, w, c] = train.imageShape;
      if (h * w * c !== (job.config.dataDim ?? 2)) {
        throw new Error(`the GAN makes ${job.config.dataDim ?? 2} values per sample but the images have ${h * w * c}`);
      }
      run.nextReal = imageStream(train, job.seed, job.dataset.trainLimit);
    }
    run.gan = createGan2d(job.config, job.seed);
    run.finished = this.#loop(run);
    await run.finished;
  }

  /** Waits while paused; the next action, or undefined once stopped. */
  async #next(run: GanRun): Promise<Action | undefined> {
    await yieldToEventLoop();
    for (;;) {
      if (run.stopped) return undefined;
      if (!run.paused) return 'iteration';
      const action = run.pending.shift();
      if (action) return action;
      // about to wait: first show where the run stands (once per pause, and after any step)
      if (run.stats.length > 0 || !run.framedPause) await this.#frame(run);
      if (run.stopped || !run.paused || run.pending.length > 0) continue;
      await new Promise<void>((resolve) => {
        run.wake = resolve;
      });
    }
  }

  async #loop(run: GanRun): Promise<void> {
    const { post } = this.#deps;
    const gan = run.gan!;
    const nextReal = run.nextReal!;
    const interval = run.job.frameIntervalMs ?? this.#deps.frameIntervalMs ?? (run.job.kind === 'plane' ? 150 : 400);
    let lastFrame = -Infinity;
    let trainingMs = 0;
    let windowStart = this.#now();
    let windowIterations = 0;
    let rate = 0;
    let lastDLoss = Number.NaN;
    this.#setState(run, 'training');
    if (run.job.startPaused) {
      run.paused = true;
      this.#setState(run, 'paused');
    }
    try {
      await this.#frame(run);
      lastFrame = this.#now();
      while (run.iteration < run.job.iterations) {
        const action = await this.#next(run);
        if (!action) {
          if (!run.cancelled) {
            await this.#frame(run);
            this.#setState(run, 'idle');
          }
          return;
        }
        const started = this.#now();
        const { schedule } = run;
        const row = (
          d?: { loss: number; meanDReal: number; meanDFake: number },
          g?: { loss: number; meanDFake: number },
        ) => {
          run.stats.push(
            run.iteration,
            d?.loss ?? NaN,
            g?.loss ?? NaN,
            d?.meanDReal ?? NaN,
            d?.meanDFake ?? g?.meanDFake ?? NaN,
          );
          const bad = (d && !Number.isFinite(d.loss)) || (g && !Number.isFinite(g.loss));
          if (bad)
            throw new NaNLoss(
              `the ${d && !Number.isFinite(d.loss) ? 'discriminator' : 'generator'} loss became NaN at iteration ${run.iteration + 1}`,
            );
          if (d) lastDLoss = d.loss;
        };
        if (action === 'd') row(await discriminatorStep(gan, nextReal(schedule.batchSize)));
        else if (action === 'g') row(undefined, await generatorStep(gan, schedule.batchSize, schedule.loss));
        else {
          for (let i = 0; i < schedule.dSteps; i++) row(await discriminatorStep(gan, nextReal(schedule.batchSize)));
          for (let i = 0; i < schedule.gSteps; i++)
            row(undefined, await generatorStep(gan, schedule.batchSize, schedule.loss));
          run.iteration += 1;
          windowIterations += 1;
        }
        trainingMs += this.#now() - started;
        // a watchable pace: a fast iteration waits out the rest of its time (not counted as training)
        if (action === 'iteration' && run.minIterationMs > 0) {
          const rest = started + run.minIterationMs - this.#now();
          if (rest > 0) await this.#sleep(run, rest);
        }
        const now = this.#now();
        if (now - windowStart >= 500 && windowIterations > 0) {
          rate = (windowIterations * 1000) / (now - windowStart);
          windowStart = now;
          windowIterations = 0;
        }
        post({
          type: 'progress',
          runId: run.runId,
          epoch: 0,
          batch: run.iteration,
          totalBatches: run.job.iterations,
          loss: lastDLoss,
          acc: Number.NaN,
          samplesPerSec: rate,
          trainingMs,
          tensors: tf.memory().numTensors,
        });
        if (action !== 'iteration' || run.paused || (this.#deps.visible() && now - lastFrame >= interval)) {
          await this.#frame(run);
          lastFrame = this.#now();
          // the pictures are not training: the rate counts only the steps
          windowStart += lastFrame - now;
        }
      }
      await this.#frame(run);
      this.#setState(run, 'done');
    } catch (error) {
      if (run.cancelled) return;
      await this.#frame(run).catch(() => {});
      const kind = error instanceof NaNLoss ? 'nan-loss' : classify(error);
      post({ type: 'error', runId: run.runId, kind, message: error instanceof Error ? error.message : String(error) });
      this.#setState(run, 'error');
    }
  }

  /** The pictures of the run now (and the steps' numbers since the last frame). */
  async #frame(run: GanRun): Promise<void> {
    const gan = run.gan;
    if (!gan || run.cancelled) return;
    const samples = await sample(gan, run.shownNoise);
    const stats = Float32Array.from(run.stats);
    run.stats = [];
    if (run.paused) run.framedPause = true;
    const frame: Extract<FromWorker, { type: 'gan-frame' }> = {
      type: 'gan-frame',
      runId: run.runId,
      iteration: run.iteration,
      stats,
      samples,
    };
    if (run.job.kind === 'plane') {
      const { noiseDim } = gan.config;
      frame.grid = PLANE_GRID;
      frame.surface = await decisionSurface(gan, PLANE_GRID);
      frame.arrows = await generatorArrows(
        gan,
        run.shownNoise.subarray(0, Math.min(ARROWS, run.job.show) * noiseDim),
        run.schedule.loss,
      );
      if (run.reference) frame.distance = slicedWasserstein(samples, run.reference);
      if (run.centres) {
        frame.covered = modeCoverage(samples, run.centres, run.coverRadius!).covered;
        frame.modes = run.centres.length / 2;
      }
    }
    if (!run.cancelled) this.#deps.post(frame);
  }

  async #walk(message: Extract<ToWorker, { type: 'gan-walk' }>): Promise<void> {
    const run = this.#run;
    if (!run?.gan || run.runId !== message.runId) return;
    const { noiseDim } = run.gan.config;
    const z = latentWalk(fixedNoise(noiseDim, 1, message.from), fixedNoise(noiseDim, 1, message.to), message.steps);
    const data = await sample(run.gan, z);
    const dim = data.length / message.steps;
    const side = Math.round(Math.sqrt(dim));
    const shape = side * side === dim ? [message.steps, side, side] : [message.steps, dim];
    this.#deps.post({ type: 'snapshot', runId: run.runId, kind: 'walk', shape, data });
  }

  async #save(message: Extract<ToWorker, { type: 'gan-save' }>): Promise<void> {
    const run = this.#run;
    if (!run?.gan || run.runId !== message.runId) throw new ModelFileError('there is no trained generator to save yet');
    const model = mlpToLayersModel(run.gan.generator, run.gan.config.noiseDim);
    try {
      if (message.to === 'browser') {
        await model.save(`indexeddb://${message.key}`);
        this.#deps.post({ type: 'model-saved', runId: run.runId, to: 'browser' });
      } else {
        const files = await modelToFiles(model);
        this.#deps.post({ type: 'model-saved', runId: run.runId, to: 'files', ...files });
      }
    } finally {
      model.dispose();
    }
  }

  async #load(message: Extract<ToWorker, { type: 'gan-load' }>): Promise<void> {
    let model: tf.LayersModel;
    if (message.from === 'browser') {
      try {
        model = await tf.loadLayersModel(`indexeddb://${message.key}`);
      } catch {
        throw new ModelFileError('no generator is saved in this browser yet: train one and press Save first');
      }
    } else {
      model = await modelFromFiles(message.modelJson, message.weights);
    }
    let read: ReturnType<typeof readGeneratorModel>;
    try {
      read = readGeneratorModel(model);
    } finally {
      model.dispose();
    }
    const { shape, weights } = read;
    await this.reset();
    const job: GanJob = {
      kind: 'plane',
      target: { kind: 'ring' },
      config: {
        ...DEFAULT_GAN_CONFIG,
        noiseDim: shape.noiseDim,
        generatorHidden: shape.hidden,
        // a loaded generator is only sampled: a minimal discriminator stands in for the lost one
        discriminatorHidden: [1],
        activation: shape.activation,
        dataDim: shape.dataDim,
        outputActivation: shape.output,
      },
      schedule: { loss: 'non-saturating', dSteps: 1, gSteps: 1, batchSize: 1 },
      iterations: 1,
      seed: message.seed,
      show: message.show,
    };
    const run = this.#newRun(message.runId, job);
    run.gan = createGan2d(job.config, job.seed);
    assignWeights(run.gan.generator, weights);
    const samples = await sample(run.gan, run.shownNoise);
    this.#deps.post({ type: 'model-loaded', runId: run.runId, from: message.from });
    this.#deps.post({ type: 'gan-frame', runId: run.runId, iteration: 0, stats: new Float32Array(0), samples });
    this.#setState(run, 'done');
  }
}

class NaNLoss extends Error {
  override name = 'NaNLoss';
}
