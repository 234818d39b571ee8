/**
 * Trained models in and out of a lab, as TensorFlow.js's own layers-model format: `model.json`
 * (topology + weights manifest) and one `model.weights.bin`. Written for a worker, which has no
 * `document` for tfjs's `browserDownloads`: the worker produces the two files' contents and the
 * page turns them into downloads.
 */
import * as tf from '@tensorflow/tfjs';

export const WEIGHTS_FILE = 'model.weights.bin';

import { MAX_MODEL_JSON_BYTES, MAX_WEIGHTS_BYTES } from './model-limits';

export { MAX_MODEL_JSON_BYTES, MAX_WEIGHTS_BYTES };

/** A model as the two files a reader downloads. */
export interface ModelFiles {
  modelJson: string;
  weights: ArrayBuffer;
}

export class ModelFileError extends Error {
  override name = 'ModelFileError';
}

/** Nothing is saved under the key: not a broken model, the reader has not saved one yet. */
export class NoSavedModel extends ModelFileError {
  override name = 'NoSavedModel';
}

function joinBuffers(buffers: readonly ArrayBuffer[]): ArrayBuffer {
  const out = new Uint8Array(buffers.reduce((n, b) => n + b.byteLength, 0));
  let at = 0;
  for (const b of buffers) {
    out.set(new Uint8Array(b), at);
    at += b.byteLength;
  }
  return out.buffer;
}

function concat(data: tf.io.WeightData): ArrayBuffer {
  return data instanceof ArrayBuffer ? data : joinBuffers(data);
}

/** Serialises a model to the two files. */
export async function modelToFiles(model: tf.LayersModel): Promise<ModelFiles> {
  let files: ModelFiles | undefined;
  await model.save(
    tf.io.withSaveHandler(async (artifacts) => {
      if (!artifacts.modelTopology || !artifacts.weightSpecs || !artifacts.weightData) {
        throw new ModelFileError('the model has no topology or weights to save');
      }
      const modelJson = JSON.stringify({
        format: 'layers-model',
        generatedBy: artifacts.generatedBy,
        convertedBy: null,
        modelTopology: artifacts.modelTopology,
        weightsManifest: [{ paths: [`./${WEIGHTS_FILE}`], weights: artifacts.weightSpecs }],
      });
      files = { modelJson, weights: concat(artifacts.weightData) };
      return { modelArtifactsInfo: tf.io.getModelArtifactsInfoForJSON(artifacts) };
    }),
  );
  if (!files) throw new ModelFileError('the model could not be serialised');
  return files;
}

/**
 * Reads a model from `model.json` text and its weight files (by file name).
 * @throws ModelFileError with a sentence a reader can act on, for anything that is not a
 *   complete TensorFlow.js layers model
 */
