import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { fetchChunk, fetchFile, gunzip, isGzip, streamFiles } from './chunks';
import { DataError, type ByteCache } from './fetch-verified';
import type { DataChunk, DataFile } from './manifest';
import { sha256HexJs } from './sha256';

const gz = (bytes: Uint8Array) => new Uint8Array(gzipSync(bytes, { level: 9 }));
const bytesOf = (n: number, seed = 1) => Uint8Array.from({ length: n }, (_, i) => (i * 7 + seed) % 13);
const chunkOf = (path: string, raw: Uint8Array, examples: number): DataChunk => ({
  path,
  examples,
  bytes: raw.length,
  gzBytes: gz(raw).length,
  sha256: sha256HexJs(raw),
});
const mapCache = (): ByteCache & { map: Map<string, Uint8Array> } => {
  const map = new Map<string, Uint8Array>();
  return {
    map,
    get: async (url) => map.get(url),
    put: async (url, bytes) => void map.set(url, bytes),
    delete: async (url) => void map.delete(url),
  };
};
const serve = (bodies: Record<string, Uint8Array>, log: string[] = []) =>
  (async (input: string) => {
    const path = new URL(input).pathname.slice(1);
    log.push(path);
    const body = bodies[path];
    return body ? new Response(body.slice().buffer) : new Response('missing', { status: 404 });
  }) as unknown as typeof fetch;

