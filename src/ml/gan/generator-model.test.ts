import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { modelFromFiles, modelToFiles, ModelFileError } from '../models/model-files';
import { createGan2d, DEFAULT_GAN_CONFIG, disposeGan, fixedNoise } from './gan-2d';
import { applyToNoise, assignWeights, mlpToLayersModel, readGeneratorModel } from './generator-model';

beforeAll(async () => {
  await tf.setBackend('cpu');
  await tf.ready();
});

const config = {
  ...DEFAULT_GAN_CONFIG,
  noiseDim: 4,
  generatorHidden: [8, 6],
  discriminatorHidden: [5],
  dataDim: 9,
  outputActivation: 'tanh' as const,
};

describe('the generator as a layers model', () => {
  it('computes what the lab computes, survives a save and a load, and leaks nothing', async () => {
    const before = tf.memory().numTensors;
    const gan = createGan2d(config, 3);
    const z = fixedNoise(4, 5, 11);
    const expected = applyToNoise(gan.generator, z, 4);
    expect(expected.every((v) => v > -1 && v < 1)).toBe(true);

    const model = mlpToLayersModel(gan.generator, 4);
    const direct = tf.tidy(() => (model.predict(tf.tensor2d(z, [5, 4])) as tf.Tensor).dataSync());
    expect(Array.from(direct)).toEqual(Array.from(expected).map((v) => expect.closeTo(v, 5)));
    const files = await modelToFiles(model);
    model.dispose();

    const loaded = await modelFromFiles(files.modelJson, { 'model.weights.bin': files.weights });
    const { shape, weights } = readGeneratorModel(loaded);
    loaded.dispose();
    expect(shape).toEqual({ noiseDim: 4, hidden: [8, 6], dataDim: 9, activation: 'leakyRelu', output: 'tanh' });

    // a fresh GAN with other weights gets the saved ones and generates the same images
    const other = createGan2d(config, 99);
    expect(Array.from(applyToNoise(other.generator, z, 4))).not.toEqual(Array.from(expected));
    assignWeights(other.generator, weights);
    expect(Array.from(applyToNoise(other.generator, z, 4))).toEqual(
      Array.from(expected).map((v) => expect.closeTo(v, 5)),
    );
    disposeGan(gan);
    disposeGan(other);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('reads a plane GAN generator (relu, linear output) too', () => {
    const gan = createGan2d({ ...DEFAULT_GAN_CONFIG, activation: 'relu' }, 1);
    const model = mlpToLayersModel(gan.generator, DEFAULT_GAN_CONFIG.noiseDim);
    expect(readGeneratorModel(model).shape).toEqual({
      noiseDim: 8,
      hidden: [32, 32],
      dataDim: 2,
      activation: 'relu',
      output: 'linear',
    });
    model.dispose();
    disposeGan(gan);
  });

  it('refuses a classifier with a reason', () => {
    const classifier = tf.sequential({
      layers: [
        tf.layers.dense({ units: 4, inputShape: [3], activation: 'relu' }),
        tf.layers.dense({ units: 2, activation: 'softmax' }),
      ],
    });
    expect(() => readGeneratorModel(classifier)).toThrow(ModelFileError);
    classifier.dispose();
  });

  it('refuses weights of the wrong shape', () => {
    const gan = createGan2d(config, 3);
    expect(() => assignWeights(gan.generator, [new Float32Array(3)])).toThrow(/number of layers/);
    disposeGan(gan);
  });
});
