/**
 * The session's data loader: a manifest dataset's files fetched chunk by chunk (or taken from the
 * cache), decompressed and verified, with 'download' progress in compressed bytes; inline arrays
 * as they are. Image datasets come back as bytes with their shape and normalisation, and stream:
 * the images are handed over as soon as the first chunk of the training set (and of the test set)
 * has arrived, each split with an `arrival` saying how many examples are there so far, while the
 * rest arrives behind. When every chunk is in the cache the whole dataset is read before handing
 * over, so a run on cached data is exactly a run on complete data. `arrays` datasets (token ids,
 * ratings, features…) come back whole, as the typed arrays their dtypes name, by file name.
 */
import type { Arrival } from '../core/batch-source';
import type { FromWorker } from '../core/messages';
import { streamFiles, type StreamOptions, type StreamedFile } from '../data/chunks';
import { type ByteCache, DataError } from '../data/fetch-verified';
import { decodeArray, parseManifest, type DataFile, type DataManifest } from '../data/manifest';
import type { ManifestDataset, ImageDataset } from '../tasks/datasets';
import type { ArraysData, ImageData } from '../tasks/task';

export interface LoaderDeps {
  post: (message: FromWorker) => void;
  fetch?: typeof fetch;
  cache?: ByteCache;
}

async function manifestAt(manifestUrl: string, deps: LoaderDeps): Promise<DataManifest> {
  const response = await (deps.fetch ?? fetch)(manifestUrl);
  if (!response.ok) throw new DataError('http', `${manifestUrl}: HTTP ${response.status}`);
  return parseManifest(await response.json());
}

/** Streams `files` together, posting their joint progress in compressed bytes (at most ~100 messages). */
function download(
  runId: number,
  manifestUrl: string,
  files: DataFile[],
  deps: LoaderDeps,
  on: Pick<StreamOptions, 'onChunk' | 'onNetwork'> = {},
) {
  let lastPosted = -1;
  return streamFiles(manifestUrl, files, {
    fetch: deps.fetch,
    cache: deps.cache,
    ...on,
    onProgress: (loaded, total) => {
      if (loaded === total || loaded - lastPosted >= total / 100) {
        lastPosted = loaded;
        deps.post({ type: 'download', runId, loaded, total });
      }
    },
  });
}

/** A manifest's `arrays` dataset: every file verified and decoded to its dtype, by file name. */
export async function loadArrays(runId: number, dataset: ManifestDataset, deps: LoaderDeps): Promise<ArraysData> {
  const { manifestUrl, name } = dataset;
  const entry = (await manifestAt(manifestUrl, deps)).arrays?.[name];
  if (!entry) throw new DataError('corrupt', `the data manifest has no arrays dataset "${name}"`);
  const names = Object.keys(entry.files);
  const files = names.map((key) => entry.files[key]!);
  const { files: streamed, done } = download(runId, manifestUrl, files, deps);
  await done;
  return {
    entry,
    arrays: Object.fromEntries(names.map((key, i) => [key, decodeArray(files[i]!, streamed[i]!.bytes)])),
  };
}

/**
 * The counts of examples of a split that can have arrived, ascending: the ends of the chunks of
 * either file (both files must have an example for it to count), the last one every example.
 */
export function arrivalSteps(...files: DataFile[]): number[] {
  const total = Math.min(...files.map((file) => file.shape[0]!));
  const ends = new Set<number>([total]);
  for (const file of files) {
    let end = 0;
    for (const chunk of file.chunks ?? []) {
      end += chunk.examples;
      if (end < total) ends.add(end);
    }
  }
  return [...ends].sort((a, b) => a - b);
}

/** The examples of a split (images and labels) that have arrived: those of both files. */
function arrivalOf(images: StreamedFile, labels: StreamedFile, done: Promise<void>, failure: () => Error | undefined) {
  const arrival: Arrival = {
    arrived: () => Math.min(images.arrived, labels.arrived),
    error: failure,
    complete: done,
    steps: arrivalSteps(images.file, labels.file),
  };
  return arrival;
}

export async function loadImages(runId: number, dataset: ImageDataset, deps: LoaderDeps): Promise<ImageData> {
  if (dataset.kind === 'inline') return { train: dataset.train, test: dataset.test };
  const { manifestUrl, name } = dataset;
  const entry = (await manifestAt(manifestUrl, deps)).datasets[name];
  if (!entry) throw new DataError('corrupt', `the data manifest has no dataset "${name}"`);
  const { trainImages, trainLabels, testImages, testLabels } = entry.files;
  // handed over once the first chunk of each file is in, and every cached chunk before the first
  // that goes to the network (all of them when all are cached)
  let handOver: () => void = () => {};
  const ready = new Promise<void>((resolve) => (handOver = resolve));
  let network = false;
  const check = () => {
    if (network && streamed.every((s) => s.arrived > 0)) handOver();
  };
  const { files: streamed, done } = download(
    runId,
    manifestUrl,
    [trainLabels, trainImages, testLabels, testImages],
    deps,
    {
      onChunk: check,
      onNetwork: () => {
        network = true;
        check();
      },
    },
  );
  let failure: Error | undefined;
  const complete = done.catch((error: unknown) => {
    failure = error instanceof Error ? error : new Error(String(error));
    throw failure;
  });
  complete.catch(() => {}); // a failure after the hand-over reaches the run through its arrival
  await Promise.race([complete, ready]);
  const [trainL, trainI, testL, testI] = streamed as [StreamedFile, StreamedFile, StreamedFile, StreamedFile];
  const imageShape = trainImages.shape.slice(1) as [number, number, number];
  const classes = entry.classes.length;
  const { normalisation } = entry;
  const whole = (s: StreamedFile) => s.arrived === s.file.shape[0];
  const train = { images: trainI.bytes, labels: trainL.bytes, imageShape, classes, normalisation };
  const test = { images: testI.bytes, labels: testL.bytes, imageShape, classes, normalisation };
  const failed = () => failure;
  return {
    train: whole(trainI) && whole(trainL) ? train : { ...train, arrival: arrivalOf(trainI, trainL, complete, failed) },
    test: whole(testI) && whole(testL) ? test : { ...test, arrival: arrivalOf(testI, testL, complete, failed) },
  };
}
