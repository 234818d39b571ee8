import { readFileSync, existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { datasetBytes, parseManifest } from './manifest';

const file = (over: object = {}) => ({
  path: 'm/a.u8',
  dtype: 'uint8',
  shape: [2, 2],
  bytes: 4,
  sha256: 'a'.repeat(64),
  ...over,
});
const manifest = (files: object = {}) => ({
  version: 1,
  datasets: {
    m: {
      title: 'M',
      source: 's',
      licence: 'l',
      classes: ['a', 'b'],
      files: {
        trainImages: file(),
        trainLabels: file({ shape: [2, 1], bytes: 2 }),
        testImages: file(),
        testLabels: file({ shape: [2], bytes: 2 }),
        ...files,
      },
    },
  },
});

describe('parseManifest', () => {
  it('accepts a well-formed manifest and sums its bytes', () => {
    const parsed = parseManifest(manifest());
    expect(datasetBytes(parsed.datasets.m!)).toBe(12);
  });

  it.each([
    [{ trainImages: file({ bytes: 5 }) }, /trainImages.bytes does not match/],
    [{ trainImages: file({ path: '../../etc/passwd' }) }, /not a relative path/],
    [{ trainImages: file({ dtype: 'float64' }) }, /dtype must be uint8/],
    [{ trainImages: file({ sha256: 'xyz' }) }, /sha256/],
    [{ testLabels: file({ shape: [3], bytes: 3 }) }, /different numbers of images and labels/],
  ])('rejects a bad file entry %#', (files, message) => {
    expect(() => parseManifest(manifest(files))).toThrow(message);
  });

  it('rejects something that is not a manifest', () => {
    expect(() => parseManifest({ version: 2 })).toThrow(/version-1/);
    expect(() => parseManifest(null)).toThrow(/version-1/);
  });

  const built = new URL('../../../public/data/manifest.json', import.meta.url);
  it.skipIf(!existsSync(built))('the built MNIST manifest describes 60,000 + 10,000 28×28 images', () => {
    const mnist = parseManifest(JSON.parse(readFileSync(built, 'utf8'))).datasets.mnist!;
    expect(mnist.files.trainImages.shape).toEqual([60000, 28, 28, 1]);
    expect(mnist.files.testLabels.shape).toEqual([10000]);
    expect(datasetBytes(mnist)).toBe(60000 * 785 + 10000 * 785);
  });
});
