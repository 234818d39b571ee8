/**
 * The TensorFlow.js scripts of the GAN labs (a generator, a discriminator and the alternating
 * training loop, on the discriminator's logits as `losses.ts` writes them) and of the plane lab
 * (a small MLP trained full-batch). Strings only.
 */
import type { Activation } from '../gan/gan-config';
import { dataNote } from './data-notes';
import { ganTarget, planeTarget } from './targets-code';
import { num, TFJS_RUN_LINE, type GanSpec, type PlaneSpec } from './spec';
import { TFJS_HEADER, TFJS_SHOW } from './tfjs-common';

function activationLayer(activation: Activation): string {
  return activation === 'leakyRelu'
    ? 'tf.layers.leakyReLU({ alpha: 0.2 })'
    : `tf.layers.activation({ activation: '${activation}' })`;
}

/** Dense → activation → … → Dense (→ tanh), unrolled, as `mlpToLayersModel` builds it. */
function mlpLines(
  name: string,
  inputs: number,
  hidden: readonly number[],
  outputs: number,
  activation: Activation,
  tanh: boolean,
): string[] {
  const glorot = "kernelInitializer: 'glorotUniform'";
  const lines = [`  const ${name} = tf.sequential({ name: '${name}' });`];
  [...hidden, outputs].forEach((units, i) => {
    const input = i === 0 ? `inputShape: [${num(inputs)}], ` : '';
    lines.push(`  ${name}.add(tf.layers.dense({ ${input}units: ${num(units)}, ${glorot} }));`);
    if (i < hidden.length) lines.push(`  ${name}.add(${activationLayer(activation)});`);
  });
  if (tanh) lines.push(`  ${name}.add(tf.layers.activation({ activation: 'tanh' }));`);
  return lines;
}

export function ganTfjs(spec: GanSpec): string[] {
  const { config, schedule } = spec;
  const dim = config.dataDim ?? 2;
  const images = spec.data.kind === 'images';
  const every = Math.max(1, Math.round(spec.iterations / 10));
  const real =
    spec.data.kind === 'images'
      ? [
          ...dataNote(spec.data.dataset, '//'),
          '// YOUR DATA GOES HERE: sampleReal(n) returns n real images, flattened to 784 values rescaled',
          '// to [−1, 1] (pixel / 127.5 − 1). This random stand-in lets the script run as it is.',
          '/** @param {number} n */',
          `const sampleReal = (n) => Float32Array.from({ length: n * ${num(dim)} }, () => 2 * Math.random() - 1);`,
        ]
      : ganTarget(spec.data.target, 'js');
  const generatorLoss =
    schedule.loss === 'minimax'
      ? [
          '        // minimax: G minimises mean log(1 − D(G(z))) = −mean softplus(logit)',
          '        return /** @type {tf.Scalar} */ (tf.neg(tf.mean(tf.softplus(fakeLogits))));',
        ]
      : [
          '        // non-saturating: G minimises −mean log D(G(z)) = mean softplus(−logit)',
          '        return /** @type {tf.Scalar} */ (tf.mean(tf.softplus(tf.neg(fakeLogits))));',
        ];
  return [
    ...TFJS_HEADER,
    "// The lab's settings",
    `const NOISE_DIM = ${num(config.noiseDim)};`,
    `const DATA_DIM = ${num(dim)};`,
    `const BATCH_SIZE = ${num(schedule.batchSize)};`,
    `const ITERATIONS = ${num(spec.iterations)};`,
    `const D_STEPS = ${num(schedule.dSteps)}; // discriminator steps per iteration`,
    `const G_STEPS = ${num(schedule.gSteps)}; // generator steps per iteration`,
    `const D_LEARNING_RATE = ${num(config.dLearningRate)};`,
    `const G_LEARNING_RATE = ${num(config.gLearningRate)};`,
    `const BETA1 = ${num(config.beta1)}; // Adam's β1 for both players`,
    '',
    '// The two networks, layer for layer. The discriminator outputs a logit ℓ; D(x) = sigmoid(ℓ).',
    'export function buildModels() {',
    ...mlpLines(
      'generator',
      config.noiseDim,
      config.generatorHidden,
      dim,
      config.activation,
      config.outputActivation === 'tanh',
    ),
    ...mlpLines('discriminator', dim, config.discriminatorHidden, 1, config.activation, false),
    '  return { generator, discriminator };',
    '}',
    '',
    ...real,
    '',
    '/** The variables a player trains (a layer variable reads as its tf.Variable).',
    ' * @param {tf.LayersModel} model */',
    'const variablesOf = (model) => model.trainableWeights.map((w) => /** @type {tf.Variable} */ (w.read()));',
    '',
    'export async function main() {',
    '  const { generator, discriminator } = buildModels();',
    '  const dOptimizer = tf.train.adam(D_LEARNING_RATE, BETA1);',
    '  const gOptimizer = tf.train.adam(G_LEARNING_RATE, BETA1);',
    '  const dVariables = variablesOf(discriminator);',
    '  const gVariables = variablesOf(generator);',
    '  /** @param {tf.Tensor} x */',
    '  const logits = (x) => /** @type {tf.Tensor} */ (discriminator.apply(x));',
    '  /** @param {tf.Tensor} z */',
    '  const generate = (z) => /** @type {tf.Tensor} */ (generator.apply(z));',
    '  for (let iteration = 1; iteration <= ITERATIONS; iteration++) {',
    '    let dLoss = NaN;',
    '    let gLoss = NaN;',
    '    for (let k = 0; k < D_STEPS; k++) {',
    '      const real = tf.tensor2d(sampleReal(BATCH_SIZE), [BATCH_SIZE, DATA_DIM]);',
    '      // generated outside the minimised function: no gradient reaches the generator',
    '      const fake = tf.tidy(() => generate(tf.randomNormal([BATCH_SIZE, NOISE_DIM])));',
    '      // −[mean log D(x) + mean log(1 − D(G(z)))], written on logits so that it stays finite',
    '      const cost = dOptimizer.minimize(',
    '        () => /** @type {tf.Scalar} */ (tf.add(tf.mean(tf.softplus(tf.neg(logits(real)))), tf.mean(tf.softplus(logits(fake))))),',
    '        true,',
    '        dVariables,',
    '      );',
    '      if (cost) dLoss = (await cost.data())[0];',
    '      tf.dispose([real, fake, cost ?? []]);',
    '    }',
    '    for (let k = 0; k < G_STEPS; k++) {',
    '      const z = tf.randomNormal([BATCH_SIZE, NOISE_DIM]);',
    '      const cost = gOptimizer.minimize(',
    '        () => {',
    '          const fakeLogits = logits(generate(z));',
    ...generatorLoss.map((line) => `  ${line}`),
    '        },',
    '        true,',
    '        gVariables,',
    '      );',
    '      if (cost) gLoss = (await cost.data())[0];',
    '      tf.dispose([z, cost ?? []]);',
    '    }',
    `    if (iteration % ${num(every)} === 0 || iteration === ITERATIONS)`,
    '      console.log(`iteration ${iteration} of ${ITERATIONS}: D loss ${dLoss.toFixed(4)}, G loss ${gLoss.toFixed(4)}`);',
    '  }',
    images
      ? '  const samples = tf.tidy(() => generate(tf.randomNormal([4, NOISE_DIM])).add(1).mul(127.5).round());'
      : '  const samples = tf.tidy(() => generate(tf.randomNormal([8, NOISE_DIM])));',
    images
      ? "  console.log('four generated images (0…255):', samples.shape);"
      : "  console.log('eight generated points:');",
    '  samples.print();',
    '  samples.dispose();',
    '  generator.dispose();',
    '  discriminator.dispose();',
    '  dOptimizer.dispose();',
    '  gOptimizer.dispose();',
    '}',
    '',
    TFJS_RUN_LINE,
  ];
}

