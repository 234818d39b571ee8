/**
 * The browser half of the gradient audit (gpu-gradients.spec.ts bundles this file for a page that
 * only the test serves): every weight gradient of the article's CNN, of an LSTM classifier (the
 * MNIST-rows model) and of the GAN's two MLPs, computed with the book's own builders on one backend,
 * from the same weights and the same batch on every backend. Reads are asynchronous (a synchronous
 * read on WebGPU goes through a canvas; see tasks/image-classification/inspect.ts).
 */
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-webgpu';
import { applyMlp, createGan2d, disposeGan } from '../src/ml/gan/gan-2d';
import { DIGITS_PRESET } from '../src/ml/gan/presets';
import { discriminatorLoss, generatorLoss } from '../src/ml/gan/losses';
import { articleCnn, buildModel, disposeModel, recurrentModel } from '../src/ml/models/build-model';
import { mulberry32 } from '../src/ml/random';

/** Each weight's gradient, by model, place among its weights and shape ("cnn/0 [3,3,1,32]"). */
export type Gradients = Record<string, Float32Array>;

const values = (n: number, random: () => number) => Float32Array.from({ length: n }, () => random() * 2 - 1);

/** Reads the gradients of `variables` (in their order: variable names differ from one model build to the next). */
async function read(
  grads: Record<string, tf.Tensor>,
  variables: tf.Variable[],
  prefix: string,
  out: Gradients,
): Promise<void> {
  for (const [i, v] of variables.entries()) {
    const grad = grads[v.name];
    if (!grad) throw new Error(`${prefix}: no gradient for weight ${i}`);
    out[`${prefix}/${i} [${v.shape.join(',')}]`] = (await grad.data()) as Float32Array;
  }
  tf.dispose(Object.values(grads));
}

/** Gradients of a classifier's cross-entropy on a fixed batch with respect to every trainable weight. */
async function classifier(
  model: tf.LayersModel,
  input: number[],
  classes: number,
  batch: number,
  prefix: string,
  out: Gradients,
) {
  const random = mulberry32(11);
  const xs = tf.tensor(values(batch * input.reduce((a, b) => a * b, 1), random), [batch, ...input]);
  const labels = Int32Array.from({ length: batch }, (_, k) => k % classes);
  const ys = tf.tidy(() => tf.oneHot(tf.tensor1d(labels, 'int32'), classes).toFloat());
  const variables = model.trainableWeights.map((w) => w.read() as tf.Variable);
  const { grads, value } = tf.variableGrads(
    () => tf.metrics.categoricalCrossentropy(ys, model.apply(xs, { training: true }) as tf.Tensor).mean() as tf.Scalar,
    variables,
  );
  value.dispose();
  tf.dispose([xs, ys]);
  await read(grads, variables, prefix, out);
}

/** Every gradient of the three models on `backend`; every tensor made here is freed. */
export async function gradients(backend: string): Promise<{ backend: string; grads: Gradients; leaked: number }> {
  if (!(await tf.setBackend(backend))) throw new Error(`${backend} did not initialise`);
  await tf.ready();
  const before = tf.memory().numTensors;
  const out: Gradients = {};

  const cnn = buildModel(articleCnn([28, 28, 1]), 3);
  await classifier(cnn, [28, 28, 1], 10, 2, 'cnn', out);
  disposeModel(cnn);

  // the MNIST-rows model's shape, shorter: 6 rows of 8 pixels, 16 units
  const lstm = buildModel(recurrentModel('lstm', 6, 8, 16, 10), 5);
  await classifier(lstm, [6, 8, 1], 10, 4, 'lstm', out);
  disposeModel(lstm);

  // the digits GAN's MLPs (784-pixel images, tanh output): D's loss for D's weights, G's for G's
  const gan = createGan2d(DIGITS_PRESET.config, 7);
  const random = mulberry32(13);
  const batch = 8;
  const real = tf.tensor2d(values(batch * 784, random), [batch, 784]);
  const z = tf.tensor2d(values(batch * DIGITS_PRESET.config.noiseDim, random), [batch, DIGITS_PRESET.config.noiseDim]);
  const dVars = gan.discriminator.layers.flatMap((l) => [l.kernel, l.bias]);
  const gVars = gan.generator.layers.flatMap((l) => [l.kernel, l.bias]);
  const d = tf.variableGrads(
    () => discriminatorLoss(applyMlp(gan.discriminator, real), applyMlp(gan.discriminator, applyMlp(gan.generator, z))),
    dVars,
  );
  d.value.dispose();
  await read(d.grads, dVars, 'gan-d', out);
  const g = tf.variableGrads(
    () => generatorLoss(applyMlp(gan.discriminator, applyMlp(gan.generator, z)), 'non-saturating'),
    gVars,
  );
  g.value.dispose();
  await read(g.grads, gVars, 'gan-g', out);
  tf.dispose([real, z]);
  disposeGan(gan);

  return { backend: tf.getBackend(), grads: out, leaked: tf.memory().numTensors - before };
}

/** How far one backend's gradient of one weight is from the reference's. */
export interface Agreement {
  weight: string;
  /** the largest |element| of the reference gradient */
  scale: number;
  /** the largest |difference| of an element */
  error: number;
}

/**
 * The gradients on the CPU (tfjs's reference) and on each backend, compared here so that only the
 * verdicts leave the page.
 */
export async function audit(
  backends: string[],
): Promise<{ weights: string[]; runs: { backend: string; leaked: number; ms: number; agreement: Agreement[] }[] }> {
  const reference = await gradients('cpu');
  const weights = Object.keys(reference.grads);
  const runs = [];
  for (const backend of backends) {
    const started = performance.now();
    const result = await gradients(backend);
    const ms = Math.round(performance.now() - started);
    const agreement = weights.map((weight) => {
      const want = reference.grads[weight]!;
      const got = result.grads[weight];
      if (!got || got.length !== want.length) return { weight, scale: NaN, error: NaN };
      let scale = 0;
      let error = 0;
      for (let i = 0; i < want.length; i++) {
        scale = Math.max(scale, Math.abs(want[i]!));
        error = Math.max(error, Math.abs(got[i]! - want[i]!));
      }
      return { weight, scale, error };
    });
    runs.push({ backend: result.backend, leaked: result.leaked, ms, agreement });
  }
  return { weights, runs };
}

(window as unknown as { gradientAudit: typeof audit }).gradientAudit = audit;
