import { readFileSync, existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  BYTE_RANGE,
  MANIFEST_VERSION,
  datasetBytes,
  decodeArray,
  manifestFiles,
  normaliser,
  parseManifest,
  wireBytes,
} from './manifest';

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
    const whole = Object.values(mnist.files).reduce((n, f) => n + f.bytes, 0);
    expect(whole).toBe(60000 * 785 + 10000 * 785);
    // what is fetched: gzipped chunks, a fraction of the raw bytes, the first one small
    expect(datasetBytes(mnist)).toBeLessThan(whole / 4);
    expect(mnist.files.trainImages.chunks!.length).toBeGreaterThan(10);
    expect(mnist.files.trainImages.chunks![0]!.gzBytes).toBeLessThan(150_000);
    for (const f of manifestFiles(parseManifest(JSON.parse(readFileSync(built, 'utf8')))))
      for (const c of f.chunks!) expect(existsSync(new URL(c.path, built)), c.path).toBe(true);
  });

  it('reads a uint8 file stored at fewer grey levels, and rejects a bad record of it', () => {
    const quantisation = { levels: 16, maxError: 8, sourceSha256: 'b'.repeat(64) };
    const parsed = parseManifest(manifest({ trainImages: file({ quantisation }) }));
    expect(parsed.datasets.m!.files.trainImages.quantisation).toEqual(quantisation);
    expect(parsed.datasets.m!.files.testImages.quantisation).toBeUndefined();
    for (const bad of [{ ...quantisation, levels: 1 }, { ...quantisation, sourceSha256: 'x' }, { levels: 16 }, 16])
      expect(() => parseManifest(manifest({ trainImages: file({ quantisation: bad }) }))).toThrow(/quantisation/);
  });

  it.skipIf(!existsSync(built))('the built data: MNIST exact, Fashion-MNIST at 16 grey levels, 35 MB in all', () => {
    const parsed = parseManifest(JSON.parse(readFileSync(built, 'utf8')));
    for (const f of Object.values(parsed.datasets.mnist!.files)) expect(f.quantisation, f.path).toBeUndefined();
    const fashion = parsed.datasets['fashion-mnist'];
    if (fashion) {
      for (const f of [fashion.files.trainImages, fashion.files.testImages]) {
        expect(f.quantisation?.levels, f.path).toBe(16);
        expect(f.quantisation!.maxError).toBeLessThanOrEqual(8);
        expect(f.quantisation!.sourceSha256).not.toBe(f.sha256);
      }
      expect(fashion.files.trainLabels.quantisation).toBeUndefined();
    }
    // what ships under data/: every chunk plus the manifest (and the emoji samples picture)
    const chunks = manifestFiles(parsed).reduce((n, f) => n + wireBytes(f), 0);
    expect(chunks + readFileSync(built).length).toBeLessThan(35e6);
  });

  it.skipIf(!existsSync(built))('the built manifest, if it has series, has the S&P 500 and CO₂ ones', () => {
    const { series } = parseManifest(JSON.parse(readFileSync(built, 'utf8')));
    if (series === undefined) return; // built before series existed
    expect(series.sp500!.values.shape[0]).toBeGreaterThan(5000);
    expect(series.co2!.values.shape[0]).toBe(672);
  });
});

