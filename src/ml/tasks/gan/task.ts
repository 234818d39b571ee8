/**
 * The GAN task (the 2-D lab and digits from noise) on the run's controller, like every task:
 *
 *   start    state 'loading' (images: the dataset's verified download); build the GAN; state
 *            'training'; after every iteration a 'progress' (iteration i of n, iterations per
 *            second, D loss), and a few times a second a 'gan-frame' (GanPictures); 'done' at the end
 *   pause / resume / stop / step (one iteration while paused)   the controller
 *   command  'step': while paused, one discriminator or one generator step, then a frame;
 *            'walk': samples along a latent walk (a 'snapshot' of kind 'walk')
 *   set      learning rates, D:G ratio, loss and pace, from the next step on
 *   savable / load   the generator as a layers model (the session's model I/O)
 *   checkpoint       every few seconds: both networks, both Adams, the iteration and the live
 *                    schedule; a run restored from it (start with `from`) continues there, its real
 *                    samples and noise drawn from streams seeded by the seed and the iteration
 */
import * as tf from '@tensorflow/tfjs';
import { classify, messageOf, NaNLoss } from '../../core/states';
import {
  createGan2d,
  discriminatorStep,
  disposeGan,
  fixedNoise,
  generatorStep,
  sample,
  setLearningRates,
  type Gan2d,
} from '../../gan/gan-2d';
import { DEFAULT_GAN_CONFIG } from '../../gan/gan-config';
import { assignWeights, mlpToLayersModel, readGeneratorModel } from '../../gan/generator-model';
import { imageStream } from '../../gan/image-stream';
import { latentWalk } from '../../gan/latent';
import { targetStream } from '../../gan/targets';
import {
  Checkpointer,
  optimizerState,
  restoreOptimizer,
  restoreVariables,
  type Checkpoint,
  type TensorGroups,
} from '../checkpoint';
import type { RunContext, Task, TaskRun } from '../task';
import { GanPictures } from './pictures';
import {
  parseGanCommand,
  parseGanJob,
  parseGanLoad,
  parseGanSettings,
  type GanCommand,
  type GanJob,
  type GanLoad,
  type GanSettings,
} from './job';

type Context = RunContext<GanSettings>;

/** Where a GAN run stands (a checkpoint's position). */
interface GanPosition {
  iteration: number;
  lastDLoss: number;
  trainingMs: number;
  schedule: GanJob['schedule'];
  rates: { d: number; g: number };
}

const variablesOf = (mlp: Gan2d['generator']): tf.Variable[] => mlp.layers.flatMap((l) => [l.kernel, l.bias]);
const named = (variables: tf.Variable[]) => () => variables.map((tensor, i) => ({ name: String(i), tensor }));
const rateOf = (optimizer: tf.Optimizer) => (optimizer as unknown as { learningRate: number }).learningRate;

interface StepResult {
  d?: { loss: number; meanDReal: number; meanDFake: number };
  g?: { loss: number; meanDFake: number };
}

class GanRun implements TaskRun<GanCommand> {
  readonly #schedule;
  readonly #pictures: GanPictures;
  readonly #checkpoints: Checkpointer<GanPosition>;
  readonly #groups: TensorGroups;
  #iteration = 0;
  #lastDLoss = Number.NaN;
  #trainingMs = 0;
  readonly #restored: boolean;

