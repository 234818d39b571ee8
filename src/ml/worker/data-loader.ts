/**
 * The session's data loader: a manifest dataset's files downloaded (or taken from the cache) and
 * verified, with 'download' progress; inline arrays as they are. Image datasets come back as
 * bytes with their shape and normalisation; `arrays` datasets (token ids, ratings, features…) as
 * the typed arrays their dtypes name, by file name.
 */
import type { FromWorker } from '../core/messages';
import { fetchVerified, type ByteCache, DataError } from '../data/fetch-verified';
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

/** Downloads and verifies `files` together, posting their joint progress (at most ~100 messages). */
function download(runId: number, manifestUrl: string, files: DataFile[], deps: LoaderDeps): Promise<Uint8Array[]> {
  const total = files.reduce((s, f) => s + f.bytes, 0);
  const loaded = files.map(() => 0);
  let lastPosted = -1;
  return Promise.all(
    files.map((file, i) =>
      fetchVerified(new URL(file.path, manifestUrl).href, file, {
        fetch: deps.fetch,
        cache: deps.cache,
        onProgress: (done) => {
          loaded[i] = done;
          const sum = loaded.reduce((a, b) => a + b, 0);
          if (sum === total || sum - lastPosted >= total / 100) {
            lastPosted = sum;
            deps.post({ type: 'download', runId, loaded: sum, total });
          }
        },
      }),
    ),
  );
}

/** A manifest's `arrays` dataset: every file verified and decoded to its dtype, by file name. */
export async function loadArrays(runId: number, dataset: ManifestDataset, deps: LoaderDeps): Promise<ArraysData> {
  const { manifestUrl, name } = dataset;
  const entry = (await manifestAt(manifestUrl, deps)).arrays?.[name];
  if (!entry) throw new DataError('corrupt', `the data manifest has no arrays dataset "${name}"`);
  const names = Object.keys(entry.files);
  const files = names.map((key) => entry.files[key]!);
  const bytes = await download(runId, manifestUrl, files, deps);
  return { entry, arrays: Object.fromEntries(names.map((key, i) => [key, decodeArray(files[i]!, bytes[i]!)])) };
}

export async function loadImages(runId: number, dataset: ImageDataset, deps: LoaderDeps): Promise<ImageData> {
  if (dataset.kind === 'inline') return { train: dataset.train, test: dataset.test };
  const { manifestUrl, name } = dataset;
  const entry = (await manifestAt(manifestUrl, deps)).datasets[name];
  if (!entry) throw new DataError('corrupt', `the data manifest has no dataset "${name}"`);
  const files = [entry.files.trainImages, entry.files.trainLabels, entry.files.testImages, entry.files.testLabels];
  const bytes = await download(runId, manifestUrl, files, deps);
  const [trainImages, trainLabels, testImages, testLabels] = bytes as [Uint8Array, Uint8Array, Uint8Array, Uint8Array];
  const imageShape = entry.files.trainImages.shape.slice(1) as [number, number, number];
  const classes = entry.classes.length;
  return {
    train: { images: trainImages, labels: trainLabels, imageShape, classes, normalisation: entry.normalisation },
    test: { images: testImages, labels: testLabels, imageShape, classes, normalisation: entry.normalisation },
  };
}
