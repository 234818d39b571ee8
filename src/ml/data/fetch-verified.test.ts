import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { DataError, fetchVerified, sha256Hex, type ByteCache } from './fetch-verified';

const payload = Uint8Array.from({ length: 1000 }, (_, i) => (i * 7) % 256);
const expected = { bytes: payload.length, sha256: createHash('sha256').update(payload).digest('hex') };

/** A fetch that serves `body` in 100-byte chunks and counts its calls. */
function fakeFetch(body: Uint8Array, status = 200) {
  const calls: string[] = [];
  const impl = (async (url: string) => {
    calls.push(url);
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let i = 0; i < body.length; i += 100) controller.enqueue(body.slice(i, i + 100));
        controller.close();
      },
    });
    return new Response(stream, { status });
  }) as unknown as typeof fetch;
  return { impl, calls };
}

function mapCache(): ByteCache & { map: Map<string, Uint8Array> } {
  const map = new Map<string, Uint8Array>();
  return {
    map,
    get: async (url) => map.get(url),
    put: async (url, bytes) => void map.set(url, bytes.slice()),
    delete: async (url) => void map.delete(url),
  };
}

describe('fetchVerified', () => {
  it('hashes like Node', async () => {
    expect(await sha256Hex(payload)).toBe(expected.sha256);
  });

  it('returns verified bytes with byte-accurate progress, then serves them from the cache', async () => {
    const { impl, calls } = fakeFetch(payload);
    const cache = mapCache();
    const progress: number[] = [];
    const bytes = await fetchVerified('/d.bin', expected, {
      fetch: impl,
      cache,
      onProgress: (loaded) => progress.push(loaded),
    });
    expect([...bytes]).toEqual([...payload]);
    expect(progress).toEqual([100, 200, 300, 400, 500, 600, 700, 800, 900, 1000]);
    expect(cache.map.has('/d.bin')).toBe(true);
    const again = await fetchVerified('/d.bin', expected, { fetch: impl, cache });
    expect([...again]).toEqual([...payload]);
    expect(calls).toHaveLength(1); // nothing fetched twice
  });

  it('rejects a truncated download and caches nothing', async () => {
    const cache = mapCache();
    const error = await fetchVerified('/d.bin', expected, {
      fetch: fakeFetch(payload.subarray(0, 900)).impl,
      cache,
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DataError);
    expect(error).toMatchObject({ kind: 'truncated' });
    expect(cache.map.size).toBe(0);
  });

  it('rejects a corrupted or oversized download', async () => {
    const flipped = payload.slice();
    flipped[500] = flipped[500]! ^ 0xff;
    await expect(fetchVerified('/d.bin', expected, { fetch: fakeFetch(flipped).impl })).rejects.toMatchObject({
      kind: 'corrupt',
    });
    await expect(
      fetchVerified('/d.bin', expected, { fetch: fakeFetch(new Uint8Array(1100)).impl }),
    ).rejects.toMatchObject({ kind: 'corrupt' });
  });

  it('throws away a corrupted cached copy and fetches a fresh one', async () => {
    const cache = mapCache();
    cache.map.set('/d.bin', new Uint8Array(1000));
    const { impl, calls } = fakeFetch(payload);
    const bytes = await fetchVerified('/d.bin', expected, { fetch: impl, cache });
    expect([...bytes]).toEqual([...payload]);
    expect(calls).toHaveLength(1);
    expect([...cache.map.get('/d.bin')!]).toEqual([...payload]);
  });

  it('reports HTTP and network failures', async () => {
    await expect(fetchVerified('/d.bin', expected, { fetch: fakeFetch(payload, 404).impl })).rejects.toMatchObject({
      kind: 'http',
    });
    const offline = (async () => {
      throw new TypeError('Failed to fetch');
    }) as unknown as typeof fetch;
    await expect(fetchVerified('/d.bin', expected, { fetch: offline })).rejects.toMatchObject({ kind: 'network' });
  });
});
