import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  DEFAULT_GAN_CONFIG,
  applyMlp,
  createGan2d,
  decisionSurface,
  discriminatorStep,
  disposeGan,
  fixedNoise,
  generatorArrows,
  generatorStep,
  parameterCount,
  sample,
  setLearningRates,
  trainIteration,
  type Gan2d,
  type Gan2dConfig,
} from './gan-2d';
import { targetStream } from './targets';

beforeAll(async () => {
  await tf.setBackend('cpu');
  await tf.ready();
});

const tiny: Gan2dConfig = { ...DEFAULT_GAN_CONFIG, noiseDim: 2, generatorHidden: [8], discriminatorHidden: [8, 4] };

/** The discriminator's D at some points, computed directly. */
function dAt(gan: Gan2d, points: number[]): number[] {
  return tf.tidy(() =>
    Array.from(tf.sigmoid(applyMlp(gan.discriminator, tf.tensor2d(points, [points.length / 2, 2]))).dataSync()),
  );
}

function weights(gan: Gan2d, which: 'generator' | 'discriminator'): number[] {
  return gan[which].layers.flatMap((l) => [...l.kernel.dataSync(), ...l.bias.dataSync()]);
}

describe('the 2-D GAN', () => {
  it('builds networks of the configured sizes', () => {
    const gan = createGan2d(tiny, 1);
    // G: 2→8→2 = (16 + 8) + (16 + 2); D: 2→8→4→1 = (16 + 8) + (32 + 4) + (4 + 1)
    expect(parameterCount(gan.generator)).toBe(42);
    expect(parameterCount(gan.discriminator)).toBe(65);
    expect(gan.generator.layers.map((l) => l.kernel.shape)).toEqual([
      [2, 8],
      [8, 2],
    ]);
    disposeGan(gan);
  });

  it('returns arrays of the documented shapes', async () => {
    const gan = createGan2d(tiny, 2);
    expect((await sample(gan, 5)).length).toBe(10);
    expect((await sample(gan, fixedNoise(2, 3, 1))).length).toBe(6);
    const surface = await decisionSurface(gan, { xMin: -1, xMax: 1, yMin: -2, yMax: 2, nx: 4, ny: 3 });
    expect(surface.length).toBe(12);
    for (const d of surface) expect(d > 0 && d < 1).toBe(true);
    expect((await generatorArrows(gan, 6)).length).toBe(24);
    await expect(sample(gan, new Float32Array(3))).rejects.toThrow(/\[n, 2\]/);
    disposeGan(gan);
  });

  it('replays a run from its seed; display noise does not disturb training', async () => {
    const run = async (peek: boolean) => {
      const gan = createGan2d(tiny, 7);
      const real = targetStream({ kind: 'ring' }, 3);
      const losses: number[] = [];
      for (let i = 0; i < 3; i++) {
        if (peek) await sample(gan, 10);
        const { d, g } = await trainIteration(gan, real, {
          loss: 'non-saturating',
          dSteps: 1,
          gSteps: 1,
          batchSize: 16,
        });
        losses.push(d!.loss, g!.loss);
      }
      const points = await sample(gan, fixedNoise(2, 4, 9));
      disposeGan(gan);
      return { losses, points: Array.from(points) };
    };
    const a = await run(false);
    expect(await run(true)).toEqual(a);
    const other = createGan2d(tiny, 8);
    const gan = createGan2d(tiny, 7);
    expect(weights(other, 'generator')).not.toEqual(weights(gan, 'generator'));
    disposeGan(other);
    disposeGan(gan);
  });

  it('starts near D = ½ with the losses at their D = ½ values', async () => {
    const gan = createGan2d(DEFAULT_GAN_CONFIG, 1);
    const real = targetStream({ kind: 'moons' }, 1);
    const d = await discriminatorStep(gan, real(64));
    expect(Math.abs(d.meanDReal - 0.5)).toBeLessThan(0.15);
    expect(Math.abs(d.meanDFake - 0.5)).toBeLessThan(0.15);
    expect(d.loss).toBeCloseTo(2 * Math.log(2), 0);
    const g = await generatorStep(gan, 64, 'minimax');
    expect(g.loss).toBeCloseTo(-Math.log(2), 0);
    disposeGan(gan);
  });

  it('a discriminator step moves only D, towards telling real from fake; a generator step moves only G', async () => {
    const gan = createGan2d(tiny, 3);
    setLearningRates(gan, { d: 0.02 });
    const realPoint = [2, 2];
    const batch = new Float32Array(64).fill(2); // every real point at (2, 2)
    const g0 = weights(gan, 'generator');
    const before = dAt(gan, realPoint)[0]!;
    let last = await discriminatorStep(gan, batch);
    for (let i = 0; i < 30; i++) last = await discriminatorStep(gan, batch);
    expect(weights(gan, 'generator')).toEqual(g0);
    expect(dAt(gan, realPoint)[0]!).toBeGreaterThan(before);
    expect(last.meanDReal).toBeGreaterThan(last.meanDFake + 0.2);

    const d0 = weights(gan, 'discriminator');
    const fooled = (await generatorStep(gan, 64, 'non-saturating')).meanDFake;
    let g = await generatorStep(gan, 64, 'non-saturating');
    setLearningRates(gan, { g: 0.02 });
    for (let i = 0; i < 30; i++) g = await generatorStep(gan, 64, 'non-saturating');
    expect(weights(gan, 'discriminator')).toEqual(d0);
    expect(g.meanDFake).toBeGreaterThan(fooled);
    disposeGan(gan);
  });

  it('the decision surface is D at the cell centres, bottom row first', async () => {
    const gan = createGan2d(tiny, 4);
    const surface = await decisionSurface(gan, { xMin: 0, xMax: 2, yMin: 0, yMax: 4, nx: 2, ny: 2 });
    // centres: (0.5, 1), (1.5, 1), (0.5, 3), (1.5, 3)
    const direct = dAt(gan, [0.5, 1, 1.5, 1, 0.5, 3, 1.5, 3]);
    direct.forEach((d, i) => expect(surface[i]!).toBeCloseTo(d, 6));
    disposeGan(gan);
  });

  it('arrows: ∇D at G(z) matches finite differences, and the loss-scaled arrows point the same way', async () => {
    const gan = createGan2d({ ...tiny, activation: 'tanh' }, 5);
    const z = fixedNoise(2, 4, 2);
    const arrows = await generatorArrows(gan, z);
    const points = await sample(gan, z);
    const h = 1e-2;
    for (let i = 0; i < 4; i++) {
      const [x, y] = [arrows[4 * i]!, arrows[4 * i + 1]!];
      expect(x).toBeCloseTo(points[2 * i]!, 5);
      expect(y).toBeCloseTo(points[2 * i + 1]!, 5);
      const [xp, xm, yp, ym] = dAt(gan, [x + h, y, x - h, y, x, y + h, x, y - h]);
      expect(arrows[4 * i + 2]!).toBeCloseTo((xp! - xm!) / (2 * h), 3);
      expect(arrows[4 * i + 3]!).toBeCloseTo((yp! - ym!) / (2 * h), 3);
    }
    const ns = await generatorArrows(gan, z, 'non-saturating');
    const minimax = await generatorArrows(gan, z, 'minimax');
    const d = dAt(gan, Array.from(points));
    for (let i = 0; i < 4; i++) {
      // ∇D = D(1 − D)∇ℓ, ∇log D = (1 − D)∇ℓ, −∇log(1 − D) = D∇ℓ
      const di = d[i]!;
      for (const c of [2, 3]) {
        expect(ns[4 * i + c]! * di).toBeCloseTo(arrows[4 * i + c]!, 5);
        expect(minimax[4 * i + c]! * (1 - di)).toBeCloseTo(arrows[4 * i + c]!, 5);
      }
    }
    disposeGan(gan);
  });

  it('leaks nothing: steps and read-outs keep the tensor count, disposal returns to the start', async () => {
    const start = tf.memory().numTensors;
    const gan = createGan2d(DEFAULT_GAN_CONFIG, 6);
    const real = targetStream({ kind: 'spiral' }, 6);
    const schedule = { loss: 'minimax' as const, dSteps: 2, gSteps: 1, batchSize: 32 };
    const grid = { xMin: -3, xMax: 3, yMin: -3, yMax: 3, nx: 8, ny: 8 };
    // burn-in: Adam makes its moment slots on each optimizer's first step
    await trainIteration(gan, real, schedule);
    const afterBurnIn = tf.memory().numTensors;
    for (let i = 0; i < 5; i++) {
      await trainIteration(gan, real, schedule);
      await trainIteration(gan, real, { ...schedule, loss: 'non-saturating' });
      await sample(gan, 20);
      await decisionSurface(gan, grid);
      await generatorArrows(gan, 5);
      await generatorArrows(gan, 5, 'minimax');
      await generatorArrows(gan, 5, 'non-saturating');
    }
    expect(tf.memory().numTensors).toBe(afterBurnIn);
    disposeGan(gan);
    expect(tf.memory().numTensors).toBe(start);
  });
});
