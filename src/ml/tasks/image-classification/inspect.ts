/**
 * What a classifier sees: the first convolution's filters, and for one input the activations of
 * every convolution (a CNN) or every gate and state over time (a recurrent model), with the class
 * probabilities. Pictures, not training: read back a few times a second at most, and always
 * asynchronously. A synchronous read (`dataSync`) on the WebGPU backend copies the tensor through a
 * WebGPU canvas drawn onto a 2-D canvas; on Chromium's software adapter (SwiftShader) that loses the
 * device, and the next training step dies ("createBuffer failed … mappedAtCreation", "A valid
 * external Instance reference no longer exists"). `data()` maps a staging buffer instead.
 */
import * as tf from '@tensorflow/tfjs';
import type { FeatureMaps, FromWorker } from '../../core/messages';
import {
  availableExamples,
  exampleInputs,
  normalise,
  type FeatureStats,
  type ImageArrays,
} from '../../data/image-source';
import { probabilitiesPerStep, traceRecurrent } from '../../models/recurrent-trace';
import type { InspectSource } from './job';

/**
 * The values of float tensors, read without blocking (see above). The reads hold clones: a command
 * can inspect while a training step updates the weights, and the optimizer's update frees a
 * variable's old values, which must outlive the read. The tensors stay the caller's.
 */
async function read(tensors: tf.Tensor[]): Promise<Float32Array[]> {
  const held = tensors.map((t) => tf.clone(t));
  try {
    return (await Promise.all(held.map((t) => t.data()))) as Float32Array[];
  } finally {
    tf.dispose(held);
  }
}

/**
 * For a recurrent classifier: the recurrent layer run by hand on the inspected sequence (every
 * gate and state over time) and the class probabilities after each step.
 */
async function recurrentInspection(
  model: tf.LayersModel,
  sequence: Float32Array,
  steps: number,
): Promise<FeatureMaps[] | undefined> {
  const index = model.layers.findIndex((l) => ['LSTM', 'SimpleRNN'].includes(l.getClassName()));
  const layer = model.layers[index];
  const dense = model.layers[index + 1];
  if (!layer || dense?.getClassName() !== 'Dense') return undefined;
  const cell = layer.getClassName() === 'LSTM' ? 'lstm' : 'simpleRNN';
  const [kernel, recurrent, bias] = await read(layer.getWeights());
  // the recurrent kernel is [H, G·H] with G gate blocks
  const units = Math.round(Math.sqrt(recurrent!.length / (cell === 'lstm' ? 4 : 1)));
  const inputSize = sequence.length / steps;
  const trace = traceRecurrent(
    { cell, inputSize, units, kernel: kernel!, recurrent: recurrent!, bias: bias! },
    sequence,
  );
  const [denseKernel, denseBias] = await read(dense.getWeights());
  const classes = denseBias!.length;
  const map = (name: string, data: Float32Array, width: number): FeatureMaps => ({
    layer: name,
    shape: [steps, width, 1],
    data,
  });
  const maps = [
    map('probabilities', probabilitiesPerStep(trace.h, units, denseKernel!, denseBias!), classes),
    map('hidden', trace.h, units),
  ];
  if (trace.gates) {
    const g = trace.gates;
    maps.push(
      map('input-gate', g.input, units),
      map('forget-gate', g.forget, units),
      map('output-gate', g.output, units),
      map('cell', g.cell, units),
    );
  }
  return maps;
}

/** The first convolution's filters, as a transferable array, for the lab's picture of them. */
export async function filtersSnapshot(runId: number, model: tf.LayersModel): Promise<FromWorker | undefined> {
  const kernel = model.layers.find((l) => l.getClassName() === 'Conv2D')?.getWeights()[0];
  if (!kernel) return undefined;
  const [data] = await read([kernel]);
  return { type: 'snapshot', runId, kind: 'conv1-filters', shape: kernel.shape, data: data!.slice() };
}

/** One run's inspection: what the reader asked to see, re-sent as the model trains. */
export class Inspector {
  source: InspectSource | undefined;
  /** the model with every convolution's output exposed (shares the model's layers) */
  #probe: tf.LayersModel | undefined;

  constructor(
    private readonly runId: number,
    private readonly model: tf.LayersModel,
    private readonly test: ImageArrays,
    private readonly stats: FeatureStats | undefined,
  ) {}

  /** The activations of every convolution (or recurrent step) and the class probabilities. */
  async inspection(): Promise<FromWorker | undefined> {
    const { model, test, runId } = this;
    const source = this.source;
    if (!source) return undefined;
    const [h, w, c] = test.imageShape;
    const per = h * w * c;
    let image: Float32Array;
    let label: number | undefined;
    if ('testIndex' in source) {
      const index = Math.min(source.testIndex, availableExamples(test) - 1);
      image = exampleInputs(test, index);
      label = test.labels[index];
    } else {
      if (source.pixels.length !== per) throw new Error(`a drawn image must have ${per} pixels`);
      image = source.pixels.slice();
    }
    // the picture is the input as stored ([0, 1]); the model reads it standardised if the run does
    const recurrent = await recurrentInspection(model, this.stats ? normalise(image, this.stats) : image, h);
    if (recurrent) {
      const probabilities = recurrent[0]!;
      const classes = probabilities.shape[1];
      const probs = probabilities.data.slice((h - 1) * classes, h * classes);
      return { type: 'inspection', runId, image, label, probs, maps: recurrent };
    }
    const convs = model.layers.filter((l) => l.getClassName() === 'Conv2D');
    this.#probe ??= tf.model({
      inputs: model.inputs,
      outputs: [...convs.map((l) => l.output as tf.SymbolicTensor), model.outputs[0]!],
    });
    const probe = this.#probe;
    const outputs = tf.tidy(() => probe.predict(tf.tensor4d(image, [1, h, w, c])) as tf.Tensor[]);
    let values: Float32Array[];
    try {
      values = await read(outputs);
    } finally {
      tf.dispose(outputs);
    }
    const maps = outputs.slice(0, -1).map((t, i) => ({
      layer: convs[i]?.name ?? `conv${i}`,
      shape: t.shape.slice(1) as [number, number, number],
      data: values[i]!,
    }));
    const probs = values.at(-1)!;
    return { type: 'inspection', runId, image, label, probs, maps };
  }
}
