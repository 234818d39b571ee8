/**
 * One layer of a `ModelConfig` as a TensorFlow.js call and as a Keras call, with the same sizes and
 * the same initialisation rules as `build-model.ts` (Glorot-uniform kernels, sigmoid gates, an
 * LSTM's unit forget bias, TensorFlow.js's GRU without Keras's `reset_after`). Strings only.
 */
import type { Activation, LayerSpec, ModelConfig } from '../models/model-config';
import { num } from './spec';

const list = (values: readonly number[]) => `[${values.map(num).join(', ')}]`;
const tuple = (values: readonly number[]) =>
  values.length === 1 ? `(${num(values[0]!)},)` : `(${values.map(num).join(', ')})`;

/** The TensorFlow.js expression for a layer (`input` adds `inputShape` to the first layer). */
export function tfjsLayer(layer: LayerSpec, inputShape?: readonly number[]): string {
  const input = inputShape ? `inputShape: ${list(inputShape)}, ` : '';
  const glorot = `kernelInitializer: 'glorotUniform'`;
  switch (layer.type) {
    case 'conv2d':
    case 'conv1d':
      return `tf.layers.${layer.type}({ ${input}filters: ${num(layer.filters)}, kernelSize: ${num(layer.kernelSize)}, activation: '${layer.activation}', ${glorot} })`;
    case 'maxPooling2d':
      return `tf.layers.maxPooling2d({ ${input}poolSize: ${num(layer.poolSize)} })`;
    case 'flatten':
      return `tf.layers.flatten(${inputShape ? `{ inputShape: ${list(inputShape)} }` : ''})`;
    case 'dense':
      return `tf.layers.dense({ ${input}units: ${num(layer.units)}, activation: '${layer.activation}', ${glorot} })`;
    case 'reshape':
      return `tf.layers.reshape({ ${input}targetShape: ${list(layer.targetShape)} })`;
    case 'embedding':
      return `tf.layers.embedding({ ${input}inputDim: ${num(layer.inputDim)}, outputDim: ${num(layer.outputDim)}, inputLength: ${num(layer.inputLength)}, maskZero: ${layer.maskZero ? 'true' : 'false'}, embeddingsInitializer: tf.initializers.randomUniform({ minval: -0.05, maxval: 0.05 }) })`;
    case 'globalAveragePooling1d':
    case 'globalMaxPooling1d':
    case 'globalAveragePooling2d':
    case 'globalMaxPooling2d':
      return `tf.layers.${layer.type}(${inputShape ? `{ inputShape: ${list(inputShape)} }` : '{}'})`;
    case 'dropout':
      return `tf.layers.dropout({ ${input}rate: ${num(layer.rate)} })`;
    case 'batchNormalization':
      return `tf.layers.batchNormalization({ ${input}axis: -1, momentum: ${num(layer.momentum ?? 0.99)}, epsilon: 0.001 })`;
    case 'simpleRNN':
    case 'lstm':
    case 'gru': {
      const common = `${input}units: ${num(layer.units)}, returnSequences: ${layer.returnSequences ? 'true' : 'false'}, ${glorot}, recurrentInitializer: 'orthogonal'`;
      if (layer.type === 'simpleRNN') return `tf.layers.simpleRNN({ ${common} })`;
      if (layer.type === 'gru') return `tf.layers.gru({ ${common}, recurrentActivation: 'sigmoid' })`;
      return `tf.layers.lstm({ ${common}, recurrentActivation: 'sigmoid', unitForgetBias: true })`;
    }
    default: {
      const unreachable: never = layer;
      throw new Error(`unknown layer ${JSON.stringify(unreachable)}`);
    }
  }
}

/** An LSTM whose forget bias is not Keras's 1 (the race's LSTM starts at 2). */
export const customForgetBias = (layer: LayerSpec): number | undefined =>
  layer.type === 'lstm' && layer.forgetBias !== undefined && layer.forgetBias !== 1 ? layer.forgetBias : undefined;

