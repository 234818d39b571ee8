/**
 * "Your device, measured": the article's CNN (28×28×1, Adam, as in §5) trained on every backend
 * the job names, one after another in this worker: switch (RunContext.useBackend), build the model
 * from the same seed, a few untimed warm-up steps, then timed steps until the window is full; free
 * everything and report the tensors left before the next backend. The images are random: a step
 * costs the same whatever the pixels, and nothing is downloaded. A backend that does not start here
 * is reported as unavailable, with why. Only the time inside the steps counts, so a pause does not
 * lower a backend's speed.
 */
import * as tf from '@tensorflow/tfjs';
import type { RaceEntry, RaceVariant } from '../../core/backends';
import { articleCnn, buildModel, disposeModel } from '../../models/build-model';
import { mulberry32 } from '../../random';
import { trainStep } from '../../train-step';
import type { RunContext, Task, TaskRun } from '../task';
import { parseBackendRaceJob, type BackendRaceJob } from './job';

/** the model every backend trains */
export const RACE_MODEL = articleCnn([28, 28, 1]);
/** a progress line at most this often while a backend is timed */
const REPORT_MS = 250;

const backendOf = (variant: RaceVariant) => (variant === 'wasm-all' || variant === 'wasm-1' ? 'wasm' : variant);

async function start(ctx: RunContext, job: BackendRaceJob): Promise<TaskRun<never>> {
  const { controller } = ctx;
  const useBackend = ctx.useBackend;
  if (!useBackend) throw new Error('this session cannot switch backends');
  const total = job.variants.length;
  let live: { model: tf.LayersModel; optimizer: tf.Optimizer; xs: tf.Tensor; ys: tf.Tensor2D } | undefined;
  const free = () => {
    if (!live) return;
    tf.dispose([live.xs, live.ys]);
    live.optimizer.dispose();
    disposeModel(live.model);
    live = undefined;
  };
  const report = (index: number, entry: RaceEntry) => {
    if (!controller.cancelled) ctx.post({ type: 'backend-race', runId: ctx.runId, index, total, entry });
  };

  /** one backend: false when the reader stopped the race */
  async function measure(index: number, variant: RaceVariant): Promise<boolean> {
    report(index, { variant, state: 'measuring' });
    const wasmThreads = variant === 'wasm-1' ? 1 : variant === 'wasm-all' ? 'all' : undefined;
    const use = await useBackend!(backendOf(variant), wasmThreads ? { wasmThreads } : {});
    if (!use.ok) {
      report(index, { variant, state: 'unavailable', reason: 'failed', note: use.note ?? '' });
      return true;
    }
    const base = { variant, detail: use.detail, ...(use.software ? { software: true } : {}) };
    if (variant === 'wasm-all' && use.threads === 1) {
      report(index, { ...base, state: 'unavailable', reason: 'one-thread' });
      return true;
    }
    const random = mulberry32(job.seed);
    const { batch } = job;
    const labels = Int32Array.from({ length: batch }, (_, i) => i % 10);
    const made = {
      model: buildModel(RACE_MODEL, job.seed),
      optimizer: tf.train.adam(RACE_MODEL.learningRate),
      xs: tf.tensor4d(Float32Array.from({ length: batch * 784 }, random), [batch, 28, 28, 1]),
      ys: tf.tidy(() => tf.oneHot(tf.tensor1d(labels, 'int32'), 10).toFloat()) as tf.Tensor2D,
    };
    live = made;
    const { model, optimizer, xs, ys } = made;
    let steps = 0;
    let timedMs = 0;
    let lastReport = ctx.now();
    const done = (state: RaceEntry['state']) => {
      free();
      const samplesPerSec = steps > 0 ? (steps * batch * 1000) / timedMs : undefined;
      const entry: RaceEntry = { ...base, state, steps, timedMs, tensors: tf.memory().numTensors };
      if (samplesPerSec !== undefined) entry.samplesPerSec = samplesPerSec;
      report(index, entry);
    };
    try {
      return await timeSteps();
    } catch (error) {
      // this backend failed while training (out of memory, a lost device): the others still run
      free();
      const note = error instanceof Error ? error.message : String(error);
      report(index, { ...base, state: 'unavailable', reason: 'failed', note, tensors: tf.memory().numTensors });
      return !controller.cancelled;
    }

    async function timeSteps(): Promise<boolean> {
      for (let warm = 0; warm < job.warmupSteps; warm++) {
        if ((await controller.next()) === undefined) {
          done('stopped');
          return false;
        }
        await trainStep(model, optimizer, xs, ys, 'categoricalCrossentropy', (r) => controller.guard(r));
      }
      while (steps === 0 || timedMs < job.windowMs) {
        if ((await controller.next()) === undefined) {
          done('stopped');
          return false;
        }
        const started = ctx.now();
        await trainStep(model, optimizer, xs, ys, 'categoricalCrossentropy', (r) => controller.guard(r));
        timedMs += ctx.now() - started;
        steps += 1;
        if (ctx.now() - lastReport >= REPORT_MS) {
          lastReport = ctx.now();
          report(index, {
            ...base,
            state: 'measuring',
            steps,
            timedMs,
            samplesPerSec: (steps * batch * 1000) / timedMs,
          });
        }
      }
      done('done');
      ctx.post({ type: 'memory', numTensors: tf.memory().numTensors, numBytes: tf.memory().numBytes });
      return true;
    }
  }

  return {
    async train() {
      controller.setState('training');
      for (const [index, variant] of job.variants.entries()) {
        if (!(await measure(index, variant))) {
          if (!controller.cancelled) controller.setState('idle');
          return;
        }
      }
      controller.setState('done');
    },
    dispose: free,
  };
}

export const backendRace: Task<BackendRaceJob, never> = {
  name: 'backend-race',
  parseJob: parseBackendRaceJob,
  start,
};