describe('parseManifest, version 2: roles, dtypes and normalisation', () => {
  const v2file = (role: string, dtype: string, shape: number[], over: object = {}) => ({
    path: `x/${role}.bin`,
    role,
    dtype,
    shape,
    bytes: shape.reduce((a, b) => a * b, 1) * (dtype === 'uint8' ? 1 : 4),
    sha256: 'c'.repeat(64),
    ...over,
  });
  // the version-1 fixture above, with roles and a declared normalisation
  const images = (over: object = {}, files: object = {}) => {
    const { title, source, licence, classes } = manifest().datasets.m;
    const m = { title, source, licence, classes, normalisation: { min: 0, max: 255 } };
    const own = {
      trainImages: v2file('image', 'uint8', [2, 2, 2, 1]),
      trainLabels: v2file('label', 'uint8', [2]),
      testImages: v2file('image', 'uint8', [1, 2, 2, 1]),
      testLabels: v2file('label', 'uint8', [1]),
    };
    return { version: 2, datasets: { m: { ...m, files: { ...own, ...files }, ...over } } };
  };
  // a matrix-factorisation set: 3 training ratings, 2 test ones
  const ratings = (files: object = {}, over: object = {}) => ({
    ...images(),
    arrays: {
      stars: {
        title: 'Stars',
        source: 's',
        licence: 'l',
        normalisation: null,
        files: {
          trainUsers: v2file('user-ids', 'int32', [3], { split: 'train' }),
          trainItems: v2file('item-ids', 'int32', [3], { split: 'train' }),
          trainRatings: v2file('ratings', 'float32', [3], { split: 'train' }),
          testUsers: v2file('user-ids', 'int32', [2], { split: 'test' }),
          testRatings: v2file('ratings', 'uint8', [2], { split: 'test' }),
          ...files,
        },
        ...over,
      },
    },
  });

  it('reads image datasets with their roles and declared normalisation', () => {
    const m = parseManifest(images()).datasets.m!;
    expect(m.normalisation).toEqual({ min: 0, max: 255 });
    expect(m.files.trainImages.role).toBe('image');
    expect(m.files.testLabels.role).toBe('label');
    expect(parseManifest(images({ normalisation: null })).datasets.m!.normalisation).toBeNull();
  });

  it('reads a version-1 manifest as version 2: roles from each place, 8-bit images', () => {
    const parsed = parseManifest({
      ...manifest(),
      series: {
        co2: {
          title: 'S',
          source: 's',
          licence: 'l',
          unit: 'ppm',
          step: 'month',
          values: { path: 's/v.f32', dtype: 'float32', shape: [3], bytes: 12, sha256: 'b'.repeat(64) },
          dates: { path: 's/d.i32', dtype: 'int32', shape: [3], bytes: 12, sha256: 'b'.repeat(64) },
        },
      },
    });
    expect(parsed.version).toBe(2);
    expect(parsed.datasets.m!.normalisation).toEqual(BYTE_RANGE);
    expect(parsed.datasets.m!.files.trainImages.role).toBe('image');
    expect(parsed.datasets.m!.files.trainLabels.role).toBe('label');
    expect(parsed.series!.co2!.values.role).toBe('series');
    expect(parsed.series!.co2!.dates.role).toBe('dates');
  });

  it('reads arrays of every dtype with their roles and splits, and lists every file', () => {
    const parsed = parseManifest(
      ratings({ tokens: v2file('token-ids', 'int32', [4, 5]), extra: v2file('features', 'float32', [2, 3]) }),
    );
    const stars = parsed.arrays!.stars!;
    expect(stars.normalisation).toBeNull();
    expect(stars.files.trainRatings).toMatchObject({ role: 'ratings', dtype: 'float32', split: 'train' });
    expect(stars.files.testRatings).toMatchObject({ role: 'ratings', dtype: 'uint8', split: 'test' });
    expect(stars.files.tokens).toMatchObject({ role: 'token-ids', dtype: 'int32', shape: [4, 5] });
    expect(stars.files.tokens!.split).toBeUndefined();
    expect(stars.files.extra).toMatchObject({ role: 'features', dtype: 'float32', shape: [2, 3] });
    expect(datasetBytes(stars)).toBe(3 * 12 + 2 * 4 + 2 + 4 * 5 * 4 + 2 * 3 * 4);
    expect(manifestFiles(parsed)).toHaveLength(4 + 7);
    expect(
      parseManifest(ratings({}, { normalisation: { min: 1, max: 5 }, classes: ['x'] })).arrays!.stars,
    ).toMatchObject({ normalisation: { min: 1, max: 5 }, classes: ['x'] });
  });

  it.each([
    [
      { trainRatings: v2file('ratings', 'int32', [3], { split: 'train' }) },
      /trainRatings.dtype must be uint8 or float32 for ratings/,
    ],
    [
      { trainUsers: v2file('user-ids', 'float32', [3], { split: 'train' }) },
      /trainUsers.dtype must be int32 for user-ids/,
    ],
    [{ tokens: v2file('token-ids', 'float64', [2]) }, /tokens.dtype must be uint8 or int32/],
    [{ tokens: v2file('features', 'int32', [2]) }, /tokens.dtype must be uint8 or float32 for features/],
    [{ tokens: v2file('series', 'uint8', [2]) }, /tokens.dtype must be float32 for series/],
    [{ tokens: v2file('dates', 'float32', [2]) }, /tokens.dtype must be int32 for dates/],
    [{ tokens: v2file('image', 'int32', [2, 2, 2, 1]) }, /tokens.dtype must be uint8 or float32 for image/],
    [{ tokens: v2file('label', 'float32', [2]) }, /tokens.dtype must be uint8 or int32 for label/],
    [{ tokens: v2file('words', 'int32', [2]) }, /tokens.role must be a known role/],
    [{ tokens: { ...v2file('token-ids', 'int32', [2]), role: undefined } }, /tokens.role/],
    [{ trainItems: v2file('item-ids', 'int32', [3], { split: 'train', bytes: 3 }) }, /trainItems.bytes does not match/],
    [{ testRatings: v2file('ratings', 'float32', [2], { bytes: 2 }) }, /testRatings.bytes does not match/],
    [{ trainItems: v2file('item-ids', 'int32', [4], { split: 'train' }) }, /train files of different lengths/],
    [{ testUsers: v2file('user-ids', 'int32', [2], { split: 'validation' }) }, /split must be train or test/],
    [{ tokens: v2file('token-ids', 'int32', []) }, /shape is not a list of positive integers/],
    [{ tokens: v2file('token-ids', 'int32', [2], { path: '/etc/passwd' }) }, /not a relative path/],
  ])('rejects a bad arrays file %#', (files, message) => {
    expect(() => parseManifest(ratings(files))).toThrow(message);
  });

  it.each([
    [{ normalisation: { min: 1, max: 1 } }, /normalisation must be null or \{ min, max \}/],
    [{ normalisation: { scale: 255 } }, /normalisation/],
    [{ normalisation: undefined }, /normalisation/],
    [{ title: 7 }, /lacks title, source or licence/],
    [{ classes: [1] }, /classes is not a list/],
    [{ files: {} }, /has no files/],
  ])('rejects a bad arrays dataset %#', (over, message) => {
    expect(() => parseManifest(ratings({}, over))).toThrow(message);
  });

  it.each([
    [{}, { trainImages: v2file('label', 'uint8', [2, 2, 2, 1]) }, /trainImages.role must be image/],
    [{}, { trainLabels: v2file('label', 'int32', [2]) }, /trainLabels.dtype must be uint8 in an image dataset/],
    [{}, { trainImages: v2file('image', 'float32', [2, 2, 2, 1], { bytes: 8 }) }, /bytes does not match/],
    [{ normalisation: { min: 255, max: 0 } }, {}, /normalisation/],
  ])('rejects a bad image dataset %#', (over, files, message) => {
    expect(() => parseManifest(images(over, files))).toThrow(message);
  });

  it('keeps arrays out of version-1 manifests', () => {
    expect(() => parseManifest({ ...ratings(), version: 1 })).toThrow(/arrays need a version-2 manifest/);
    expect(() => parseManifest({ ...images(), arrays: [] })).toThrow(/arrays is not a record/);
  });
});

