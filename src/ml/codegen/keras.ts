/**
 * The Keras (Python, TensorFlow 2) script equivalent to `tfjs.ts`'s: the same layers and sizes,
 * optimizer, learning rate, schedule, loss, epochs and batch size; the real dataset where Keras
 * ships it (MNIST, Fashion-MNIST, CIFAR-10), a stand-in of the right shape elsewhere. Strings only.
 */
import { dataNote } from './data-notes';
import { kerasBuildModel } from './layers';
import { ganTarget, planeTarget } from './targets-code';
import { num, type CodeSpec, type GanSpec, type PlaneSpec, type SupervisedSpec } from './spec';
import { outputsOf } from './tfjs';

const HEADER = [
  "# A Keras script for the lab's current settings, from the book Deep Learning, Hands On.",
  '# Run it with Python 3 and TensorFlow 2: `pip install tensorflow`, then `python train.py`.',
  'import math',
  '',
  'import numpy as np',
  'import tensorflow as tf',
  'from tensorflow import keras',
  'from tensorflow.keras import layers',
  '',
  'rng = np.random.default_rng()',
  '',
];

const KERAS_DATASETS: Partial<Record<string, string>> = {
  mnist: 'mnist',
  'fashion-mnist': 'fashion_mnist',
  'cifar-10': 'cifar10',
};

function imagesData(spec: SupervisedSpec & { data: { kind: 'images' } }): string[] {
  const shape = spec.model.inputShape.map(num).join(', ');
  const classes = num(outputsOf(spec));
  const keras = KERAS_DATASETS[spec.data.dataset];
  if (keras)
    return [
      'def load_data():',
      `    """${spec.data.dataset} as Keras downloads it, pixels scaled to [0, 1], labels one-hot."""`,
      `    (x_train, y_train), (x_test, y_test) = keras.datasets.${keras}.load_data()`,
      '',
      '    def prepare(x, y, count):',
      `        x = x[:count].reshape(-1, ${shape}).astype("float32") / 255`,
      `        return x, keras.utils.to_categorical(y[:count], ${classes})`,
      '',
      '    return prepare(x_train, y_train, TRAIN_EXAMPLES), prepare(x_test, y_test, TEST_EXAMPLES)',
    ];
  return [
    ...dataNote(spec.data.dataset, '#'),
    '# YOUR DATA GOES HERE: random stand-ins of the same shape let the script run as it is.',
    'def load_data():',
    '    def stand_in(count):',
    `        x = rng.random((count, ${shape}), dtype="float32")`,
    `        return x, keras.utils.to_categorical(rng.integers(0, ${classes}, count), ${classes})`,
    '',
    '    return stand_in(TRAIN_EXAMPLES), stand_in(TEST_EXAMPLES)',
  ];
}

function recallData(spec: SupervisedSpec & { data: { kind: 'recall' } }): string[] {
  const { length, symbols } = spec.data;
  return [
    `# The task: ${num(length)} steps, each one of ${num(symbols)} symbols, one-hot, plus a marker channel lit on the`,
    '# first step; the label is that first symbol. A model must keep it in memory to the end.',
    'def load_data():',
    '    def sequences(count):',
    `        length, symbols = ${num(length)}, ${num(symbols)}`,
    '        ids = rng.integers(0, symbols, (count, length))',
    '        x = np.zeros((count, length, symbols + 1, 1), dtype="float32")',
    '        x[np.arange(count)[:, None], np.arange(length)[None, :], ids, 0] = 1',
    '        x[:, 0, symbols, 0] = 1',
    '        return x, keras.utils.to_categorical(ids[:, 0], symbols)',
    '',
    '    return sequences(TRAIN_EXAMPLES), sequences(TEST_EXAMPLES)',
  ];
}

function seriesData(spec: SupervisedSpec & { data: { kind: 'series' } }): string[] {
  return [
    `WINDOW = ${num(spec.model.inputShape[0]!)}`,
    '',
    `# YOUR DATA GOES HERE: \`series\`, the values in time order. The lab forecasts ${spec.data.name};`,
    '# this stand-in (a yearly cycle on a trend, with noise) lets the script run as it is.',
    't = np.arange(600)',
    'series = 0.01 * t + np.sin(2 * np.pi * t / 12) + 0.2 * rng.random(600)',
    '',
    '',
    'def load_data():',
    '    """Split by time (the last fifth is the test period), standardised with the training part."""',
    '    cut = int(len(series) * 0.8)',
    '    mean, std = series[:cut].mean(), series[:cut].std() or 1.0',
    '    scaled = ((series - mean) / std).astype("float32")',
    '',
    '    def windows(values):',
    '        x = np.stack([values[i : i + WINDOW] for i in range(len(values) - WINDOW)])',
    '        return x.reshape(-1, WINDOW, 1, 1), values[WINDOW:].reshape(-1, 1)',
    '',
    '    return windows(scaled[:cut]), windows(scaled[cut - WINDOW :])',
  ];
}