export function planeTfjs(spec: PlaneSpec): string[] {
  const glorot = "kernelInitializer: 'glorotUniform'";
  const layers = [...spec.hidden].map(
    (units, i) =>
      `  model.add(tf.layers.dense({ ${i === 0 ? 'inputShape: [2], ' : ''}units: ${num(units)}, activation: '${spec.activation}', ${glorot} }));`,
  );
  return [
    ...TFJS_HEADER,
    "// The lab's settings",
    `const LEARNING_RATE = ${num(spec.learningRate)};`,
    `const STEPS = ${num(spec.steps)}; // full-batch Adam steps`,
    `const POINTS = ${num(spec.points)}; // training points, and as many test points`,
    `const NOISE = ${num(spec.noise)};`,
    '',
    '// The network: 2 inputs (x, y), the hidden layers, one sigmoid unit, p(class 1)',
    'export function buildModel() {',
    '  const model = tf.sequential();',
    ...layers,
    `  model.add(tf.layers.dense({ units: 1, activation: 'sigmoid', ${glorot} }));`,
    '  return model;',
    '}',
    '',
    ...planeTarget(spec.dataset, 'js'),
    '',
    ...TFJS_SHOW,
    'export async function main() {',
    '  const train = makeData(POINTS);',
    '  const test = makeData(POINTS);',
    '  const model = buildModel();',
    '  const optimizer = tf.train.adam(LEARNING_RATE);',
    "  model.compile({ optimizer, loss: 'binaryCrossentropy', metrics: ['accuracy'] });",
    '  // one epoch of one batch holding every point: one full-batch step',
    '  await model.fit(train.xs, train.ys, {',
    '    epochs: STEPS,',
    '    batchSize: POINTS,',
    '    verbose: 0,',
    '    callbacks: {',
    '      onEpochEnd: async (epoch, logs) => {',
    '        if ((epoch + 1) % 100 === 0 || epoch + 1 === STEPS) console.log(`step ${epoch + 1}: ${show(logs)}`);',
    '      },',
    '    },',
    '  });',
    '  const [loss, accuracy] = /** @type {tf.Scalar[]} */ (model.evaluate(test.xs, test.ys));',
    '  console.log(`test: loss ${loss.dataSync()[0].toFixed(4)}, accuracy ${accuracy.dataSync()[0].toFixed(4)}`);',
    '  tf.dispose([train.xs, train.ys, test.xs, test.ys, loss, accuracy]);',
    '  model.dispose();',
    '  optimizer.dispose();',
    '}',
    '',
    TFJS_RUN_LINE,
  ];
}
