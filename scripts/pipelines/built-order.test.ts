import { existsSync, readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { parseManifest } from '../../src/ml/data/manifest';
import { arrivalSteps } from '../../src/ml/worker/data-loader';

const built = new URL('../../public/data/manifest.json', import.meta.url);

describe('the built image data, as it streams in', () => {
  // A lab's first epoch trains on what has arrived, a prefix of each file: the first chunk must
  // already show the model every class the set has, or a fast loop on a slow line learns one class.
  it.skipIf(!existsSync(built))('holds every class of each training set in its first chunk', () => {
    const { datasets } = parseManifest(JSON.parse(readFileSync(built, 'utf8')));
    for (const [name, entry] of Object.entries(datasets)) {
      const { trainImages, trainLabels } = entry.files;
      const labels = Buffer.concat(
        (trainLabels.chunks ?? []).map((c) => gunzipSync(readFileSync(new URL(c.path, built)))),
      );
      expect(labels.length, name).toBe(trainLabels.shape[0]);
      const first = arrivalSteps(trainImages, trainLabels)[0]!;
      const everyClass = new Set(labels);
      const early = new Set(labels.subarray(0, first));
      expect(
        [...everyClass].filter((c) => !early.has(c)),
        `${name}: classes missing from the first ${first}`,
      ).toEqual([]);
    }
  });
});
