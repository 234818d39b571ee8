import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import type { FromWorker } from '../core/messages';
import { DataError, type ByteCache } from '../data/fetch-verified';
import { imageSource } from '../data/image-source';
import { sha256HexJs } from '../data/sha256';
import { loadArrays, loadImages } from './data-loader';

const le = (values: number[], kind: 'int32' | 'float32') => {
  const bytes = new Uint8Array(values.length * 4);
  const view = new DataView(bytes.buffer);
  values.forEach((v, i) => (kind === 'int32' ? view.setInt32(i * 4, v, true) : view.setFloat32(i * 4, v, true)));
  return bytes;
};

/** A site with a version-2 manifest holding one `arrays` dataset: token ids, labels and a float feature. */
function site(corrupt = false) {
  const bodies: Record<string, Uint8Array<ArrayBuffer>> = {
    'text/train-tokens.i32': le([3, 1, 4, 1, 5, 9], 'int32'),
    'text/train-labels.u8': Uint8Array.from([0, 1]),
    'text/train-weights.f32': le([0.5, -2], 'float32'),
  };
  const file = (path: string, role: string, dtype: string, shape: number[]) => ({
    path,
    role,
    dtype,
    shape,
    bytes: bodies[path]!.length,
    sha256: sha256HexJs(bodies[path]!),
    split: 'train',
  });
  const manifest = {
    version: 2,
    datasets: {},
    arrays: {
      reviews: {
        title: 'Reviews',
        source: 'test',
        licence: 'test',
        classes: ['negative', 'positive'],
        normalisation: null,
        files: {
          tokens: file('text/train-tokens.i32', 'token-ids', 'int32', [2, 3]),
          labels: file('text/train-labels.u8', 'label', 'uint8', [2]),
          weights: file('text/train-weights.f32', 'features', 'float32', [2]),
        },
      },
    },
  };
  if (corrupt) bodies['text/train-labels.u8'] = Uint8Array.from([1, 1]);
  const fetch = (async (input: string) => {
    const path = new URL(input).pathname.replace(/^\/data\//, '');
    if (path === 'manifest.json') return new Response(JSON.stringify(manifest));
    const body = bodies[path];
    return body ? new Response(body) : new Response('missing', { status: 404 });
  }) as unknown as typeof globalThis.fetch;
  return fetch;
}

const dataset = { kind: 'manifest' as const, name: 'reviews', manifestUrl: 'http://book.test/data/manifest.json' };

describe('loadArrays (datasets beyond images)', () => {
  it('downloads, verifies and decodes every file to its dtype, with download progress', async () => {
    const posted: FromWorker[] = [];
    const { entry, arrays } = await loadArrays(7, dataset, { post: (m) => posted.push(m), fetch: site() });
    expect(entry.classes).toEqual(['negative', 'positive']);
    expect(arrays.tokens).toBeInstanceOf(Int32Array);
    expect(Array.from(arrays.tokens!)).toEqual([3, 1, 4, 1, 5, 9]);
    expect(Array.from(arrays.labels!)).toEqual([0, 1]);
    expect(arrays.weights).toBeInstanceOf(Float32Array);
    expect(Array.from(arrays.weights!)).toEqual([0.5, -2]);
    const last = posted.filter((m) => m.type === 'download').at(-1);
    expect(last).toEqual({ type: 'download', runId: 7, loaded: 34, total: 34 });
  });

  it('rejects a file whose bytes do not match the manifest, and an unknown dataset', async () => {
    await expect(loadArrays(1, dataset, { post: () => {}, fetch: site(true) })).rejects.toBeInstanceOf(DataError);
    await expect(loadArrays(1, { ...dataset, name: 'nothing' }, { post: () => {}, fetch: site() })).rejects.toThrow(
      /no arrays dataset "nothing"/,
    );
  });
});

/**
 * A version-3 site: an 8-class image set of `n` 2×2 images in gzipped chunks of `per` examples;
 * every chunk after the first of each file waits for `release()`.
 */
function chunkedSite(n: number, per: number, corruptChunk?: string) {
  const images = Uint8Array.from({ length: n * 4 }, (_, i) => (i * 31) % 256);
  const labels = Uint8Array.from({ length: n }, (_, i) => i % 8);
  const bodies: Record<string, Uint8Array> = {};
  const chunked = (name: string, data: Uint8Array, width: number, shape: number[], role: string) => {
    const chunks = [];
    for (let start = 0, i = 0; start < n; start += per, i++) {
      const part = data.subarray(start * width, Math.min(n, start + per) * width);
      const path = `s/${name}.${i}.gz`;
      const gz = new Uint8Array(gzipSync(path === corruptChunk ? part.map((v) => v ^ 1) : part));
      bodies[path] = gz;
      chunks.push({
        path,
        examples: part.length / width,
        bytes: part.length,
        gzBytes: gz.length,
        sha256: sha256HexJs(part),
      });
    }
    return { path: `s/${name}`, role, dtype: 'uint8', shape, bytes: data.length, sha256: sha256HexJs(data), chunks };
  };
  const manifest = {
    version: 3,
    datasets: {
      small: {
        title: 'Small',
        source: 'test',
        licence: 'test',
        classes: ['0', '1', '2', '3', '4', '5', '6', '7'],
        normalisation: { min: 0, max: 255 },
        files: {
          trainImages: chunked('train-images', images, 4, [n, 2, 2, 1], 'image'),
          trainLabels: chunked('train-labels', labels, 1, [n], 'label'),
          testImages: chunked('test-images', images, 4, [n, 2, 2, 1], 'image'),
          testLabels: chunked('test-labels', labels, 1, [n], 'label'),
        },
      },
    },
  };
  let release: () => void = () => {};
  const gate = new Promise<void>((resolve) => (release = resolve));
  const requested: string[] = [];
  const fetch = (async (input: string) => {
    const path = new URL(input).pathname.replace(/^\/data\//, '');
    if (path === 'manifest.json') return new Response(JSON.stringify(manifest));
    requested.push(path);
    if (!path.endsWith('.0.gz')) await gate;
    const body = bodies[path];
    return body ? new Response(body.slice().buffer) : new Response('missing', { status: 404 });
  }) as unknown as typeof globalThis.fetch;
  return { fetch, release, images, labels, requested };
}

const small = { kind: 'manifest' as const, name: 'small', manifestUrl: 'http://book.test/data/manifest.json' };
const mapCache = (): ByteCache => {
  const map = new Map<string, Uint8Array>();
  return {
    get: async (url) => map.get(url),
    put: async (url, bytes) => void map.set(url, bytes),
    delete: async (url) => void map.delete(url),
  };
};

describe('loadImages from gzipped chunks', () => {
  it('hands the images over once the first chunks have arrived; the rest streams in behind', async () => {
    const site = chunkedSite(50, 20);
    const posted: FromWorker[] = [];
    const cache = mapCache();
    const { train, test } = await loadImages(3, small, { post: (m) => posted.push(m), fetch: site.fetch, cache });
    expect(train.arrival!.arrived()).toBe(20);
    expect(test.arrival!.arrived()).toBe(20);
    expect(train.images.subarray(0, 80)).toEqual(site.images.subarray(0, 80));
    expect(imageSource(train).arrived!()).toBe(20);
    // the chunk ends are the steps a streamed epoch admits examples on, also for a slice
    expect(train.arrival!.steps).toEqual([20, 40, 50]);
    expect(imageSource(train, 30).arrivalSteps).toEqual([20, 30]);
    site.release();
    await train.arrival!.complete;
    expect(train.arrival!.arrived()).toBe(50);
    expect(train.images).toEqual(site.images);
    expect(train.labels).toEqual(site.labels);
    const last = posted.filter((m) => m.type === 'download').at(-1) as { loaded: number; total: number };
    expect(last.loaded).toBe(last.total);
    // a second run finds every chunk in the cache: the whole set before the hand-over, no arrival
    const again = await loadImages(4, small, { post: () => {}, fetch: chunkedSite(50, 20).fetch, cache });
    expect(again.train.arrival).toBeUndefined();
    expect(again.train.images).toEqual(site.images);
  });

  it('a corrupt chunk after the hand-over fails the run at its next batch', async () => {
    const site = chunkedSite(50, 20, 's/train-images.1.gz');
    const { train } = await loadImages(5, small, { post: () => {}, fetch: site.fetch });
    const source = imageSource(train);
    site.release();
    await expect(train.arrival!.complete).rejects.toThrow(/SHA-256/);
    expect(train.arrival!.error()).toBeInstanceOf(DataError);
    expect(() => source.batch(Int32Array.from([0]))).toThrow(/SHA-256/);
  });
});
