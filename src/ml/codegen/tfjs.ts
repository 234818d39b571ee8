/**
 * A complete TensorFlow.js script (an ES module in plain JavaScript, typed through JSDoc) for a
 * lab's current settings: the same model layer for layer, the same optimizer, learning rate,
 * schedule and loss, the data (a stand-in of the right shape where the reader's data goes, or the
 * task itself where it is synthetic), trained for the same epochs and batch size, printing its
 * metrics. `buildModel()` (or `buildModels()`) and `main()` are exported so a test can build the
 * model without training; the last line (`TFJS_RUN_LINE`) runs `main()`.
 */
import { dataNote } from './data-notes';
import { tfjsBuildModel } from './layers';
import { TFJS_HEADER, TFJS_SHOW } from './tfjs-common';
import { ganTfjs, planeTfjs } from './tfjs-gan';
import { num, TFJS_RUN_LINE, type CodeSpec, type SupervisedSpec } from './spec';

/** The classes of a classifier: the units of its last dense layer. */
export function outputsOf(spec: SupervisedSpec): number {
  const last = spec.model.layers.at(-1);
  if (last?.type !== 'dense') throw new Error('a supervised model must end in a dense layer');
  return last.units;
}

function imagesData(spec: SupervisedSpec & { data: { kind: 'images' } }): string[] {
  const shape = spec.model.inputShape.map(num).join(', ');
  const classes = num(outputsOf(spec));
  const lines = [
    ...dataNote(spec.data.dataset, '//'),
    '// YOUR DATA GOES HERE. So that this script runs as it is, loadData makes random stand-ins of the',
    `// same shape: xs [count, ${shape}] with values in [0, 1], ys one-hot [count, ${classes}]. Replace`,
    '// them with your own tensors of these shapes (a random stand-in learns nothing, of course).',
    '/** @param {number} count */',
    'function loadData(count) {',
    `  const xs = tf.randomUniform([count, ${shape}]);`,
    `  const labels = tf.randomUniform([count], 0, ${classes}, 'int32');`,
    `  const ys = tf.oneHot(labels, ${classes});`,
    '  labels.dispose();',
    '  return { xs, ys };',
    '}',
  ];
  if (spec.data.dataset === 'mnist' || spec.data.dataset === 'fashion-mnist') {
    lines.push(
      '',
      '// To read the real IDX files in Node.js (after gunzip):',
      "//   import { readFileSync } from 'node:fs';",
      "//   const images = readIdx(readFileSync('train-images-idx3-ubyte'));",
      `//   const xs = tf.tensor(Float32Array.from(images.data, (v) => v / 255), [images.shape[0], ${shape}]);`,
      "//   const ys = tf.oneHot(tf.tensor1d(Int32Array.from(readIdx(readFileSync('train-labels-idx1-ubyte')).data), 'int32'), 10);",
      '/** An IDX file: its dimensions (big-endian 32-bit after a 4-byte header) and its bytes.',
      ' * @param {Uint8Array} bytes */',
      'export function readIdx(bytes) {',
      '  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);',
      '  const rank = view.getUint8(3);',
      '  /** @type {number[]} */',
      '  const shape = [];',
      '  for (let i = 0; i < rank; i++) shape.push(view.getUint32(4 + 4 * i));',
      '  return { shape, data: bytes.subarray(4 + 4 * rank) };',
      '}',
    );
  }
  return lines;
}