describe('gzip chunks', () => {
  it('knows gzip by its magic number and inflates it with DecompressionStream', async () => {
    const raw = bytesOf(5000);
    expect(isGzip(gz(raw))).toBe(true);
    expect(isGzip(raw)).toBe(false);
    expect(isGzip(new Uint8Array([0x1f]))).toBe(false);
    expect(await gunzip(gz(raw))).toEqual(raw);
  });

  it('fetches a chunk, inflates and verifies it, counts compressed bytes and caches what came over the wire', async () => {
    const raw = bytesOf(4000);
    const chunk = chunkOf('a.0.gz', raw, 40);
    const cache = mapCache();
    const seen: number[] = [];
    const fetch = serve({ 'a.0.gz': gz(raw) });
    const bytes = await fetchChunk('http://t/a.0.gz', chunk, { fetch, cache, onProgress: (n) => seen.push(n) });
    expect(bytes).toEqual(raw);
    expect(seen.at(-1)).toBe(chunk.gzBytes);
    expect(Math.max(...seen)).toBe(chunk.gzBytes);
    expect(cache.map.get('http://t/a.0.gz')).toEqual(gz(raw));
    // from the cache the second time: no request
    const log: string[] = [];
    expect(await fetchChunk('http://t/a.0.gz', chunk, { fetch: serve({}, log), cache })).toEqual(raw);
    expect(log).toEqual([]);
  });

  it('takes bytes the browser already inflated (Content-Encoding: gzip) as they are', async () => {
    const raw = bytesOf(3000);
    const chunk = chunkOf('a.0.gz', raw, 30);
    expect(await fetchChunk('http://t/a.0.gz', chunk, { fetch: serve({ 'a.0.gz': raw }) })).toEqual(raw);
  });

  it('rejects a corrupt chunk (wrong bytes, broken gzip, too long) and replaces a bad cached copy', async () => {
    const raw = bytesOf(3000);
    const chunk = chunkOf('a.0.gz', raw, 30);
    const other = raw.map((v, i) => (i === 100 ? v ^ 1 : v));
    const url = 'http://t/a.0.gz';
    await expect(fetchChunk(url, chunk, { fetch: serve({ 'a.0.gz': gz(other) }) })).rejects.toThrow(/SHA-256/);
    const broken = gz(raw).slice(0, 40);
    await expect(fetchChunk(url, chunk, { fetch: serve({ 'a.0.gz': broken }) })).rejects.toBeInstanceOf(DataError);
    await expect(fetchChunk(url, chunk, { fetch: serve({ 'a.0.gz': bytesOf(4000) }) })).rejects.toThrow(/more than/);
    await expect(fetchChunk(url, chunk, { fetch: serve({}) })).rejects.toThrow(/HTTP 404/);
    const cache = mapCache();
    cache.map.set(url, gz(other));
    expect(await fetchChunk(url, chunk, { fetch: serve({ 'a.0.gz': gz(raw) }), cache })).toEqual(raw);
    expect(cache.map.get(url)).toEqual(gz(raw));
  });

  it('never inflates a whole file of a version-2 manifest, even one that starts like gzip', async () => {
    const raw = Uint8Array.from([0x1f, 0x8b, 1, 2, 3, 4]);
    const file: DataFile = {
      path: 'v2.u8',
      role: 'features',
      dtype: 'uint8',
      shape: [6],
      bytes: 6,
      sha256: sha256HexJs(raw),
    };
    expect(await fetchFile('http://t/manifest.json', file, { fetch: serve({ 'v2.u8': raw }) })).toEqual(raw);
  });

  it('streams a file chunk by chunk: first chunks of every file first, arrived examples as a prefix', async () => {
    const a = bytesOf(100 * 4, 3);
    const b = bytesOf(100, 5);
    const split = (name: string, raw: Uint8Array, per: number, sizes: number[]) => {
      let at = 0;
      return sizes.map((n, i) => {
        const part = raw.subarray(at * per, (at + n) * per);
        at += n;
        return { chunk: chunkOf(`${name}.${i}.gz`, part, n), body: gz(part) };
      });
    };
    const aParts = split('a', a, 4, [10, 40, 50]);
    const bParts = split('b', b, 1, [100]);
    const files: DataFile[] = [
      {
        path: 'a',
        role: 'features',
        dtype: 'uint8',
        shape: [100, 4],
        bytes: 400,
        sha256: sha256HexJs(a),
        chunks: aParts.map((p) => p.chunk),
      },
      {
        path: 'b',
        role: 'label',
        dtype: 'uint8',
        shape: [100],
        bytes: 100,
        sha256: sha256HexJs(b),
        chunks: bParts.map((p) => p.chunk),
      },
    ];
    const log: string[] = [];
    const bodies = Object.fromEntries([...aParts, ...bParts].map((p) => [p.chunk.path, p.body]));
    const arrivedSeen: number[] = [];
    const progress: number[] = [];
    const stream = streamFiles('http://t/manifest.json', files, {
      fetch: serve(bodies, log),
      concurrency: 1,
      onChunk: () => arrivedSeen.push(stream.files[0]!.arrived),
      onProgress: (loaded) => progress.push(loaded),
    });
    await stream.done;
    expect(log).toEqual(['a.0.gz', 'b.0.gz', 'a.1.gz', 'a.2.gz']);
    expect(arrivedSeen).toEqual([10, 10, 50, 100]);
    expect(stream.files[0]!.bytes).toEqual(a);
    expect(stream.files[1]!.bytes).toEqual(b);
    expect(progress.at(-1)).toBe([...aParts, ...bParts].reduce((n, p) => n + p.chunk.gzBytes, 0));
  });

  it('fetches a chunk once when two streams want it at the same time', async () => {
    const raw = bytesOf(2000, 9);
    const chunk = chunkOf('d.0.gz', raw, 20);
    const file: DataFile = {
      path: 'd',
      role: 'features',
      dtype: 'uint8',
      shape: [20, 100],
      bytes: 2000,
      sha256: sha256HexJs(raw),
      chunks: [chunk],
    };
    const log: string[] = [];
    const fetch = serve({ 'd.0.gz': gz(raw) }, log);
    const [a, b] = await Promise.all([
      fetchFile('http://t/manifest.json', file, { fetch }),
      fetchFile('http://t/manifest.json', file, { fetch }),
    ]);
    expect(a).toEqual(raw);
    expect(b).toEqual(raw);
    expect(log).toEqual(['d.0.gz']);
  });
});
