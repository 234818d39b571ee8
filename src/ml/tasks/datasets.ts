/**
 * Where a task's data comes from, one variant per source (no field is a placeholder for another):
 *   manifest   a dataset of the site's data manifest, by name: the worker downloads and verifies it
 *   inline     image arrays the page already holds (CIFAR batches from the reader's disk, a
 *              generated sequence task); nothing is fetched
 *   windows    windows of a time series prepared on the page (scaled, split by time)
 */
import { float32, int, object, string, uint8, type Fields } from '../core/check';
import { BadMessage } from '../core/states';
import type { ImageArrays } from '../data/image-source';
import type { WindowArrays } from '../data/window-source';

export interface ManifestDataset {
  kind: 'manifest';
  name: string;
  /** absolute URL of the site's data/manifest.json (the worker cannot know the base path) */
  manifestUrl: string;
}

export interface InlineImages {
  kind: 'inline';
  /** what the data is, for messages */
  name: string;
  train: ImageArrays;
  test: ImageArrays;
}

/**
 * A regression on windows of a time series: the model trains on `train`, is scored on `test` (the
 * validation part) after each epoch, and then predicts every window of `predict`.
 */
export interface WindowsData {
  kind: 'windows';
  train: WindowArrays;
  test: WindowArrays;
  predict?: Float32Array;
}

export type DatasetRef = ManifestDataset | InlineImages | WindowsData;
/** Images with labels: what the classifiers and the digits GAN read. */
export type ImageDataset = ManifestDataset | InlineImages;

function imageArrays(value: unknown, path: string): ImageArrays {
  const a = object(value, path);
  const shape = a.imageShape;
  if (!Array.isArray(shape) || shape.length !== 3) throw new BadMessage(`${path}.imageShape must be [h, w, c]`);
  shape.forEach((v, i) => int(v, `${path}.imageShape[${i}]`, 1));
  return {
    images: uint8(a.images, `${path}.images`),
    labels: uint8(a.labels, `${path}.labels`),
    imageShape: shape as [number, number, number],
    classes: int(a.classes, `${path}.classes`, 1),
  };
}

function windowArrays(value: unknown, path: string): WindowArrays {
  const a = object(value, path);
  return {
    xs: float32(a.xs, `${path}.xs`),
    ys: float32(a.ys, `${path}.ys`),
    steps: int(a.steps, `${path}.steps`, 1),
    outputs: int(a.outputs, `${path}.outputs`, 1),
  };
}

export function parseImageDataset(value: unknown, path = 'dataset'): ImageDataset {
  const d: Fields = object(value, path);
  if (d.kind === 'manifest')
    return {
      kind: 'manifest',
      name: string(d.name, `${path}.name`),
      manifestUrl: string(d.manifestUrl, `${path}.manifestUrl`),
    };
  if (d.kind === 'inline')
    return {
      kind: 'inline',
      name: string(d.name, `${path}.name`),
      train: imageArrays(d.train, `${path}.train`),
      test: imageArrays(d.test, `${path}.test`),
    };
  throw new BadMessage(`${path}.kind must be 'manifest' or 'inline'`);
}

export function parseWindowsData(value: unknown, path = 'dataset'): WindowsData {
  const d = object(value, path);
  if (d.kind !== 'windows') throw new BadMessage(`${path}.kind must be 'windows'`);
  return {
    kind: 'windows',
    train: windowArrays(d.train, `${path}.train`),
    test: windowArrays(d.test, `${path}.test`),
    ...(d.predict === undefined ? {} : { predict: float32(d.predict, `${path}.predict`) }),
  };
}