function recallData(spec: SupervisedSpec & { data: { kind: 'recall' } }): string[] {
  const { length, symbols } = spec.data;
  return [
    `// The task: ${num(length)} steps, each one of ${num(symbols)} symbols, one-hot, plus a marker channel lit on the`,
    '// first step; the label is that first symbol. A model must keep it in memory to the end.',
    '/** @param {number} count */',
    'function loadData(count) {',
    `  const length = ${num(length)};`,
    `  const symbols = ${num(symbols)};`,
    '  const width = symbols + 1;',
    '  const xs = new Float32Array(count * length * width);',
    '  const labels = new Int32Array(count);',
    '  for (let n = 0; n < count; n++) {',
    '    for (let t = 0; t < length; t++) {',
    '      const symbol = Math.floor(Math.random() * symbols);',
    '      xs[(n * length + t) * width + symbol] = 1;',
    '      if (t === 0) {',
    '        xs[n * length * width + symbols] = 1;',
    '        labels[n] = symbol;',
    '      }',
    '    }',
    '  }',
    '  return {',
    '    xs: tf.tensor4d(xs, [count, length, width, 1]),',
    "    ys: tf.tidy(() => tf.oneHot(tf.tensor1d(labels, 'int32'), symbols)),",
    '  };',
    '}',
  ];
}

function seriesData(spec: SupervisedSpec & { data: { kind: 'series' } }): string[] {
  const steps = spec.model.inputShape[0]!;
  return [
    `// YOUR DATA GOES HERE: \`series\`, the values in time order. The lab forecasts ${spec.data.name};`,
    '// this stand-in (a yearly cycle on a trend, with noise) lets the script run as it is.',
    'const series = Array.from({ length: 600 }, (_, t) => 0.01 * t + Math.sin((2 * Math.PI * t) / 12) + 0.2 * Math.random());',
    `const WINDOW = ${num(steps)};`,
    '',
    '/** Windows of WINDOW values, each with the value that follows it.',
    ' * @param {number[]} values @param {number} mean @param {number} std */',
    'function windows(values, mean, std) {',
    '  const count = values.length - WINDOW;',
    '  const xs = new Float32Array(count * WINDOW);',
    '  const ys = new Float32Array(count);',
    '  for (let i = 0; i < count; i++) {',
    '    for (let t = 0; t < WINDOW; t++) xs[i * WINDOW + t] = (values[i + t] - mean) / std;',
    '    ys[i] = (values[i + WINDOW] - mean) / std;',
    '  }',
    '  return { xs: tf.tensor4d(xs, [count, WINDOW, 1, 1]), ys: tf.tensor2d(ys, [count, 1]) };',
    '}',
    '',
    '/** Split by time (the last fifth is the test period, never seen in training), standardised',
    ' * with the training part’s mean and standard deviation. */',
    'function loadSplit() {',
    '  const cut = Math.floor(series.length * 0.8);',
    '  const head = series.slice(0, cut);',
    '  const mean = head.reduce((a, b) => a + b, 0) / head.length;',
    '  const std = Math.sqrt(head.reduce((a, b) => a + (b - mean) ** 2, 0) / head.length) || 1;',
    '  return { train: windows(head, mean, std), test: windows(series.slice(cut - WINDOW), mean, std) };',
    '}',
  ];
}