function supervisedKeras(spec: SupervisedSpec): string[] {
  const { hyper, model } = spec;
  const classifier = model.loss === 'categoricalCrossentropy';
  const optimizer = { adam: 'Adam', sgd: 'SGD', rmsprop: 'RMSprop' }[hyper.optimizer];
  const data =
    spec.data.kind === 'images'
      ? imagesData({ ...spec, data: spec.data })
      : spec.data.kind === 'recall'
        ? recallData({ ...spec, data: spec.data })
        : seriesData({ ...spec, data: spec.data });
  return [
    ...HEADER,
    "# The lab's settings",
    `LEARNING_RATE = ${num(hyper.learningRate)}`,
    `BATCH_SIZE = ${num(hyper.batchSize)}`,
    `EPOCHS = ${num(hyper.epochs)}`,
    ...(spec.data.kind === 'series'
      ? []
      : [`TRAIN_EXAMPLES = ${num(spec.data.train)}`, `TEST_EXAMPLES = ${num(spec.data.test)}`]),
    '',
    '',
    ...kerasBuildModel(model),
    '',
    '',
    ...data,
    '',
    '',
    '(x_train, y_train), (x_test, y_test) = load_data()',
    ...(spec.data.kind === 'images' && spec.data.mistake
      ? [
          "# the lab's deliberate mistake: the training labels shuffled apart from their images, so the",
          '# loss stays near ln 10 = 2.3026 and the accuracy at chance (the test labels stay right)',
          'y_train = rng.permutation(y_train)',
        ]
      : []),
    'model = build_model()',
    ...(hyper.schedule === 'cosine'
      ? [
          '# cosine decay: from LEARNING_RATE at the first batch to nearly 0 at the last',
          'rate = keras.optimizers.schedules.CosineDecay(',
          '    LEARNING_RATE, decay_steps=EPOCHS * math.ceil(len(x_train) / BATCH_SIZE)',
          ')',
        ]
      : ['rate = LEARNING_RATE']),
    'model.compile(',
    `    optimizer=keras.optimizers.${optimizer}(learning_rate=rate),`,
    classifier ? '    loss="categorical_crossentropy",' : '    loss="mean_squared_error",',
    ...(classifier ? ['    metrics=["accuracy"],'] : []),
    ')',
    'model.summary()',
    'model.fit(',
    '    x_train,',
    '    y_train,',
    '    epochs=EPOCHS,',
    '    batch_size=BATCH_SIZE,',
    '    shuffle=True,',
    '    validation_data=(x_test, y_test),',
    ')',
    ...(spec.data.kind === 'series'
      ? [
          '# the honest baseline: tomorrow is today (the last value of each window)',
          'baseline = np.mean((x_test[:, -1, 0, 0] - y_test[:, 0]) ** 2)',
          'mse = model.evaluate(x_test, y_test, verbose=0)',
          'print(f"test MSE {mse:.4f} against {baseline:.4f} for the last value (standardised units)")',
        ]
      : ['print("test:", model.evaluate(x_test, y_test, verbose=0, return_dict=True))']),
  ];
}

function mlpKeras(name: string, inputs: number, hidden: readonly number[], outputs: number, spec: GanSpec): string[] {
  const activation =
    spec.config.activation === 'leakyRelu' ? 'layers.LeakyReLU(0.2)' : `layers.Activation("${spec.config.activation}")`;
  const lines = [`    ${name} = keras.Sequential(`, '        [', `            keras.Input(shape=(${num(inputs)},)),`];
  for (const units of hidden) lines.push(`            layers.Dense(${num(units)}),`, `            ${activation},`);
  lines.push(`            layers.Dense(${num(outputs)}),`);
  if (name === 'generator' && spec.config.outputActivation === 'tanh')
    lines.push('            layers.Activation("tanh"),');
  lines.push('        ],', `        name="${name}",`, '    )');
  return lines;
}