  constructor(
    private readonly ctx: Context,
    private readonly job: GanJob,
    private readonly gan: Gan2d,
    private readonly nextReal: (n: number) => Float32Array,
    /** while the real images are still arriving: how many of those the run uses have */
    private readonly arriving: () => { arrived: number; total: number } | undefined = () => undefined,
    from?: Checkpoint<GanPosition>,
  ) {
    this.#schedule = { ...(from?.position.schedule ?? job.schedule) };
    this.#restored = from !== undefined;
    if (from) {
      this.#iteration = from.position.iteration;
      this.#lastDLoss = from.position.lastDLoss;
      this.#trainingMs = from.position.trainingMs;
    }
    this.#checkpoints = new Checkpointer(ctx.now, ctx.checkpointIntervalMs, from);
    this.#groups = {
      generator: named(variablesOf(gan.generator)),
      discriminator: named(variablesOf(gan.discriminator)),
      dOptimizer: optimizerState(gan.dOptimizer),
      gOptimizer: optimizerState(gan.gOptimizer),
    };
    this.#pictures = new GanPictures(
      ctx,
      job,
      gan,
      () => this.#iteration,
      () => this.#schedule.loss,
    );
    if (job.minIterationMs !== undefined) ctx.controller.set({ minIterationMs: job.minIterationMs });
    ctx.controller.onSettings((settings) => this.#apply(settings));
  }

  #apply(settings: GanSettings): void {
    setLearningRates(this.gan, {
      ...(settings.dLearningRate === undefined ? {} : { d: settings.dLearningRate }),
      ...(settings.gLearningRate === undefined ? {} : { g: settings.gLearningRate }),
    });
    if (settings.dSteps !== undefined) this.#schedule.dSteps = settings.dSteps;
    if (settings.gSteps !== undefined) this.#schedule.gSteps = settings.gSteps;
    if (settings.loss !== undefined) this.#schedule.loss = settings.loss;
  }

  /** Records a step's numbers (a row of GanFrame.stats); a NaN loss ends the run. */
  #row({ d, g }: StepResult): void {
    this.#pictures.record(this.#iteration, d, g);
    const bad = (d && !Number.isFinite(d.loss)) || (g && !Number.isFinite(g.loss));
    if (bad)
      throw new NaNLoss(
        `the ${d && !Number.isFinite(d.loss) ? 'discriminator' : 'generator'} loss became NaN at iteration ${this.#iteration + 1}`,
      );
    if (d) this.#lastDLoss = d.loss;
  }

  async #dStep(): Promise<void> {
    const step = discriminatorStep(this.gan, this.nextReal(this.#schedule.batchSize));
    this.#row({ d: await this.ctx.controller.guard(step) });
  }

  async #gStep(): Promise<void> {
    const step = generatorStep(this.gan, this.#schedule.batchSize, this.#schedule.loss);
    this.#row({ g: await this.ctx.controller.guard(step) });
  }

  async train(): Promise<void> {
    const { ctx, job } = this;
    const control = ctx.controller;
    const interval = job.frameIntervalMs ?? ctx.frameIntervalMs ?? (job.kind === 'plane' ? 150 : 400);
    const pictures = this.#pictures;
    let trainingMs = this.#trainingMs;
    let windowStart = ctx.now();
    let windowIterations = 0;
    let rate = 0;
    control.setState('training');
    if (job.startPaused && !this.#restored) control.pause();
    try {
      await control.guard(pictures.frame());
      let lastFrame = ctx.now();
      while (this.#iteration < job.iterations) {
        // about to wait while paused: first show where the run stands (once per pause, and after any step)
        const action = await control.next(() => pictures.framePause());
        if (!action) {
          await this.#checkpoints.settle();
          if (!control.cancelled) {
            await control.guard(pictures.frame());
            control.setState('idle');
          }
          return;
        }
        const started = ctx.now();
        const iteration = action !== 'd' && action !== 'g';
        if (action === 'd') await this.#dStep();
        else if (action === 'g') await this.#gStep();
        else {
          for (let i = 0; i < this.#schedule.dSteps; i++) await this.#dStep();
          for (let i = 0; i < this.#schedule.gSteps; i++) await this.#gStep();
          this.#iteration += 1;
          windowIterations += 1;
        }
        trainingMs += ctx.now() - started;
        // a watchable pace: a fast iteration waits out the rest of its time (not counted as training)
        if (iteration) await control.keepPace(started, ctx.now());
        const now = ctx.now();
        if (now - windowStart >= 500 && windowIterations > 0) {
          rate = (windowIterations * 1000) / (now - windowStart);
          windowStart = now;
          windowIterations = 0;
        }
        ctx.post({
          type: 'progress',
          runId: ctx.runId,
          epoch: 0,
          batch: this.#iteration,
          totalBatches: job.iterations,
          loss: this.#lastDLoss,
          acc: Number.NaN,
          samplesPerSec: rate,
          trainingMs,
          tensors: tf.memory().numTensors,
          ...(this.arriving() ? { arriving: this.arriving() } : {}),
        });
        if (!iteration || control.paused || (ctx.visible() && now - lastFrame >= interval)) {
          await control.guard(pictures.frame());
          lastFrame = ctx.now();
          // the pictures are not training: the rate counts only the steps
          windowStart += lastFrame - now;
        }
        if (iteration && this.#checkpoints.due()) await this.#checkpoint(trainingMs);
      }
      await this.#checkpoints.settle();
      await control.guard(pictures.frame());
      control.setState('done');
    } catch (error) {
      if (control.cancelled || control.handOver(error)) return;
      await this.#checkpoints.settle();
      await pictures.frame().catch(() => {});
      ctx.post({ type: 'error', runId: ctx.runId, kind: classify(error), message: messageOf(error) });
      control.setState('error');
    }
  }

  #checkpoint(trainingMs: number): Promise<void> {
    const position: GanPosition = {
      iteration: this.#iteration,
      lastDLoss: this.#lastDLoss,
      trainingMs,
      schedule: { ...this.#schedule },
      rates: { d: rateOf(this.gan.dOptimizer), g: rateOf(this.gan.gOptimizer) },
    };
    return this.#checkpoints.take(this.#iteration, this.#groups, position);
  }

  checkpoint(): Checkpoint<GanPosition> | undefined {
    return this.#checkpoints.latest;
  }

  async command(command: GanCommand): Promise<void> {
    if (command.kind === 'step') {
      this.ctx.controller.step(command.player);
      return;
    }
    const { noiseDim } = this.gan.config;
    const z = latentWalk(fixedNoise(noiseDim, 1, command.from), fixedNoise(noiseDim, 1, command.to), command.steps);
    const data = await sample(this.gan, z);
    const dim = data.length / command.steps;
    const side = Math.round(Math.sqrt(dim));
    const shape = side * side === dim ? [command.steps, side, side] : [command.steps, dim];
    this.ctx.post({ type: 'snapshot', runId: this.ctx.runId, kind: 'walk', shape, data });
  }

  savable() {
    return { model: mlpToLayersModel(this.gan.generator, this.gan.config.noiseDim), temporary: true };
  }

  /** The first picture of a loaded generator: its samples. */
  async show(): Promise<void> {
    this.ctx.post(await this.#pictures.samples());
  }

  dispose(): void {
    this.#checkpoints.abandon();
    disposeGan(this.gan);
  }
}

async function start(ctx: Context, job: GanJob, from?: Checkpoint): Promise<GanRun> {
  const restored = from as Checkpoint<GanPosition> | undefined;
  // a restored run draws its real samples and its noise from streams seeded by where it stands
  const seed = job.seed + (restored?.position.iteration ?? 0);
  let nextReal: (n: number) => Float32Array;
  let arriving: (() => { arrived: number; total: number } | undefined) | undefined;
  if (job.kind === 'plane') {
    nextReal = targetStream(job.target, seed);
  } else {
    const { train } = await ctx.loadImages(job.dataset);
    const [h, w, c] = train.imageShape;
    if (h * w * c !== (job.config.dataDim ?? 2)) {
      throw new Error(`the GAN makes ${job.config.dataDim ?? 2} values per sample but the images have ${h * w * c}`);
    }
    nextReal = imageStream(train, seed, job.trainLimit);
    const total = Math.min(job.trainLimit ?? Infinity, train.labels.length);
    const { arrival } = train;
    if (arrival)
      arriving = () => {
        const arrived = Math.min(total, arrival.arrived());
        return arrived < total ? { arrived, total } : undefined;
      };
  }
  const gan = createGan2d(job.config, seed);
  if (restored) {
    try {
      const { tensors, position } = restored;
      restoreVariables(variablesOf(gan.generator), tensors.generator ?? []);
      restoreVariables(variablesOf(gan.discriminator), tensors.discriminator ?? []);
      await restoreOptimizer(gan.dOptimizer, tensors.dOptimizer ?? []);
      await restoreOptimizer(gan.gOptimizer, tensors.gOptimizer ?? []);
      setLearningRates(gan, position.rates);
    } catch (error) {
      disposeGan(gan);
      throw error;
    }
  }
  return new GanRun(ctx, job, gan, nextReal, arriving, restored);
}

async function load(ctx: Context, request: GanLoad, model: tf.LayersModel, from: 'browser' | 'files'): Promise<GanRun> {
  let read: ReturnType<typeof readGeneratorModel>;
  try {
    read = readGeneratorModel(model);
  } finally {
    model.dispose();
  }
  const { shape, weights } = read;
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
    seed: request.seed,
    show: request.show,
  };
  const gan = createGan2d(job.config, job.seed);
  assignWeights(gan.generator, weights);
  const run = new GanRun(ctx, job, gan, () => new Float32Array(0));
  ctx.post({ type: 'model-loaded', runId: ctx.runId, from });
  await run.show();
  ctx.controller.setState('done');
  return run;
}

export const ganTask: Task<GanJob, GanCommand, GanSettings, GanLoad> = {
  name: 'gan',
  parseJob: parseGanJob,
  parseCommand: parseGanCommand,
  parseSettings: parseGanSettings,
  parseLoad: parseGanLoad,
  start,
  load,
};
