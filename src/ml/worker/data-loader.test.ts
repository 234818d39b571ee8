import { describe, expect, it } from 'vitest';
import type { FromWorker } from '../core/messages';
import { DataError } from '../data/fetch-verified';
import { sha256HexJs } from '../data/sha256';
import { loadArrays } from './data-loader';

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