function ganKeras(spec: GanSpec): string[] {
  const { config, schedule } = spec;
  const dim = config.dataDim ?? 2;
  const every = Math.max(1, Math.round(spec.iterations / 10));
  const real =
    spec.data.kind === 'images'
      ? [
          'def sample_real(n, _images=[]):',
          `    """n real ${spec.data.dataset} images, flattened and rescaled to [−1, 1]."""`,
          '    if not _images:',
          `        (x, _), _ = keras.datasets.${KERAS_DATASETS[spec.data.dataset]}.load_data()`,
          '        _images.append(x.reshape(len(x), -1).astype("float32") / 127.5 - 1)',
          '    images = _images[0]',
          '    return images[rng.integers(0, len(images), n)]',
        ]
      : ganTarget(spec.data.target, 'py');
  const gLoss =
    schedule.loss === 'minimax'
      ? '        loss = -tf.reduce_mean(tf.nn.softplus(fake_logits))  # minimax: mean log(1 − D(G(z)))'
      : '        loss = tf.reduce_mean(tf.nn.softplus(-fake_logits))  # non-saturating: −mean log D(G(z))';
  return [
    ...HEADER,
    "# The lab's settings",
    `NOISE_DIM = ${num(config.noiseDim)}`,
    `BATCH_SIZE = ${num(schedule.batchSize)}`,
    `ITERATIONS = ${num(spec.iterations)}`,
    `D_STEPS = ${num(schedule.dSteps)}  # discriminator steps per iteration`,
    `G_STEPS = ${num(schedule.gSteps)}  # generator steps per iteration`,
    `D_LEARNING_RATE = ${num(config.dLearningRate)}`,
    `G_LEARNING_RATE = ${num(config.gLearningRate)}`,
    `BETA1 = ${num(config.beta1)}  # Adam's beta_1 for both players`,
    '',
    '',
    'def build_models():',
    '    """The two networks. The discriminator outputs a logit l; D(x) = sigmoid(l)."""',
    ...mlpKeras('generator', config.noiseDim, config.generatorHidden, dim, spec),
    ...mlpKeras('discriminator', dim, config.discriminatorHidden, 1, spec),
    '    return generator, discriminator',
    '',
    '',
    ...real,
    '',
    '',
    'generator, discriminator = build_models()',
    'd_optimizer = keras.optimizers.Adam(D_LEARNING_RATE, beta_1=BETA1)',
    'g_optimizer = keras.optimizers.Adam(G_LEARNING_RATE, beta_1=BETA1)',
    '',
    '',
    '@tf.function',
    'def discriminator_step(real):',
    '    fake = generator(tf.random.normal((BATCH_SIZE, NOISE_DIM)))',
    '    with tf.GradientTape() as tape:',
    '        # −[mean log D(x) + mean log(1 − D(G(z)))], on logits so that it stays finite',
    '        loss = tf.reduce_mean(tf.nn.softplus(-discriminator(real))) + tf.reduce_mean(',
    '            tf.nn.softplus(discriminator(fake))',
    '        )',
    '    grads = tape.gradient(loss, discriminator.trainable_variables)',
    '    d_optimizer.apply_gradients(zip(grads, discriminator.trainable_variables))',
    '    return loss',
    '',
    '',
    '@tf.function',
    'def generator_step():',
    '    z = tf.random.normal((BATCH_SIZE, NOISE_DIM))',
    '    with tf.GradientTape() as tape:',
    '        fake_logits = discriminator(generator(z))',
    gLoss,
    '    grads = tape.gradient(loss, generator.trainable_variables)',
    '    g_optimizer.apply_gradients(zip(grads, generator.trainable_variables))',
    '    return loss',
    '',
    '',
    'for iteration in range(1, ITERATIONS + 1):',
    '    for _ in range(D_STEPS):',
    '        d_loss = discriminator_step(sample_real(BATCH_SIZE))',
    '    for _ in range(G_STEPS):',
    '        g_loss = generator_step()',
    `    if iteration % ${num(every)} == 0 or iteration == ITERATIONS:`,
    '        print(f"iteration {iteration} of {ITERATIONS}: D loss {float(d_loss):.4f}, G loss {float(g_loss):.4f}")',
    'print(generator(tf.random.normal((8, NOISE_DIM))).numpy())',
  ];
}

function planeKeras(spec: PlaneSpec): string[] {
  return [
    ...HEADER,
    "# The lab's settings",
    `LEARNING_RATE = ${num(spec.learningRate)}`,
    `STEPS = ${num(spec.steps)}  # full-batch Adam steps`,
    `POINTS = ${num(spec.points)}  # training points, and as many test points`,
    `NOISE = ${num(spec.noise)}`,
    '',
    '',
    'def build_model():',
    '    return keras.Sequential(',
    '        [',
    '            keras.Input(shape=(2,)),',
    ...spec.hidden.map((units) => `            layers.Dense(${num(units)}, activation="${spec.activation}"),`),
    '            layers.Dense(1, activation="sigmoid"),',
    '        ]',
    '    )',
    '',
    '',
    ...planeTarget(spec.dataset, 'py'),
    '',
    '',
    '(x_train, y_train), (x_test, y_test) = make_data(POINTS), make_data(POINTS)',
    'model = build_model()',
    'model.compile(',
    '    optimizer=keras.optimizers.Adam(learning_rate=LEARNING_RATE),',
    '    loss="binary_crossentropy",',
    '    metrics=["accuracy"],',
    ')',
    '# one epoch of one batch holding every point: one full-batch step',
    'model.fit(x_train, y_train, epochs=STEPS, batch_size=POINTS, verbose=0)',
    'print("test:", model.evaluate(x_test, y_test, verbose=0, return_dict=True))',
  ];
}

/** The Keras script for a lab's settings. */
export function kerasScript(spec: CodeSpec): string {
  const lines =
    spec.kind === 'supervised' ? supervisedKeras(spec) : spec.kind === 'gan' ? ganKeras(spec) : planeKeras(spec);
  return `${lines.join('\n')}\n`;
}
