/**
 * A GAN run's pictures: a 'gan-frame' after some steps. `stats` holds one row per step since the
 * last frame: [iteration, D loss, G loss, mean D(x), mean D(G(z))], NaN where that step did not
 * measure it. The pictures are of the fixed noise; for the plane also the discriminator's surface,
 * the generator's arrows, the distance to the target and, for a ring, the modes covered.
 */
import type { FromWorker } from '../../core/messages';
import { decisionSurface, fixedNoise, generatorArrows, sample, type Gan2d } from '../../gan/gan-2d';
import { PLANE_GRID, type TrainingSchedule } from '../../gan/gan-config';
import { modeCoverage, slicedWasserstein } from '../../gan/sample-distance';
import { ringCentres, sampleTarget, type TargetSpec } from '../../gan/targets';
import type { RunContext } from '../task';
import type { GanJob, GanSettings } from './job';

/** target points the shown samples are compared with (large, so the distance's noise is small) */
const REFERENCE_POINTS = 2000;
/** arrows drawn on the first few of the shown points */
const ARROWS = 24;

type Frame = Extract<FromWorker, { type: 'gan-frame' }>;

export class GanPictures {
  /** the fixed noise whose samples are shown, [show, noiseDim] */
  readonly shownNoise: Float32Array;
  /** rows of stats not yet sent */
  #stats: number[] = [];
  /** the pause (controller.pauses) last shown while paused */
  #framedAt = -1;
  #reference?: Float32Array;
  #centres?: Float32Array;
  #coverRadius = 0;

  constructor(
    private readonly ctx: RunContext<GanSettings>,
    private readonly job: GanJob,
    private readonly gan: Gan2d,
    private readonly iteration: () => number,
    private readonly loss: () => TrainingSchedule['loss'],
  ) {
    this.shownNoise = fixedNoise(job.config.noiseDim, job.show, job.seed ^ 0x3c6ef372);
    if (job.kind === 'plane') {
      this.#reference = sampleTarget(job.target, REFERENCE_POINTS, job.seed ^ 0x1b873593);
      if (job.target.kind === 'ring') {
        const ring: Extract<TargetSpec, { kind: 'ring' }> = job.target;
        this.#centres = ringCentres(ring.modes ?? 8, ring.radius ?? 2);
        this.#coverRadius = 4 * (ring.std ?? 0.1);
      }
    }
  }

  record(
    iteration: number,
    d?: { loss: number; meanDReal: number; meanDFake: number },
    g?: { loss: number; meanDFake: number },
  ): void {
    this.#stats.push(
      iteration,
      d?.loss ?? NaN,
      g?.loss ?? NaN,
      d?.meanDReal ?? NaN,
      d?.meanDFake ?? g?.meanDFake ?? NaN,
    );
  }

  /** Before waiting while paused: a frame once per pause, and after any step. */
  async framePause(): Promise<void> {
    if (this.#stats.length > 0 || this.#framedAt !== this.ctx.controller.pauses) await this.frame();
  }

  /** The generator's samples of the fixed noise only (a loaded generator has no discriminator to show). */
  async samples(): Promise<Frame> {
    const samples = await sample(this.gan, this.shownNoise);
    const stats = Float32Array.from(this.#stats);
    this.#stats = [];
    return { type: 'gan-frame', runId: this.ctx.runId, iteration: this.iteration(), stats, samples };
  }

  /** The pictures of the run now (and the steps' numbers since the last frame). */
  async frame(): Promise<void> {
    const control = this.ctx.controller;
    if (control.cancelled) return;
    const frame = await this.samples();
    if (control.paused) this.#framedAt = control.pauses;
    if (this.job.kind === 'plane') {
      const gan = this.gan;
      frame.grid = PLANE_GRID;
      frame.surface = await decisionSurface(gan, PLANE_GRID);
      frame.arrows = await generatorArrows(
        gan,
        this.shownNoise.subarray(0, Math.min(ARROWS, this.job.show) * gan.config.noiseDim),
        this.loss(),
      );
      if (this.#reference) frame.distance = slicedWasserstein(frame.samples, this.#reference);
      if (this.#centres) {
        frame.covered = modeCoverage(frame.samples, this.#centres, this.#coverRadius).covered;
        frame.modes = this.#centres.length / 2;
      }
    }
    if (!control.cancelled) this.ctx.post(frame);
  }
}
