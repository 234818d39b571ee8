// The remedies for overfitting as options of every image lab: without them the model is exactly
// the one before (layers, parameters); with them, the layers and the loss the text describes.
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { noisyLabels, shiftImages } from '../data/image-source';
import { cpuSession } from './session-harness';
import { quadrantImages } from './quadrants.fixture';
import { trainStep } from '../train-step';
import { articleCnn, buildModel, countParams, disposeModel, summarise } from '../models/build-model';
import { withRemedies } from '../models/remedies';
import { BestWeights } from '../tasks/image-classification/early-stopping';
import { parseImageClassificationJob } from '../tasks/image-classification/job';

beforeAll(async () => {
  await tf.setBackend('cpu');
  await tf.ready();
});

const mnist = articleCnn([28, 28, 1]);

describe('withRemedies', () => {
  it('changes nothing without remedies: the same layers and 121,930 parameters', () => {
    expect(withRemedies(mnist)).toEqual(mnist);
    expect(withRemedies(mnist, { dropout: 0, batchNorm: false, l2: 0 })).toEqual(mnist);
    expect(countParams(withRemedies(mnist))).toBe(121930);
  });

  it('puts dropout before each dense layer, adding no parameter', () => {
    const config = withRemedies(mnist, { dropout: 0.5 });
    expect(config.layers.map((l) => l.type)).toEqual([
      'conv2d',
      'maxPooling2d',
      'conv2d',
      'maxPooling2d',
      'flatten',
      'dropout',
      'dense',
      'dropout',
      'dense',
    ]);
    expect(countParams(config)).toBe(121930);
    const model = buildModel(config, 1);
    try {
      expect(model.layers.filter((l) => l.getClassName() === 'Dropout')).toHaveLength(2);
      expect(model.countParams()).toBe(121930);
    } finally {
      disposeModel(model);
    }
  });

  it('puts batch normalisation after each convolution and the hidden dense layer: 4 values per channel', () => {
    const config = withRemedies(mnist, { batchNorm: true });
    const rows = summarise(config);
    expect(rows.filter((r) => r.name.startsWith('batch_normalization')).map((r) => r.params)).toEqual([
      4 * 32,
      4 * 64,
      4 * 64,
    ]);
    expect(countParams(config)).toBe(121930 + 4 * (32 + 64 + 64));
    const model = buildModel(config, 1);
    try {
      expect(model.layers.filter((l) => l.getClassName() === 'BatchNormalization')).toHaveLength(3);
      expect(model.countParams()).toBe(countParams(config));
    } finally {
      disposeModel(model);
    }
  });

  it('rejects a dropout rate of 1 and a negative weight decay', () => {
    expect(() => withRemedies(mnist, { dropout: 1 })).toThrow(/dropout/);
    expect(() => withRemedies(mnist, { l2: -1 })).toThrow(/weight decay/);
    expect(() => summarise({ ...mnist, l2: Number.NaN })).toThrow(/l2/);
  });
});

describe('weight decay in the training step', () => {
  it('adds λ·Σw² over the kernels (not the biases) to the loss the step minimises', async () => {
    const small = articleCnn([12, 12, 1]);
    const { images, labels } = quadrantImages();
    const xs = tf.tidy(() =>
      tf.tensor4d(
        Float32Array.from(images.subarray(0, 8 * 144), (v) => v / 255),
        [8, 12, 12, 1],
      ),
    );
    const ys = tf.tidy(
      () => tf.oneHot(tf.tensor1d(Array.from(labels.subarray(0, 8)), 'int32'), 10).toFloat() as tf.Tensor2D,
    );
    const plain = buildModel(small, 7);
    const decayed = buildModel(withRemedies(small, { l2: 0.01 }), 7);
    const before = tf.memory().numTensors;
    try {
      const kernels = decayed.layers.flatMap((l) => l.getWeights().filter((w) => w.rank > 1));
      expect(kernels).toHaveLength(4);
      const penalty = 0.01 * kernels.reduce((s, w) => s + (w.square().sum().dataSync()[0] ?? 0), 0);
      const sgd = [tf.train.sgd(0), tf.train.sgd(0)];
      const a = await trainStep(plain, sgd[0]!, xs, ys);
      const b = await trainStep(decayed, sgd[1]!, xs, ys);
      expect(b.loss - a.loss).toBeCloseTo(penalty, 4);
      expect(penalty).toBeGreaterThan(0.01);
      sgd.forEach((o) => o.dispose());
      kernels.length = 0;
    } finally {
      disposeModel(plain);
      disposeModel(decayed);
      tf.dispose([xs, ys]);
    }
    expect(tf.memory().numTensors).toBeLessThanOrEqual(before);
  });
});

