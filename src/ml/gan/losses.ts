/**
 * The GAN losses of the math chapter, min_G max_D E[log D(x)] + E[log(1 − D(G(z)))], written on
 * the discriminator's LOGITS ℓ (D = σ(ℓ)) so that they stay finite when D saturates.
 *
 * The two identities that make this stable:
 *   −log σ(ℓ)      = softplus(−ℓ)
 *   −log(1 − σ(ℓ)) = softplus(ℓ)        (softplus(u) = log(1 + eᵘ), computed without overflow)
 * so log D and log(1 − D) are never formed from a rounded probability: σ(−40) is 4e-18 and
 * log(1 − σ(40)) would be log 0 in float32, while softplus(40) is simply 40.
 *
 * Every function returns a new scalar tensor that the caller disposes (or that dies in the caller's
 * tf.tidy); the logits are the caller's.
 */
import * as tf from '@tensorflow/tfjs';

/**
 * The generator's loss.
 * 'minimax': the game as written, G minimises E[log(1 − D(G(z)))]. When D confidently rejects the
 *   fakes (D(G(z)) ≈ 0, early in training) its gradient vanishes: ∂/∂ℓ log(1 − σ(ℓ)) = −σ(ℓ) → 0.
 * 'non-saturating': Goodfellow et al.'s fix, G maximises E[log D(G(z))], i.e. minimises
 *   −E[log D(G(z))]; same fixed point, but ∂/∂ℓ(−log σ(ℓ)) = −(1 − σ(ℓ)) → −1 there.
 */
export type GeneratorLoss = 'minimax' | 'non-saturating';

/**
 * The discriminator's loss, −[mean log D(x) + mean log(1 − D(G(z)))] (binary cross-entropy with
 * real = 1, fake = 0, summed over the two halves). 2 ln 2 ≈ 1.386 when D says ½ everywhere.
 * @param realLogits D's logits on real samples, [batch] or [batch, 1]
 * @param fakeLogits D's logits on generated samples, [batch] or [batch, 1]
 * @returns a scalar the caller owns
 */
export function discriminatorLoss(realLogits: tf.Tensor, fakeLogits: tf.Tensor): tf.Scalar {
  return tf.tidy(() => tf.add(tf.mean(tf.softplus(tf.neg(realLogits))), tf.mean(tf.softplus(fakeLogits))));
}

/**
 * The generator's loss on D's logits for generated samples.
 * 'minimax' = mean log(1 − D(G(z))) (−ln 2 at D = ½, → 0 as G wins, → −∞ as G fools D completely);
 * 'non-saturating' = −mean log D(G(z)) (ln 2 at D = ½).
 * @param fakeLogits D's logits on generated samples, [batch] or [batch, 1]
 * @returns a scalar the caller owns
 */
export function generatorLoss(fakeLogits: tf.Tensor, loss: GeneratorLoss): tf.Scalar {
  return tf.tidy(
    () =>
      (loss === 'minimax'
        ? tf.neg(tf.mean(tf.softplus(fakeLogits)))
        : tf.mean(tf.softplus(tf.neg(fakeLogits)))) as tf.Scalar,
  );
}