function supervisedTfjs(spec: SupervisedSpec): string[] {
  const { hyper, model } = spec;
  const classifier = model.loss === 'categoricalCrossentropy';
  const cosine = hyper.schedule === 'cosine';
  const data =
    spec.data.kind === 'images'
      ? imagesData({ ...spec, data: spec.data })
      : spec.data.kind === 'recall'
        ? recallData({ ...spec, data: spec.data })
        : seriesData({ ...spec, data: spec.data });
  const counts =
    spec.data.kind === 'series'
      ? []
      : [`const TRAIN_EXAMPLES = ${num(spec.data.train)};`, `const TEST_EXAMPLES = ${num(spec.data.test)};`];
  const load =
    spec.data.kind === 'series'
      ? ['  const { train, test } = loadSplit();']
      : ['  const train = loadData(TRAIN_EXAMPLES);', '  const test = loadData(TEST_EXAMPLES);'];
  return [
    ...TFJS_HEADER,
    "// The lab's settings",
    `const LEARNING_RATE = ${num(hyper.learningRate)};`,
    `const BATCH_SIZE = ${num(hyper.batchSize)};`,
    `const EPOCHS = ${num(hyper.epochs)};`,
    ...counts,
    '',
    '// The model, layer for layer (Glorot-uniform kernels and sigmoid gates, as Keras makes them)',
    ...tfjsBuildModel(model),
    '',
    ...data,
    '',
    ...TFJS_SHOW,
    ...(cosine
      ? [
          "/** tf.js's optimizers read `learningRate` at every step (the field is only declared protected).",
          ' * @param {tf.Optimizer} optimizer @param {number} rate */',
          'function setLearningRate(optimizer, rate) {',
          '  /** @type {{ learningRate: number }} */ (/** @type {unknown} */ (optimizer)).learningRate = rate;',
          '}',
          '',
        ]
      : []),
    'export async function main() {',
    ...load,
    '  const model = buildModel();',
    `  const optimizer = tf.train.${hyper.optimizer}(LEARNING_RATE);`,
    classifier
      ? "  model.compile({ optimizer, loss: 'categoricalCrossentropy', metrics: ['accuracy'] });"
      : "  model.compile({ optimizer, loss: 'meanSquaredError' });",
    '  model.summary();',
    ...(cosine
      ? [
          '  // cosine decay: from LEARNING_RATE at the first batch to nearly 0 at the last',
          '  const totalSteps = EPOCHS * Math.ceil(train.xs.shape[0] / BATCH_SIZE);',
          '  let step = 0;',
        ]
      : []),
    ...(spec.data.kind === 'images' && spec.data.mistake
      ? [
          "  // the lab's deliberate mistake: the training labels shuffled apart from their images, so the",
          '  // loss stays near ln 10 = 2.3026 and the accuracy at chance (the test labels stay right)',
          "  const order = tf.tensor1d(Int32Array.from(tf.util.createShuffledIndices(train.ys.shape[0])), 'int32');",
          '  const detached = tf.gather(train.ys, order);',
          '  order.dispose();',
          '  train.ys.dispose();',
          '  train.ys = detached;',
        ]
      : []),
    '  await model.fit(train.xs, train.ys, {',
    '    epochs: EPOCHS,',
    '    batchSize: BATCH_SIZE,',
    '    shuffle: true,',
    '    validationData: [test.xs, test.ys],',
    '    verbose: 0,',
    '    callbacks: {',
    ...(cosine
      ? [
          '      onBatchBegin: async () => {',
          '        setLearningRate(optimizer, LEARNING_RATE * 0.5 * (1 + Math.cos((Math.PI * step) / totalSteps)));',
          '        step += 1;',
          '      },',
        ]
      : []),
    '      onEpochEnd: async (epoch, logs) => console.log(`epoch ${epoch + 1} of ${EPOCHS}: ${show(logs)}`),',
    '    },',
    '  });',
    ...(spec.data.kind === 'series'
      ? [
          '  // the honest baseline: tomorrow is today (the last value of each window)',
          '  const last = tf.tidy(() => test.xs.reshape([-1, WINDOW]).slice([0, WINDOW - 1], [-1, 1]));',
          '  const baseline = tf.tidy(() => tf.losses.meanSquaredError(test.ys, last).dataSync()[0]);',
          '  const mse = tf.tidy(() => tf.losses.meanSquaredError(test.ys, /** @type {tf.Tensor} */ (model.predict(test.xs))).dataSync()[0]);',
          '  console.log(`test MSE ${mse.toFixed(4)} against ${baseline.toFixed(4)} for the last value (standardised units)`);',
          '  last.dispose();',
        ]
      : []),
    '  tf.dispose([train.xs, train.ys, test.xs, test.ys]);',
    '  model.dispose();',
    '  optimizer.dispose();',
    '}',
    '',
    TFJS_RUN_LINE,
  ];
}

/** The TensorFlow.js script for a lab's settings. */
export function tfjsScript(spec: CodeSpec): string {
  const lines =
    spec.kind === 'supervised' ? supervisedTfjs(spec) : spec.kind === 'gan' ? ganTfjs(spec) : planeTfjs(spec);
  return `${lines.join('\n')}\n`;
}