/** `buildModel()` of a TensorFlow.js script: the config's layers, one `model.add` each. */
export function tfjsBuildModel(config: ModelConfig): string[] {
  const lines = [
    'export function buildModel() {',
    '  const model = tf.sequential();',
    "  // tf.tidy frees the temporary tensors the layers' initialisers leave behind (the weights stay)",
    '  tf.tidy(() => {',
  ];
  config.layers.forEach((layer, i) => {
    const call = tfjsLayer(layer, i === 0 ? config.inputShape : undefined);
    const bias = customForgetBias(layer);
    if (bias === undefined) {
      lines.push(`    model.add(${call});`);
    } else {
      lines.push(`    const layer${i} = ${call};`, `    model.add(layer${i});`);
      lines.push(
        `    // the forget gate's bias starts at ${num(bias)} (Keras's default is 1): a fresh cell remembers longer`,
      );
      lines.push(`    setForgetBias(layer${i}, ${num(layer.type === 'lstm' ? layer.units : 0)}, ${num(bias)});`);
    }
  });
  lines.push('  });', '  return model;', '}');
  if (config.layers.some((l) => customForgetBias(l) !== undefined)) {
    lines.push(
      '',
      "/** Sets an LSTM's forget-gate bias; the bias is stacked [input, forget, cell, output], `units` each.",
      ' * @param {tf.layers.Layer} layer @param {number} units @param {number} value */',
      'function setForgetBias(layer, units, value) {',
      '  const [kernel, recurrentKernel, bias] = layer.getWeights();',
      '  const values = Float32Array.from(bias.dataSync());',
      '  values.fill(value, units, 2 * units);',
      '  const next = tf.tensor1d(values);',
      '  layer.setWeights([kernel, recurrentKernel, next]);',
      '  next.dispose();',
      '}',
    );
  }
  return lines;
}

const pyActivation = (a: Activation) => `activation="${a}"`;

/** The Keras expression for a layer. */
export function kerasLayer(layer: LayerSpec): string {
  switch (layer.type) {
    case 'conv2d':
      return `layers.Conv2D(${num(layer.filters)}, ${num(layer.kernelSize)}, ${pyActivation(layer.activation)})`;
    case 'conv1d':
      return `layers.Conv1D(${num(layer.filters)}, ${num(layer.kernelSize)}, ${pyActivation(layer.activation)})`;
    case 'maxPooling2d':
      return `layers.MaxPooling2D(${num(layer.poolSize)})`;
    case 'flatten':
      return 'layers.Flatten()';
    case 'dense':
      return `layers.Dense(${num(layer.units)}, ${pyActivation(layer.activation)})`;
    case 'reshape':
      return `layers.Reshape(${tuple(layer.targetShape)})`;
    case 'embedding':
      return `layers.Embedding(${num(layer.inputDim)}, ${num(layer.outputDim)}, mask_zero=${layer.maskZero ? 'True' : 'False'})`;
    case 'globalAveragePooling1d':
      return 'layers.GlobalAveragePooling1D()';
    case 'globalMaxPooling1d':
      return 'layers.GlobalMaxPooling1D()';
    case 'globalAveragePooling2d':
      return 'layers.GlobalAveragePooling2D()';
    case 'globalMaxPooling2d':
      return 'layers.GlobalMaxPooling2D()';
    case 'dropout':
      return `layers.Dropout(${num(layer.rate)})`;
    case 'batchNormalization':
      return `layers.BatchNormalization(momentum=${num(layer.momentum ?? 0.99)}, epsilon=0.001)`;
    case 'simpleRNN':
    case 'lstm':
    case 'gru': {
      const sequences = layer.returnSequences ? ', return_sequences=True' : '';
      if (layer.type === 'simpleRNN') return `layers.SimpleRNN(${num(layer.units)}${sequences})`;
      // TensorFlow.js's GRU has one bias per gate (Keras's reset_after=False)
      if (layer.type === 'gru') return `layers.GRU(${num(layer.units)}${sequences}, reset_after=False)`;
      const bias = customForgetBias(layer);
      return bias === undefined
        ? `layers.LSTM(${num(layer.units)}${sequences})`
        : `layers.LSTM(${num(layer.units)}${sequences}, unit_forget_bias=False, bias_initializer=forget_bias(${num(bias)}, ${num(layer.units)}))`;
    }
    default: {
      const unreachable: never = layer;
      throw new Error(`unknown layer ${JSON.stringify(unreachable)}`);
    }
  }
}

/** `build_model()` of a Keras script. */
export function kerasBuildModel(config: ModelConfig): string[] {
  const lines: string[] = [];
  if (config.layers.some((l) => customForgetBias(l) !== undefined)) {
    lines.push(
      'def forget_bias(value, units):',
      '    """An LSTM bias initialiser: the forget gate\'s bias at `value`, the others at 0."""',
      '',
      '    def init(shape, dtype=None):',
      '        bias = np.zeros(shape, dtype="float32")',
      '        bias[units : 2 * units] = value',
      '        return tf.constant(bias, dtype=dtype)',
      '',
      '    return init',
      '',
      '',
    );
  }
  lines.push('def build_model():', '    return keras.Sequential(', '        [');
  lines.push(`            keras.Input(shape=${tuple(config.inputShape)}),`);
  for (const layer of config.layers) lines.push(`            ${kerasLayer(layer)},`);
  lines.push('        ]', '    )');
  return lines;
}
