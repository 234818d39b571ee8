import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { initWasmForNode } from '../backends/node-wasm';
import { articleCnn, buildModel, disposeModel } from './build-model';
import {
  checkModelFits,
  MAX_MODEL_JSON_BYTES,
  MAX_WEIGHTS_BYTES,
  ModelFileError,
  modelFromFiles,
  modelToFiles,
  WEIGHTS_FILE,
} from './model-files';

beforeAll(async () => {
  await initWasmForNode();
  await tf.setBackend('wasm');
});

describe('model files', () => {
  it('round-trips the article CNN: same predictions, no tensors left behind', async () => {
    const model = buildModel(articleCnn([28, 28, 1]), 3);
    const baseline = tf.memory().numTensors;
    const files = await modelToFiles(model);
    expect(JSON.parse(files.modelJson).weightsManifest[0].paths).toEqual([`./${WEIGHTS_FILE}`]);
    const loaded = await modelFromFiles(files.modelJson, { [WEIGHTS_FILE]: files.weights });
    checkModelFits(loaded, [28, 28, 1], 10);
    const x = tf.randomUniform([2, 28, 28, 1], 0, 1, 'float32', 5);
    const [a, b] = [model.predict(x) as tf.Tensor, loaded.predict(x) as tf.Tensor];
    expect(Array.from(await b.data())).toEqual(Array.from(await a.data()));
    tf.dispose([x, a, b]);
    loaded.dispose();
    expect(tf.memory().numTensors).toBe(baseline);
    disposeModel(model);
  });

  it('explains what is wrong with a file that is not a compatible model', async () => {
    const model = buildModel(articleCnn([28, 28, 1]), 3);
    const files = await modelToFiles(model);
    await expect(modelFromFiles('not json', {})).rejects.toThrow(/not JSON/);
    // size caps, before anything is parsed
    await expect(modelFromFiles(' '.repeat(MAX_MODEL_JSON_BYTES + 1), {})).rejects.toThrow(/model.json is 2.1 MB/);
    await expect(
      modelFromFiles(files.modelJson, { [WEIGHTS_FILE]: new ArrayBuffer(MAX_WEIGHTS_BYTES + 1) }),
    ).rejects.toThrow(/the weights are 67 MB/);
    await expect(modelFromFiles('{"hello":1}', {})).rejects.toThrow(/not a TensorFlow.js layers model/);
    await expect(modelFromFiles(files.modelJson, {})).rejects.toThrow(/model.weights.bin is missing/);
    await expect(modelFromFiles(files.modelJson, { [WEIGHTS_FILE]: files.weights.slice(0, 100) })).rejects.toThrow(
      /hold 100 bytes/,
    );
    const loaded = await modelFromFiles(files.modelJson, { [WEIGHTS_FILE]: files.weights });
    expect(() => checkModelFits(loaded, [32, 32, 3], 10)).toThrow(ModelFileError);
    expect(() => checkModelFits(loaded, [28, 28, 1], 12)).toThrow(/12 classes/);
    expect(() => checkModelFits(loaded, [28, 28, 1], 9)).not.toThrow(); // 10 outputs cover 9 classes
    loaded.dispose();
    disposeModel(model);
  });
});