describe('parseManifest, version 3: gzipped chunks', () => {
  const chunk = (examples: number, over: object = {}) => ({
    path: `m/a.${examples}.gz`,
    examples,
    bytes: examples * 2,
    gzBytes: 9,
    sha256: 'c'.repeat(64),
    ...over,
  });
  const v3 = (chunks: object[]) => {
    const m = manifest({ trainImages: { ...file({ shape: [3, 2], bytes: 6 }), chunks } }) as {
      version: number;
      datasets: { m: { files: Record<string, Record<string, unknown>> } };
    };
    m.version = MANIFEST_VERSION;
    const files = m.datasets.m.files;
    files.trainImages!.role = 'image';
    files.trainLabels = { ...file({ shape: [3], bytes: 3 }), role: 'label', chunks: [chunk(3, { bytes: 3 })] };
    files.testImages = { ...files.testImages, role: 'image', chunks: [chunk(2)] };
    files.testLabels = { ...files.testLabels, role: 'label', chunks: [chunk(2, { bytes: 2 })] };
    return { ...m, datasets: { m: { ...m.datasets.m, normalisation: BYTE_RANGE } } };
  };

  it('reads the chunks, and counts the compressed bytes as the download', () => {
    const parsed = parseManifest(v3([chunk(1), chunk(2)]));
    expect(parsed.version).toBe(3);
    expect(parsed.datasets.m!.files.trainImages.chunks!.map((c) => c.examples)).toEqual([1, 2]);
    expect(datasetBytes(parsed.datasets.m!)).toBe(9 * 5);
  });

  it.each([
    [[chunk(1)], /hold 1 examples, not 3/],
    [[chunk(1), chunk(2, { bytes: 5 })], /chunks\[1\].bytes does not match/],
    [[chunk(3, { gzBytes: 0 })], /gzBytes/],
    [[chunk(3, { path: '/x' })], /not a relative path/],
    [[chunk(3, { sha256: 'no' })], /sha256/],
    [[], /not a list of chunks/],
  ])('rejects chunks that do not cover the file %#', (chunks, message) => {
    expect(() => parseManifest(v3(chunks))).toThrow(message);
  });
});

