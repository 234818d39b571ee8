import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { BYTE_RANGE } from './manifest';
import { detachLabels, exampleInputs, featureStats, imageSource, normalise, type ImageArrays } from './image-source';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('imageSource', () => {
  it('scales pixels to [0, 1], one-hot encodes labels and respects the limit', () => {
    const images = Uint8Array.from({ length: 3 * 4 }, (_, i) => i * 20);
    const source = imageSource({ images, labels: Uint8Array.from([2, 0, 1]), imageShape: [2, 2, 1], classes: 3 }, 2);
    expect(source.size).toBe(2);
    const before = tf.memory().numTensors;
    const { xs, ys } = source.batch(Int32Array.from([1, 0]));
    expect(xs.shape).toEqual([2, 2, 2, 1]);
    expect(Array.from(xs.dataSync()).map((v) => Math.round(v * 255))).toEqual([80, 100, 120, 140, 0, 20, 40, 60]);
    expect(ys.arraySync()).toEqual([
      [1, 0, 0],
      [0, 0, 1],
    ]);
    tf.dispose([xs, ys]);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('detaches labels from their images: same counts per class, different order, seeded', () => {
    const labels = Uint8Array.from({ length: 1000 }, (_, i) => i % 10);
    const arrays = { images: new Uint8Array(1000), labels, imageShape: [1, 1, 1] as const, classes: 10 };
    const a = detachLabels(arrays, 3);
    expect(a.images).toBe(arrays.images);
    expect([...a.labels].sort()).toEqual([...labels].sort());
    const same = a.labels.filter((v, i) => v === labels[i]).length;
    expect(same).toBeLessThan(200); // about 1 in 10 stay by chance
    expect(Array.from(detachLabels(arrays, 3).labels)).toEqual(Array.from(a.labels));
    expect(Array.from(labels.slice(0, 3))).toEqual([0, 1, 2]); // the original is untouched
  });
});

describe('featureStats and standardised batches', () => {
  // two sequences of 2 steps × 2 features: feature 0 is 0 or 255, feature 1 always 51 (0.2)
  const arrays = {
    images: Uint8Array.of(0, 51, 255, 51, 255, 51, 0, 51),
    labels: Uint8Array.of(0, 1),
    imageShape: [2, 2, 1] as const,
    classes: 2,
  };

  it('gives each feature its mean and standard deviation over every step', () => {
    const stats = featureStats(arrays);
    expect(Array.from(stats.mean)).toEqual([0.5, expect.closeTo(0.2, 6)]);
    // a constant feature keeps std 1 rather than dividing by zero
    expect(Array.from(stats.std)).toEqual([0.5, 1]);
  });

  it('standardises batches and single inputs alike', () => {
    const stats = featureStats(arrays);
    const { xs, ys } = imageSource(arrays, undefined, stats).batch(Int32Array.of(0));
    expect(Array.from(xs.dataSync())).toEqual([-1, 0, 1, 0].map((v) => expect.closeTo(v, 6)));
    expect(Array.from(normalise(Float32Array.of(0, 0.2, 1, 0.2), stats))).toEqual(
      [-1, 0, 1, 0].map((v) => expect.closeTo(v, 6)),
    );
    tf.dispose([xs, ys]);
  });
});

describe('the dataset declares the normalisation', () => {
  const images = Uint8Array.of(0, 10, 20, 30);
  const base = { images, labels: Uint8Array.of(0), imageShape: [2, 2, 1] as const, classes: 2 };
  const firstBatch = (arrays: ImageArrays) => {
    const { xs, ys } = imageSource(arrays).batch(Int32Array.of(0));
    const values = Array.from(xs.dataSync());
    tf.dispose([xs, ys]);
    return values;
  };

  it('is 0…255 to [0, 1] when omitted (8-bit data made in the page), exactly v / 255', () => {
    expect(firstBatch(base)).toEqual(Array.from(Float32Array.from(images, (v) => v / 255)));
    expect(firstBatch({ ...base, normalisation: BYTE_RANGE })).toEqual(firstBatch(base));
  });

  it('follows another declared range, or none', () => {
    expect(firstBatch({ ...base, normalisation: { min: 10, max: 30 } })).toEqual([-0.5, 0, 0.5, 1]);
    expect(firstBatch({ ...base, normalisation: null })).toEqual([0, 10, 20, 30]);
    expect(Array.from(featureStats({ ...base, normalisation: null }).mean)).toEqual([10, 20]);
  });
});

describe('exampleInputs', () => {
  it('gives one example normalised as declared', () => {
    const arrays = {
      images: Uint8Array.of(0, 51, 102, 255),
      labels: Uint8Array.of(0, 1),
      imageShape: [1, 2, 1] as const,
      classes: 2,
    };
    expect(Array.from(exampleInputs(arrays, 1))).toEqual([Math.fround(102 / 255), 1]);
    expect(Array.from(exampleInputs({ ...arrays, normalisation: null }, 0))).toEqual([0, 51]);
  });
});
