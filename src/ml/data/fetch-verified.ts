/**
 * Fetches a data file with byte-accurate progress, checks its length and SHA-256 against the
 * manifest, and keeps it for offline use. A cached copy is checked again before use; a truncated
 * or corrupted file (in the cache or on the wire) is thrown away and never handed to a model.
 *
 * Works in the page, in a worker and in Node 20 (fetch, streams and crypto.subtle are global);
 * the cache is injected so tests can use a Map and the browser uses Cache Storage.
 */

import { sha256HexJs } from './sha256';

export type DataErrorKind = 'http' | 'network' | 'truncated' | 'corrupt';

export class DataError extends Error {
  constructor(
    readonly kind: DataErrorKind,
    message: string,
  ) {
    super(message);
    this.name = 'DataError';
  }
}

export interface ByteCache {
  get(url: string): Promise<Uint8Array | undefined>;
  put(url: string, bytes: Uint8Array): Promise<void>;
  delete(url: string): Promise<void>;
}

/**
 * The Cache Storage cache that keeps the labs' verified data. v2 holds gzipped chunks; v1 held the
 * raw files that no longer ship, and the service worker deletes it (scripts/integrations/offline.ts).
 */
export const DATA_CACHE = 'book-data-v2';

/** A ByteCache on the browser's Cache Storage (survives reloads; works offline). */
export function cacheStorage(name = DATA_CACHE): ByteCache {
  const open = () => caches.open(name);
  return {
    async get(url) {
      const hit = await (await open()).match(url);
      return hit ? new Uint8Array(await hit.arrayBuffer()) : undefined;
    },
    async put(url, bytes) {
      await (
        await open()
      ).put(url, new Response(bytes.slice().buffer, { headers: { 'Content-Type': 'application/octet-stream' } }));
    },
    async delete(url) {
      await (await open()).delete(url);
    },
  };
}

/** SHA-256 hex digest: `crypto.subtle` in secure contexts, plain JavaScript elsewhere (plain-http hosts). */
export async function sha256Hex(bytes: Uint8Array): Promise<string> {
  if (typeof crypto === 'undefined' || !crypto.subtle) return sha256HexJs(bytes);
  const digest = await crypto.subtle.digest('SHA-256', bytes.slice().buffer);
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

export interface Expected {
  bytes: number;
  sha256: string;
}

export interface FetchVerifiedOptions {
  fetch?: typeof fetch;
  cache?: ByteCache;
  /** called as bytes arrive: (loaded, total) */
  onProgress?: (loaded: number, total: number) => void;
  signal?: AbortSignal;
}

/** Checks length and SHA-256 against the manifest; throws DataError (truncated / corrupt). */
export async function verify(bytes: Uint8Array, expected: Expected, url: string): Promise<void> {
  if (bytes.length !== expected.bytes) {
    throw new DataError(
      bytes.length < expected.bytes ? 'truncated' : 'corrupt',
      `${url}: expected ${expected.bytes} bytes, got ${bytes.length}`,
    );
  }
  const digest = await sha256Hex(bytes);
  if (digest !== expected.sha256)
    throw new DataError('corrupt', `${url}: SHA-256 ${digest.slice(0, 12)}… does not match the manifest`);
}

/**
 * GETs `url` and reads its body, at most `limit` bytes (more is a corrupt file), calling
 * `onProgress(loaded)` as bytes arrive. Fetch and stream failures become DataError 'network', a
 * failed status 'http'.
 * @returns the bytes received (a fresh array owned by the caller)
 */
export async function readBody(
  url: string,
  options: { fetch?: typeof fetch; signal?: AbortSignal },
  limit: number,
  onProgress?: (loaded: number) => void,
): Promise<Uint8Array> {
  let response: Response;
  try {
    response = await (options.fetch ?? fetch)(url, { signal: options.signal });
  } catch (error) {
    throw new DataError('network', `${url}: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (!response.ok || !response.body) throw new DataError('http', `${url}: HTTP ${response.status}`);
  const bytes = new Uint8Array(limit);
  let loaded = 0;
  const reader = response.body.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      if (loaded + value.length > limit)
        throw new DataError('corrupt', `${url}: more than the expected ${limit} bytes`);
      bytes.set(value, loaded);
      loaded += value.length;
      onProgress?.(loaded);
    }
  } catch (error) {
    await reader.cancel().catch(() => {});
    if (error instanceof DataError) throw error;
    throw new DataError('network', `${url}: ${error instanceof Error ? error.message : String(error)}`);
  }
  return loaded === limit ? bytes : bytes.slice(0, loaded);
}

/**
 * @returns the verified bytes (a fresh array owned by the caller)
 * @throws DataError with kind http / network / truncated / corrupt
 */
export async function fetchVerified(
  url: string,
  expected: Expected,
  options: FetchVerifiedOptions = {},
): Promise<Uint8Array> {
  const { cache, onProgress, signal } = options;
  const doFetch = options.fetch ?? fetch;
  if (cache) {
    const cached = await cache.get(url);
    if (cached) {
      try {
        await verify(cached, expected, url);
        onProgress?.(expected.bytes, expected.bytes);
        return cached;
      } catch {
        await cache.delete(url); // never use a bad copy; fetch a fresh one below
      }
    }
  }
  const bytes = await readBody(url, { fetch: doFetch, signal }, expected.bytes, (n) => onProgress?.(n, expected.bytes));
  await verify(bytes, expected, url);
  await cache?.put(url, bytes);
  return bytes;
}