describe('decodeArray and normaliser', () => {
  const entry = (dtype: 'uint8' | 'int32' | 'float32', bytes: number) => ({
    path: 'a',
    role: 'features' as const,
    dtype,
    shape: [bytes / (dtype === 'uint8' ? 1 : 4)],
    bytes,
    sha256: 'd'.repeat(64),
  });

  it('decodes little-endian int32 and float32, also from an unaligned view, and uint8 as is', () => {
    const buffer = new ArrayBuffer(13);
    const view = new DataView(buffer, 1);
    view.setInt32(0, -7, true);
    view.setInt32(4, 70000, true);
    view.setFloat32(8, 0.25, true);
    const bytes = new Uint8Array(buffer, 1, 12);
    expect(Array.from(decodeArray(entry('int32', 8), bytes.subarray(0, 8)))).toEqual([-7, 70000]);
    const floats = decodeArray(entry('float32', 4), bytes.subarray(8));
    expect(floats).toBeInstanceOf(Float32Array);
    expect(Array.from(floats)).toEqual([0.25]);
    expect(decodeArray(entry('uint8', 12), bytes)).toBe(bytes);
  });

  it('refuses bytes that do not match the entry', () => {
    expect(() => decodeArray(entry('int32', 8), new Uint8Array(7))).toThrow(/7 bytes, the manifest says 8/);
  });

  it('maps values as declared, exactly v / 255 for 8-bit data, and leaves them alone for null', () => {
    const { min, range } = normaliser(BYTE_RANGE);
    for (let v = 0; v < 256; v++) expect((v - min) / range).toBe(v / 255);
    const stars = normaliser({ min: 1, max: 5 });
    expect((3 - stars.min) / stars.range).toBe(0.5);
    expect(normaliser(null)).toEqual({ min: 0, range: 1 });
  });
});