describe('BestWeights (early stopping that restores)', () => {
  it('keeps the best epoch by accuracy, stops after `patience` worse epochs, restores it and frees the copy', () => {
    const model = buildModel(articleCnn([12, 12, 1]), 5);
    const baseline = tf.memory().numTensors;
    const snapshot = () => model.getWeights().map((w) => Array.from(w.dataSync()));
    const nudge = () => tf.tidy(() => model.setWeights(model.getWeights().map((w) => w.add(0.5))));
    try {
      const best = new BestWeights(model, 2);
      expect(best.update(0, 0.5)).toBe(false);
      nudge();
      expect(best.update(1, 0.7)).toBe(false);
      const kept = snapshot();
      expect(tf.memory().numTensors).toBe(baseline + kept.length);
      nudge();
      expect(best.update(2, 0.7)).toBe(false); // a tie is not better
      nudge();
      expect(best.update(3, 0.6)).toBe(true);
      expect(snapshot()).not.toEqual(kept);
      expect(best.restore(3)).toBe(1);
      expect(snapshot()).toEqual(kept);
      expect(tf.memory().numTensors).toBe(baseline);
      // nothing kept any more: restoring again changes nothing
      expect(best.restore(3)).toBeUndefined();
      // the best epoch was the last: no restore, the copy freed all the same
      const other = new BestWeights(model, 1);
      other.update(0, 0.1);
      expect(other.restore(0)).toBeUndefined();
      other.update(1, 0.2);
      other.dispose();
      expect(tf.memory().numTensors).toBe(baseline);
    } finally {
      disposeModel(model);
    }
  });
});

describe('shiftImages (augmentation)', () => {
  it('moves each image by whole pixels, filling from outside with the background', () => {
    const pixels = new Float32Array(2 * 9);
    pixels[4] = 1; // image 0: the centre of a 3×3
    pixels[9 + 4] = 1; // image 1: the same
    // draws: image 0 gets (dy, dx) = (+1, −1), image 1 (0, 0): floor(r·3) − 1
    const draws = [0.9, 0.1, 0.5, 0.5];
    shiftImages(pixels, 2, [3, 3, 1], { shift: 1, random: () => draws.shift()! });
    expect(Array.from(pixels.subarray(0, 9))).toEqual([0, 0, 0, 0, 0, 0, 1, 0, 0]);
    expect(pixels[9 + 4]).toBe(1);
  });
});

describe('noisyLabels (label noise)', () => {
  const arrays = {
    images: new Uint8Array(200),
    labels: Uint8Array.from({ length: 200 }, (_, i) => i % 10),
    imageShape: [1, 1, 1] as const,
    classes: 10,
  };

  it('makes exactly that fraction of the first examples wrong, leaves the rest and the input alone', () => {
    const noisy = noisyLabels(arrays, 0.2, 150, 1);
    const changed = Array.from(noisy.labels, (l, i) => (l === arrays.labels[i] ? -1 : i)).filter((i) => i >= 0);
    expect(changed).toHaveLength(30);
    expect(Math.max(...changed)).toBeLessThan(150);
    expect(noisy.labels.every((l) => l < 10)).toBe(true);
    expect(Array.from(arrays.labels.subarray(0, 10))).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });

  it('follows the seed: the same examples and classes for one seed, others for another', () => {
    expect(noisyLabels(arrays, 0.2, 150, 1).labels).toEqual(noisyLabels(arrays, 0.2, 150, 1).labels);
    expect(noisyLabels(arrays, 0.2, 150, 2).labels).not.toEqual(noisyLabels(arrays, 0.2, 150, 1).labels);
    expect(noisyLabels(arrays, 0, 150, 1).labels).toEqual(arrays.labels);
    // a later block of its own: the first examples keep the labels they had
    const both = noisyLabels(noisyLabels(arrays, 0.2, 100, 1), 0.2, 50, 2, 100);
    expect(both.labels.subarray(0, 100)).toEqual(noisyLabels(arrays, 0.2, 100, 1).labels.subarray(0, 100));
    expect(both.labels.subarray(100, 150).filter((l, i) => l !== arrays.labels[100 + i])).toHaveLength(10);
    expect(() => noisyLabels(arrays, 1.5, 150, 1)).toThrow(/label noise/);
  });

  it('is a job option from 0 to 1', () => {
    const job = {
      model: mnist,
      hyper: { learningRate: 0.001, batchSize: 32, epochs: 1, optimizer: 'adam', seed: 1 },
      dataset: { kind: 'manifest', name: 'mnist', manifestUrl: 'http://book.test/data/manifest.json' },
    };
    expect(parseImageClassificationJob({ ...job, labelNoise: 0.2 }).labelNoise).toBe(0.2);
    expect(parseImageClassificationJob(job).labelNoise).toBeUndefined();
    for (const bad of [-0.1, 1.5, Number.NaN, '0.2'])
      expect(() => parseImageClassificationJob({ ...job, labelNoise: bad })).toThrow(/labelNoise/);
  });
});

