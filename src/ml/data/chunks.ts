/**
 * Fetching a manifest file in its gzipped chunks (manifest version 3): each chunk is fetched (or
 * taken from the cache), decompressed with `DecompressionStream('gzip')`, checked against the
 * SHA-256 of its decompressed bytes and copied into the file's place as it arrives, so that a lab
 * can start on the first chunk. What the cache keeps is what came over the wire (compressed).
 *
 * Some static hosts send `.gz` files with `Content-Encoding: gzip`; the browser then hands over
 * bytes it has already inflated. So a chunk is decompressed only when it starts with the gzip
 * magic (1f 8b); the SHA-256 decides either way. Works in a worker, the page and Node 20.
 */
import { DataError, readBody, verify, type ByteCache } from './fetch-verified';
import { filePieces, type DataChunk, type DataFile } from './manifest';

/** Whether bytes start with the gzip magic number 1f 8b. */
export const isGzip = (bytes: Uint8Array): boolean => bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b;

/** Inflates gzip bytes with the platform's DecompressionStream. */
export async function gunzip(bytes: Uint8Array): Promise<Uint8Array> {
  const stream = new Blob([bytes.slice().buffer]).stream().pipeThrough(new DecompressionStream('gzip'));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

export interface ChunkOptions {
  fetch?: typeof fetch;
  cache?: ByteCache;
  /** compressed bytes of this chunk received so far (a cached chunk counts at once) */
  onProgress?: (loaded: number) => void;
  /** called when the chunk is not in the cache and goes to the network */
  onNetwork?: () => void;
  signal?: AbortSignal;
  /** a whole uncompressed file of a version-2 manifest: never inflated, whatever its first bytes */
  raw?: boolean;
}

/** The chunk's bytes from what came over the wire (or from the cache), checked. */
async function decode(wire: Uint8Array, chunk: DataChunk, url: string, raw = false): Promise<Uint8Array> {
  let bytes = wire;
  if (!raw && isGzip(wire)) {
    try {
      bytes = await gunzip(wire);
    } catch (error) {
      throw new DataError(
        'corrupt',
        `${url}: not valid gzip (${error instanceof Error ? error.message : String(error)})`,
      );
    }
  }
  await verify(bytes, chunk, url);
  return bytes;
}

/**
 * One chunk, decompressed and verified.
 * @throws DataError with kind http / network / truncated / corrupt
 */
export async function fetchChunk(url: string, chunk: DataChunk, options: ChunkOptions = {}): Promise<Uint8Array> {
  const { cache, onProgress, signal } = options;
  const cached = await cache?.get(url);
  if (cached) {
    try {
      const bytes = await decode(cached, chunk, url, options.raw);
      onProgress?.(chunk.gzBytes);
      return bytes;
    } catch {
      await cache?.delete(url); // never use a bad copy; fetch a fresh one below
    }
  }
  options.onNetwork?.();
  // inflated by the browser (Content-Encoding) the body is at most `bytes`; compressed, `gzBytes`
  const limit = Math.max(chunk.bytes, chunk.gzBytes);
  const wire = await readBody(url, { fetch: options.fetch, signal }, limit, (n) =>
    onProgress?.(Math.min(n, chunk.gzBytes)),
  );
  const bytes = await decode(wire, chunk, url, options.raw);
  onProgress?.(chunk.gzBytes);
  await cache?.put(url, wire);
  return bytes;
}

/** Chunks being fetched now, by URL: what a second stream of the same file waits for. */
const inFlight = new Map<string, Promise<Uint8Array>>();

/** A file being fetched chunk by chunk into `bytes`; `arrived` examples (a prefix) are there. */
export interface StreamedFile {
  file: DataFile;
  bytes: Uint8Array;
  arrived: number;
}

export interface StreamOptions extends Omit<ChunkOptions, 'onProgress'> {
  /** compressed bytes of all the files received so far, and their total */
  onProgress?: (loaded: number, total: number) => void;
  /** after each chunk has been copied into its file */
  onChunk?: () => void;
  /** chunks fetched at once (default 2) */
  concurrency?: number;
}

/**
 * Fetches `files` chunk by chunk: the first chunk of every file first (in the order given), then
 * the rest of each file in turn. Returns at once; `done` settles when every chunk is in.
 */
export function streamFiles(
  manifestUrl: string,
  files: DataFile[],
  options: StreamOptions = {},
): { files: StreamedFile[]; done: Promise<void> } {
  const streamed = files.map((file) => ({ file, bytes: new Uint8Array(file.bytes), arrived: 0 }));
  const pieces = files.map((file) => filePieces(file));
  const total = pieces.flat().reduce((s, c) => s + c.gzBytes, 0);
  // where each chunk goes, and which chunks of a file are in (for the prefix count)
  const jobs: { f: number; c: number }[] = [
    ...pieces.map((_, f) => ({ f, c: 0 })),
    ...pieces.flatMap((chunks, f) => chunks.slice(1).map((_, c) => ({ f, c: c + 1 }))),
  ];
  const offsets = pieces.map((chunks) => chunks.map((_, c) => chunks.slice(0, c).reduce((s, x) => s + x.bytes, 0)));
  const inFile = pieces.map((chunks) => chunks.map(() => false));
  const loaded = pieces.map((chunks) => chunks.map(() => 0));
  let sum = 0;
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < jobs.length) {
      const { f, c } = jobs[next++]!;
      const chunk = pieces[f]![c]!;
      const progress = (n: number) => {
        sum += n - loaded[f]![c]!;
        loaded[f]![c] = n;
        options.onProgress?.(sum, total);
      };
      const url = new URL(chunk.path, manifestUrl).href;
      // a chunk another stream is fetching (a run started while the last one's data still arrives)
      // is awaited, not fetched twice
      let pending = inFlight.get(url);
      if (!pending) {
        pending = fetchChunk(url, chunk, { ...options, raw: files[f]!.chunks === undefined, onProgress: progress });
        inFlight.set(url, pending);
        void pending.then(
          () => inFlight.delete(url),
          () => inFlight.delete(url),
        );
      }
      const bytes = await pending;
      progress(chunk.gzBytes);
      const s = streamed[f]!;
      s.bytes.set(bytes, offsets[f]![c]);
      inFile[f]![c] = true;
      let arrived = 0;
      for (let k = 0; k < inFile[f]!.length && inFile[f]![k]; k++) arrived += pieces[f]![k]!.examples;
      s.arrived = arrived;
      options.onChunk?.();
    }
  };
  const workers = Array.from({ length: Math.min(options.concurrency ?? 2, jobs.length) }, worker);
  return { files: streamed, done: Promise.all(workers).then(() => {}) };
}

/** A whole file through its chunks (or as one piece before version 3), decompressed and verified. */
export async function fetchFile(manifestUrl: string, file: DataFile, options: StreamOptions = {}): Promise<Uint8Array> {
  const { files, done } = streamFiles(manifestUrl, [file], options);
  await done;
  return files[0]!.bytes;
}
