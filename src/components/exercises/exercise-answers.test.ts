// Every checked numeric answer in the exercises, in both locales, recomputed here: with the book's
// own code where it computes the quantity (parameter counts and output shapes from the model configs
// the labs train, convolution sizes from conv-step.ts, forecast errors from series.ts), otherwise
// from the formula the solution works through. An exercise with a numeric answer and no entry here
// fails, so no answer goes unchecked; the typed-answer check itself accepts the computed value.
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { LOCALE_DIRS } from '../../chapters';
import { bookExercises } from '../../markdown/exercises';
import { errors } from '../../ml/data/series';
import { outputSize } from '../../ml/explain/conv-step';
import { articleCnn, countParams, recurrentModel, summarise, type ModelConfig } from '../../ml/models/model-config';
import { numericMatches } from './exercise-logic';

const dense = (inputs: number, layers: number[]): ModelConfig => ({
  inputShape: [inputs, 1, 1],
  layers: [
    { type: 'flatten' },
    ...layers.map((units) => ({ type: 'dense' as const, units, activation: 'relu' as const })),
  ],
  optimizer: 'adam',
  learningRate: 0.001,
  loss: 'categoricalCrossentropy',
  batchSize: 32,
});
const rowsOf = (config: ModelConfig) => summarise(config);
const product = (shape: number[]) => shape.reduce((a, b) => a * b, 1);
const colour = rowsOf(articleCnn([32, 32, 3]));
const conv5: ModelConfig = {
  ...articleCnn(),
  layers: [{ type: 'conv2d', filters: 6, kernelSize: 5, activation: 'relu' }],
};

/** The answer of each checked numeric exercise, computed. */
const COMPUTED: Record<string, () => number> = {
  // chapter 1
  'bg-uniform-guess': () => 1 / 10,
  'bg-layer-params': () => countParams(dense(100, [50])),
  'bg-gradient-step': () => 2 - 0.1 * 4,
  // chapter 2: the 784-128-10 perceptron, a 10,000 × 64 embedding table
  'core-mlp-128': () => countParams(dense(784, [128, 10])),
  'core-embedding-size': () =>
    countParams({
      ...dense(1, []),
      inputShape: [20],
      layers: [{ type: 'embedding', inputDim: 10_000, outputDim: 64, inputLength: 20 }],
    }),
  // chapter 3
  'alg-conv-width': () => rowsOf(conv5)[0]!.outputShape[0]!,
  'alg-lstm-params': () => rowsOf(recurrentModel('lstm', 28, 28, 64, 10)).find((r) => r.name === 'lstm')!.params,
  'alg-rnn-params': () =>
    rowsOf(recurrentModel('simpleRNN', 28, 28, 64, 10)).find((r) => r.name === 'simple_rnn')!.params,
  // chapter 4
  'math-conv-stride': () => outputSize(28, 3, 2, 1),
  // Keras's reset_after GRU has one more bias vector per block than the GRU TensorFlow.js builds
  'math-gru-keras': () => rowsOf(recurrentModel('gru', 28, 28, 64, 10)).find((r) => r.name === 'gru')!.params + 3 * 64,
  'math-softmax': () => Math.exp(Math.log(3)) / (1 + Math.exp(Math.log(3))),
  // chapter 5
  'practice-mnist-params': () => countParams(articleCnn([28, 28, 1])),
  'practice-flatten': () => colour.find((r) => r.name === 'flatten')!.outputShape[0]!,
  'practice-ln10': () => -Math.log(1 / 10),
  'practice-steps': () => Math.ceil(60_000 / 64),
  // chapter 6
  'app-rmse': () => errors([1, -1, 2, -2], [0, 0, 0, 0]).rmse,
  'app-screening': () => (0.01 * 0.9) / (0.01 * 0.9 + 0.99 * 0.05),
  // chapter 7
  'tools-weights-bytes': () => countParams(articleCnn([32, 32, 3])) * 4,
  'tools-first-layer-macs': () => product(colour[0]!.outputShape) * 3 * 3 * 3,
  // chapter 8
  'out-quantise': () => 0.1 * (Math.round(0.37 / 0.1) - 0),
  'out-int8-saving': () => countParams(articleCnn([32, 32, 3])) * (4 - 1),
  'out-temperature': () => Math.exp(Math.log(3) / 2) / (1 + Math.exp(Math.log(3) / 2)),
  // chapter 9
  'faq-conv-params': () => colour[0]!.params,
  'faq-dense-equivalent': () => 32 * 32 * 3 * product(colour[0]!.outputShape),
  'faq-linear-scaling': () => (0.001 * 256) / 32,
  'faq-steps-256': () => Math.ceil(60_000 / 256),
};

const docsDir = fileURLToPath(new URL('../../../content/docs/', import.meta.url));

describe.each(Object.values(LOCALE_DIRS))('checked answers (%s)', (dir) => {
  const numeric = [...bookExercises(docsDir, dir).values()]
    .flat()
    .filter((e) => e.attributes.kind === 'check' && typeof e.attributes.answer === 'number');
  it('has numeric answers to check', () => {
    expect(numeric.length).toBeGreaterThanOrEqual(20);
  });
  it.each(numeric.map((e) => [String(e.attributes.id), e] as const))('%s', (id, exercise) => {
    const compute = COMPUTED[id];
    expect(compute, `${exercise.file}:${exercise.line}: no computation for ${id}`).toBeDefined();
    const value = compute!();
    const { answer, abs, rel } = exercise.attributes as { answer: number; abs?: number; rel?: number };
    // the page's answer is the computed one, within the exercise's own tolerance…
    expect(Math.abs(answer - value), `${id}: page says ${answer}, code computes ${value}`).toBeLessThanOrEqual(
      Math.max(abs ?? 0, (rel ?? 0) * Math.abs(value), 1e-9 * Math.max(1, Math.abs(value))),
    );
    // …and the exercise accepts the exact computed value typed by a reader
    expect(numericMatches(String(value), answer, { abs, rel })).toBe(true);
  });
});
