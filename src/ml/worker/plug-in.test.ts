// A lab is a plug-in: a small task (a linear regression on inline arrays) registered through the
// public registry API only, run through the real session on the CPU backend, paused, stepped,
// given a live learning rate, stopped and reset, with every tensor freed. Neither the session nor
// the protocol knows this task.
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { float32, int, object } from '../core/check';
import { registerTask } from '../tasks/registry';
import type { Task } from '../tasks/task';
import { cpuSession, stopThenReset, until } from './session-harness';

interface LinearJob {
  /** inputs and targets of y ≈ w·x + b */
  xs: Float32Array;
  ys: Float32Array;
  steps: number;
}

const linearRegression: Task<LinearJob> = {
  name: 'example-linear-regression',
  parseJob(raw) {
    const j = object(raw, 'job');
    return { xs: float32(j.xs, 'job.xs'), ys: float32(j.ys, 'job.ys'), steps: int(j.steps, 'job.steps', 1) };
  },
  async start(ctx, job) {
    const [w, b] = tf.tidy(() => [tf.variable(tf.zeros([1])), tf.variable(tf.zeros([1]))]);
    const optimizer = tf.train.sgd(0.1);
    ctx.controller.onSettings(({ learningRate }) => {
      if (learningRate !== undefined) optimizer.setLearningRate(learningRate);
    });
    const x = tf.tensor1d(job.xs);
    const y = tf.tensor1d(job.ys);
    let step = 0;
    return {
      async train() {
        ctx.controller.setState('training');
        while (step < job.steps) {
          if (!(await ctx.controller.next())) {
            ctx.controller.setState('idle');
            return;
          }
          const loss = optimizer.minimize(() => x.mul(w).add(b).sub(y).square().mean() as tf.Scalar, true)!;
          const value = (await loss.data())[0]!;
          loss.dispose();
          step += 1;
          ctx.post({
            type: 'progress',
            runId: ctx.runId,
            epoch: 0,
            batch: step,
            totalBatches: job.steps,
            loss: value,
            acc: Number.NaN,
            samplesPerSec: 0,
            trainingMs: 0,
            tensors: tf.memory().numTensors,
          });
        }
        ctx.post({
          type: 'snapshot',
          runId: ctx.runId,
          kind: 'weights',
          shape: [2],
          data: Float32Array.from([...w.dataSync(), ...b.dataSync()]),
        });
        ctx.controller.setState('done');
      },
      dispose() {
        tf.dispose([w, b, x, y]);
        optimizer.dispose();
      },
    };
  },
};

beforeAll(async () => {
  await tf.setBackend('cpu');
  await tf.ready();
  registerTask(linearRegression);
});

const harness = cpuSession;

// y = 2x + 1
const xs = Float32Array.from({ length: 16 }, (_, i) => i / 8 - 1);
const ys = xs.map((x) => 2 * x + 1);

describe('a task registered from outside', () => {
  it('trains through the real session to done and learns the line', async () => {
    const { session, of, states } = harness();
    await session.initBackend();
    const baseline = tf.memory().numTensors;
    await session.handle({ type: 'start', runId: 1, task: 'example-linear-regression', job: { xs, ys, steps: 300 } });
    expect(states()).toEqual(['loading', 'training', 'done']);
    const [w, b] = of('snapshot').at(-1)!.data;
    expect(w).toBeCloseTo(2, 1);
    expect(b).toBeCloseTo(1, 1);
    await session.handle({ type: 'reset' });
    expect(states().at(-1)).toBe('idle');
    expect(tf.memory().numTensors).toBe(baseline);
  });

  it('pauses, steps once, takes a live learning rate, stops, and frees every tensor', async () => {
    const h = harness();
    const { session, of, states } = h;
    await session.initBackend();
    const baseline = tf.memory().numTensors;
    const job = { xs, ys, steps: 1_000_000 };
    const running = session.handle({ type: 'start', runId: 2, task: 'example-linear-regression', job });
    await until(() => of('progress').length >= 3);
    await session.handle({ type: 'pause', runId: 2 });
    await until(() => states().at(-1) === 'paused');
    await new Promise((r) => setTimeout(r, 20));
    const before = of('progress').length;
    await new Promise((r) => setTimeout(r, 50));
    expect(of('progress').length).toBe(before);
    // a learning rate of 1e-30 freezes the weights: the stepped batches keep the loss
    await session.handle({ type: 'set', runId: 2, settings: { learningRate: 1e-30 } });
    await session.handle({ type: 'step', runId: 2 });
    await until(() => of('progress').length === before + 1);
    await session.handle({ type: 'step', runId: 2 });
    await until(() => of('progress').length === before + 2);
    const [a, c] = of('progress').slice(-2);
    expect(c!.loss).toBe(a!.loss);
    expect(states().at(-1)).toBe('paused');
    await stopThenReset(h, 2, running, baseline);
  });

  it("rejects a job of the wrong shape at the boundary, and an unknown task's name", async () => {
    const { session, of } = harness();
    await session.initBackend();
    await session.handle({
      type: 'start',
      runId: 3,
      task: 'example-linear-regression',
      job: { xs: [1, 2], ys, steps: 5 },
    });
    expect(of('error').at(-1)).toMatchObject({
      runId: 3,
      kind: 'bad-message',
      message: 'job.xs must be a Float32Array',
    });
    await session.handle({ type: 'start', runId: 4, task: 'no-such-task', job: {} });
    expect(of('error').at(-1)).toMatchObject({ runId: 4, kind: 'bad-message' });
    expect(of('progress')).toEqual([]);
  });
});
