import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { discriminatorLoss, generatorLoss } from './losses';

beforeAll(async () => {
  await tf.setBackend('cpu');
  await tf.ready();
});

const LN2 = Math.log(2);

/** Reads and frees a scalar. */
function read(scalar: tf.Scalar): number {
  const value = scalar.dataSync()[0]!;
  scalar.dispose();
  return value;
}

/** −log σ(ℓ) and −log(1 − σ(ℓ)) by hand, in float64 */
const minusLogD = (l: number) => -Math.log(1 / (1 + Math.exp(-l)));
const minusLogOneMinusD = (l: number) => -Math.log(1 - 1 / (1 + Math.exp(-l)));

describe('GAN losses on logits', () => {
  it('at logits 0 (D = ½): D loss 2 ln 2, minimax G loss −ln 2, non-saturating ln 2', () => {
    const zeros = tf.zeros([4, 1]);
    expect(read(discriminatorLoss(zeros, zeros))).toBeCloseTo(2 * LN2, 6);
    expect(read(generatorLoss(zeros, 'minimax'))).toBeCloseTo(-LN2, 6);
    expect(read(generatorLoss(zeros, 'non-saturating'))).toBeCloseTo(LN2, 6);
    zeros.dispose();
  });

  it('match hand-computed values on mixed logits', () => {
    const real = [2, -1, 0.5];
    const fake = [-3, 1, 0];
    const r = tf.tensor1d(real);
    const f = tf.tensor2d(fake, [3, 1]);
    const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
    const dLoss = mean(real.map(minusLogD)) + mean(fake.map(minusLogOneMinusD));
    expect(read(discriminatorLoss(r, f))).toBeCloseTo(dLoss, 5);
    expect(read(generatorLoss(f, 'minimax'))).toBeCloseTo(-mean(fake.map(minusLogOneMinusD)), 5);
    expect(read(generatorLoss(f, 'non-saturating'))).toBeCloseTo(mean(fake.map(minusLogD)), 5);
    // e.g. D(x) = σ(2): −log σ(2) = 0.126928…
    expect(minusLogD(2)).toBeCloseTo(0.126928, 5);
    tf.dispose([r, f]);
  });

  it('stay finite where D saturates (logits ±40, where 1 − σ rounds to 0 in float32)', () => {
    const big = tf.tensor1d([40]);
    const small = tf.tensor1d([-40]);
    // D is sure the real point is real and the fake is fake: loss ≈ 0
    expect(read(discriminatorLoss(big, small))).toBeCloseTo(0, 6);
    // D is completely fooled: −log σ(−40) − log(1 − σ(40)) = 40 + 40
    expect(read(discriminatorLoss(small, big))).toBeCloseTo(80, 3);
    expect(read(generatorLoss(small, 'non-saturating'))).toBeCloseTo(40, 3);
    expect(read(generatorLoss(big, 'minimax'))).toBeCloseTo(-40, 3);
    tf.dispose([big, small]);
  });

  it('minimax saturates where D rejects the fakes; non-saturating does not', () => {
    // One fake sample that D rejects: D(G(z)) = σ(−10) ≈ 4.5e-5.
    const logit = tf.tensor1d([-10]);
    const slope = (loss: 'minimax' | 'non-saturating') => {
      const g = tf.grad((l: tf.Tensor) => generatorLoss(l, loss))(logit);
      const value = g.dataSync()[0]!;
      g.dispose();
      return value;
    };
    const minimax = slope('minimax'); // −σ(−10)
    const nonSaturating = slope('non-saturating'); // −(1 − σ(−10))
    expect(minimax).toBeCloseTo(-1 / (1 + Math.exp(10)), 7);
    expect(Math.abs(minimax)).toBeLessThan(1e-4);
    expect(nonSaturating).toBeCloseTo(-1, 4);
    // the same holds at D = ½, where both slopes are −½
    const zero = tf.zeros([1]);
    const half = tf.grad((l: tf.Tensor) => generatorLoss(l, 'minimax'))(zero);
    expect(half.dataSync()[0]).toBeCloseTo(-0.5, 6);
    tf.dispose([logit, zero, half]);
  });

  it('leave no tensor behind', () => {
    const logits = tf.randomNormal([8, 1]);
    const before = tf.memory().numTensors;
    read(discriminatorLoss(logits, logits));
    read(generatorLoss(logits, 'minimax'));
    read(generatorLoss(logits, 'non-saturating'));
    expect(tf.memory().numTensors).toBe(before);
    logits.dispose();
  });
});