export async function modelFromFiles(
  modelJson: string,
  weightFiles: Record<string, ArrayBuffer>,
): Promise<tf.LayersModel> {
  if (modelJson.length > MAX_MODEL_JSON_BYTES) {
    throw new ModelFileError(
      `model.json is ${(modelJson.length / 1e6).toFixed(1)} MB; the book's models are far smaller`,
    );
  }
  const weightBytes = Object.values(weightFiles).reduce((n, b) => n + b.byteLength, 0);
  if (weightBytes > MAX_WEIGHTS_BYTES) {
    throw new ModelFileError(`the weights are ${(weightBytes / 1e6).toFixed(0)} MB; the book's models are far smaller`);
  }
  let parsed: unknown;
  try {
    // parsed as data, never evaluated; the topology is then built by TensorFlow.js's own layer registry
    parsed = JSON.parse(modelJson);
  } catch {
    throw new ModelFileError('model.json is not JSON');
  }
  const json = parsed as { modelTopology?: unknown; weightsManifest?: Array<{ paths?: unknown; weights?: unknown }> };
  if (
    typeof json !== 'object' ||
    json === null ||
    typeof json.modelTopology !== 'object' ||
    !Array.isArray(json.weightsManifest)
  ) {
    throw new ModelFileError(
      'this is not a TensorFlow.js layers model (model.json needs modelTopology and weightsManifest)',
    );
  }
  const specs: tf.io.WeightsManifestEntry[] = [];
  const buffers: ArrayBuffer[] = [];
  for (const group of json.weightsManifest) {
    if (!Array.isArray(group.paths) || !Array.isArray(group.weights)) {
      throw new ModelFileError('model.json has a malformed weightsManifest');
    }
    specs.push(...(group.weights as tf.io.WeightsManifestEntry[]));
    for (const path of group.paths as string[]) {
      const name = String(path).split('/').pop() ?? '';
      const buffer = weightFiles[name];
      if (!buffer) throw new ModelFileError(`the weights file ${name} is missing: choose it together with model.json`);
      buffers.push(buffer);
    }
  }
  const weightData = joinBuffers(buffers);
  const expected = specs.reduce((sum, spec) => {
    const bytesPer = spec.dtype === 'float32' || spec.dtype === 'int32' ? 4 : spec.dtype === 'bool' ? 1 : NaN;
    return sum + spec.shape.reduce((a, b) => a * b, 1) * bytesPer;
  }, 0);
  if (!(expected === weightData.byteLength)) {
    throw new ModelFileError(
      `the weights hold ${weightData.byteLength} bytes but model.json describes ${Number.isNaN(expected) ? 'quantised or unknown' : expected} bytes`,
    );
  }
  try {
    return await tf.loadLayersModel(
      tf.io.fromMemory({ modelTopology: json.modelTopology as object, weightSpecs: specs, weightData }),
    );
  } catch (error) {
    throw new ModelFileError(
      `TensorFlow.js could not build this model: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
}

/** Checks that a loaded model fits a lab: same input shape, and an output for every class. */
export function checkModelFits(model: tf.LayersModel, inputShape: readonly number[], classes: number): void {
  const input = model.inputs[0]?.shape.slice(1) ?? [];
  const output = model.outputs[0]?.shape.slice(1) ?? [];
  if (input.join('×') !== inputShape.join('×')) {
    throw new ModelFileError(
      `this model takes ${input.join('×')} inputs, but this lab feeds ${inputShape.join('×')} images`,
    );
  }
  // at least one output per class (the article's model has 10 outputs, also for 9 classes)
  if (output.length !== 1 || (output[0] ?? 0) < classes) {
    throw new ModelFileError(`this model predicts ${output.join('×')} values, but this dataset has ${classes} classes`);
  }
}

/** Where a saved model comes from: this browser's IndexedDB (by key) or the reader's two files. */
export type ModelSource =
  { from: 'browser'; key: string } | { from: 'files'; modelJson: string; weights: Record<string, ArrayBuffer> };

/**
 * Saves a model in this browser (IndexedDB, under `key`) or as the two files' contents: the one
 * model I/O of every lab that saves (classifiers, the digits generator).
 * @returns the files when saved as files (their buffer goes to the page as a transferable)
 */
export async function saveModel(
  model: tf.LayersModel,
  to: 'browser' | 'files',
  key: string,
): Promise<ModelFiles | undefined> {
  if (to === 'files') return modelToFiles(model);
  await model.save(`indexeddb://${key}`);
  return undefined;
}

/**
 * Reads a saved model back. The caller owns (and disposes) the model.
 * @throws NoSavedModel when nothing is saved under the key; ModelFileError when the files are not a
 *   layers model
 */
export async function loadModel(source: ModelSource): Promise<tf.LayersModel> {
  if (source.from === 'files') return modelFromFiles(source.modelJson, source.weights);
  try {
    return await tf.loadLayersModel(`indexeddb://${source.key}`);
  } catch {
    throw new NoSavedModel(`no model is saved in this browser under ${source.key}`);
  }
}
