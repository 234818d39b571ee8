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

  const seriesFile = (dtype: string, over: object = {}) => ({
    path: `s/x.${dtype}`,
    dtype,
    shape: [3],
    bytes: 12,
    sha256: 'b'.repeat(64),
    ...over,
  });
  const series = (over: object = {}) => ({
    title: 'S',
    source: 's',
    licence: 'l',
    unit: 'ppm',
    step: 'month',
    values: seriesFile('float32'),
    dates: seriesFile('int32'),
    ...over,
  });

  it('keeps a manifest without series valid, and accepts one with series', () => {
    expect(parseManifest(manifest()).series).toBeUndefined();
    const parsed = parseManifest({ ...manifest(), series: { co2: series() } });
    expect(parsed.series!.co2!.values.shape).toEqual([3]);
    expect(parsed.series!.co2!.step).toBe('month');
    expect(datasetBytes(parsed.series!.co2!)).toBe(24);
  });

  it.each([
    [{ values: seriesFile('float32', { bytes: 3 }) }, /co2.values.bytes does not match/],
    [{ values: seriesFile('uint8') }, /co2.values.dtype must be float32/],
    [{ dates: seriesFile('float32') }, /co2.dates.dtype must be int32/],
    [{ dates: seriesFile('int32', { shape: [4], bytes: 16 }) }, /one date per value/],
    [{ values: seriesFile('float32', { shape: [3, 1] }) }, /one date per value/],
    [{ step: 'week' }, /step must be/],
    [{ unit: 3 }, /lacks title, source, licence or unit/],
  ])('rejects a bad series entry %#', (over, message) => {
    expect(() => parseManifest({ ...manifest(), series: { co2: series(over) } })).toThrow(message);
  });

  it('rejects series that are not a record', () => {
    expect(() => parseManifest({ ...manifest(), series: [] })).toThrow(/series is not a record/);
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

  it.skipIf(!existsSync(built))('the built manifest, if it has series, has the S&P 500 and CO₂ ones', () => {
    const { series } = parseManifest(JSON.parse(readFileSync(built, 'utf8')));
    if (series === undefined) return; // built before series existed
    expect(series.sp500!.values.shape[0]).toBeGreaterThan(5000);
    expect(series.co2!.values.shape[0]).toBe(672);
  });
});
