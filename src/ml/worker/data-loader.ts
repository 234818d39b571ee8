/**
 * The session's data loader: a manifest dataset's four files downloaded (or taken from the cache)
 * and verified, with 'download' progress; inline arrays as they are.
 */
import type { FromWorker } from '../core/messages';
import { fetchVerified, type ByteCache, DataError } from '../data/fetch-verified';
import { parseManifest } from '../data/manifest';
import type { ImageDataset } from '../tasks/datasets';
import type { ImageData } from '../tasks/task';

export interface LoaderDeps {
  post: (message: FromWorker) => void;
  fetch?: typeof fetch;
  cache?: ByteCache;
}

export async function loadImages(runId: number, dataset: ImageDataset, deps: LoaderDeps): Promise<ImageData> {
  if (dataset.kind === 'inline') return { train: dataset.train, test: dataset.test };
  const { manifestUrl, name } = dataset;
  const response = await (deps.fetch ?? fetch)(manifestUrl);
  if (!response.ok) throw new DataError('http', `${manifestUrl}: HTTP ${response.status}`);
  const entry = parseManifest(await response.json()).datasets[name];
  if (!entry) throw new DataError('corrupt', `the data manifest has no dataset "${name}"`);
  const files = [entry.files.trainImages, entry.files.trainLabels, entry.files.testImages, entry.files.testLabels];
  const total = files.reduce((s, f) => s + f.bytes, 0);
  const loaded = files.map(() => 0);
  let lastPosted = -1;
  const bytes = await Promise.all(
    files.map((file, i) =>
      fetchVerified(new URL(file.path, manifestUrl).href, file, {
        fetch: deps.fetch,
        cache: deps.cache,
        onProgress: (done) => {
          loaded[i] = done;
          const sum = loaded.reduce((a, b) => a + b, 0);
          // at most ~100 progress messages per download
          if (sum === total || sum - lastPosted >= total / 100) {
            lastPosted = sum;
            deps.post({ type: 'download', runId, loaded: sum, total });
          }
        },
      }),
    ),
  );
  const [trainImages, trainLabels, testImages, testLabels] = bytes as [Uint8Array, Uint8Array, Uint8Array, Uint8Array];
  const imageShape = entry.files.trainImages.shape.slice(1) as [number, number, number];
  const classes = entry.classes.length;
  return {
    train: { images: trainImages, labels: trainLabels, imageShape, classes, normalisation: entry.normalisation },
    test: { images: testImages, labels: testLabels, imageShape, classes, normalisation: entry.normalisation },
  };
}