describe('early stopping and training measures (a whole run of the image task)', () => {
  it('measures train and held-out examples after each epoch and ends, done, once patience runs out', async () => {
    const harness = cpuSession();
    const baseline = tf.memory().numTensors;
    const { images, labels } = quadrantImages();
    // labels shuffled by a rule the images do not show: memorised, never generalised
    const noisy = labels.map((l, i) => (i % 3 === 0 ? (l + 1) % 4 : l));
    const train = { images, labels: noisy, imageShape: [12, 12, 1] as const, classes: 10 };
    const model = withRemedies(
      {
        ...articleCnn([12, 12, 1]),
        layers: articleCnn([12, 12, 1])
          .layers.slice(0, 2)
          .concat(articleCnn([12, 12, 1]).layers.slice(4)),
      },
      { dropout: 0.2 },
    );
    await harness.session.handle({
      type: 'start',
      runId: 1,
      task: 'image-classification',
      job: {
        model,
        hyper: { learningRate: 0.01, batchSize: 8, epochs: 12, optimizer: 'adam', seed: 3 },
        dataset: { kind: 'inline', name: 'quadrants', train, test: train },
        trainLimit: 16,
        evaluateTrain: true,
        augment: { shift: 1 },
        earlyStopping: { patience: 1, validation: 16 },
      },
    });
    const evaluations = harness.of('evaluation');
    expect(harness.states().at(-1)).toBe('done');
    expect(evaluations.every((m) => m.trainAcc !== undefined && m.valAcc !== undefined)).toBe(true);
    // the flag follows Keras's rule (monitor='val_accuracy') from the accuracies the run reported
    let best = -Infinity;
    let bestEpoch = -1;
    let since = 0;
    for (const m of evaluations) {
      if (m.valAcc! > best) [best, bestEpoch, since] = [m.valAcc!, m.epoch, 0];
      else since++;
      expect(m.earlyStop).toBe(since >= 1);
    }
    const last = evaluations.at(-1)!;
    expect(evaluations.filter((m) => m.earlyStop)).toHaveLength(last.earlyStop ? 1 : 0);
    // memorising noisy labels, the held-out accuracy stops rising well before the 12th epoch
    expect(last.earlyStop).toBe(true);
    expect(evaluations.length).toBeLessThan(12);
    // the best epoch's weights are back: reported, and measured again on the restored model
    expect(last.restored?.epoch).toBe(bestEpoch);
    expect(bestEpoch).toBeLessThan(last.epoch);
    expect(evaluations.slice(0, -1).every((m) => m.restored === undefined)).toBe(true);
    const atBest = evaluations.find((m) => m.epoch === bestEpoch)!;
    // the same weights measured twice (inference mode, the same images): the same numbers
    expect(last.restored!.trainAcc).toBeCloseTo(atBest.trainAcc!, 6);
    expect(last.restored!.testAcc).toBeCloseTo(atBest.testAcc, 6);
    await harness.session.handle({ type: 'reset' });
    expect(tf.memory().numTensors).toBe(baseline);
  });
});
