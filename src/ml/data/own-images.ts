/**
 * A reader's own images for the CNN labs, the parts that need no browser: which files are
 * images, each file's label (its folder's name, or the start of its name), the classes, the
 * split into training and test images, and an RGBA picture turned into the model's bytes. The
 * page decodes and resizes the files (own-image-files.ts) and shows what goes wrong by file name.
 */
import { mulberry32 } from '../random';
import type { ImageArrays } from './image-source';

/** Per file, and files at once: a photo from a phone is a few MB; a folder of a few hundred small images is plenty. */
export const MAX_IMAGE_BYTES = 16 * 1024 * 1024;
export const MAX_IMAGES = 1000;
/** the CNN's output layer has ten units */
export const MAX_CLASSES = 10;
/** the share of each class held out to test on */
export const TEST_SHARE = 0.2;

/** What the page knows of a chosen file. */
export interface FileInfo {
  name: string;
  /** "cats/tom.png" when chosen as part of a folder, else "" */
  path: string;
  type: string;
  size: number;
}

const IMAGE_NAME = /\.(png|jpe?g|gif|webp|bmp|avif)$/i;

/** A file a browser can decode as an image, judged by its type or, without one, its name. */
export const looksLikeImage = (file: Pick<FileInfo, 'name' | 'type'>): boolean =>
  file.type ? file.type.startsWith('image/') && file.type !== 'image/svg+xml' : IMAGE_NAME.test(file.name);

/**
 * A file's label: the folder it is in (a folder chosen whole: "pets/cat/1.png" → "cat"), else the
 * start of its name up to a digit, "_", "-", a space or the extension ("cat_07.jpg" → "cat").
 * @returns "" when the name starts with none of these
 */
export function labelOf(file: Pick<FileInfo, 'name' | 'path'>): string {
  const parts = file.path.split('/').filter(Boolean);
  if (parts.length >= 3) return parts.at(-2)!;
  return (/^[^\d_\-\s.]+/.exec(file.name)?.[0] ?? '').toLowerCase();
}

export type ImagesProblem =
  | { code: 'none' }
  | { code: 'too-many'; count: number; max: number }
  | { code: 'too-large'; name: string; bytes: number; max: number }
  | { code: 'not-image'; name: string }
  | { code: 'no-label'; name: string }
  | { code: 'classes'; count: number }
  | { code: 'too-many-classes'; count: number; max: number };

/**
 * Checks the chosen files before any is read: how many, their sizes, that each is an image and
 * has a label; then that there are 2 to 10 labels. Files the browser adds to a folder by itself
 * (".DS_Store", "Thumbs.db", hidden files) are left out, not refused.
 * @returns the files kept with their labels and the sorted class names, or the first problem
 */
export function checkImageFiles<F extends FileInfo>(
  files: readonly F[],
): { ok: true; files: { file: F; label: string }[]; classes: string[] } | { ok: false; problem: ImagesProblem } {
  const kept = files.filter((f) => !f.name.startsWith('.') && !/^(thumbs\.db|desktop\.ini)$/i.test(f.name));
  if (kept.length === 0) return { ok: false, problem: { code: 'none' } };
  if (kept.length > MAX_IMAGES)
    return { ok: false, problem: { code: 'too-many', count: kept.length, max: MAX_IMAGES } };
  const labelled: { file: F; label: string }[] = [];
  for (const file of kept) {
    if (file.size > MAX_IMAGE_BYTES)
      return { ok: false, problem: { code: 'too-large', name: file.name, bytes: file.size, max: MAX_IMAGE_BYTES } };
    if (!looksLikeImage(file)) return { ok: false, problem: { code: 'not-image', name: file.name } };
    const label = labelOf(file);
    if (!label) return { ok: false, problem: { code: 'no-label', name: file.name } };
    labelled.push({ file, label });
  }
  const classes = [...new Set(labelled.map((l) => l.label))].sort();
  if (classes.length < 2) return { ok: false, problem: { code: 'classes', count: classes.length } };
  if (classes.length > MAX_CLASSES)
    return { ok: false, problem: { code: 'too-many-classes', count: classes.length, max: MAX_CLASSES } };
  return { ok: true, files: labelled, classes };
}

/**
 * An RGBA picture (canvas ImageData, already resized) as the model's bytes: the three colours,
 * or one grey value (Rec. 601 luma) per pixel.
 */
export function rgbaToBytes(rgba: ArrayLike<number>, channels: 1 | 3): Uint8Array {
  const n = Math.floor(rgba.length / 4);
  const out = new Uint8Array(n * channels);
  for (let i = 0; i < n; i++) {
    const [r, g, b] = [rgba[4 * i]!, rgba[4 * i + 1]!, rgba[4 * i + 2]!];
    if (channels === 3) out.set([r, g, b], 3 * i);
    else out[i] = Math.round(0.299 * r + 0.587 * g + 0.114 * b);
  }
  return out;
}

/**
 * A grey photo as the digit model's input in [0, 1]: the digits it learned are light strokes on
 * black, so a photo with a light background (ink on paper) is inverted.
 */
export function photoAsDigit(grey: Uint8Array): Float32Array {
  const mean = grey.reduce((a, b) => a + b, 0) / Math.max(1, grey.length);
  return Float32Array.from(grey, (v) => (mean > 127 ? 255 - v : v) / 255);
}

/**
 * Splits decoded images into training and test sets, class by class (a seeded shuffle): about a
 * fifth of each class is held out, at least one image of any class with two or more, and every
 * class keeps at least one training image.
 * @param images N × (h·w·c) bytes; labels N class indices
 */
export function splitImages(
  images: Uint8Array,
  labels: Uint8Array,
  imageShape: readonly [number, number, number],
  seed = 1,
): { train: ImageArrays; test: ImageArrays } {
  const per = imageShape[0] * imageShape[1] * imageShape[2];
  const random = mulberry32(seed);
  const train: number[] = [];
  const test: number[] = [];
  const classes = Math.max(0, ...labels) + 1;
  for (let c = 0; c < classes; c++) {
    const of = [...labels.keys()].filter((i) => labels[i] === c);
    for (let i = of.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [of[i], of[j]] = [of[j]!, of[i]!];
    }
    const held = of.length >= 2 ? Math.max(1, Math.round(of.length * TEST_SHARE)) : 0;
    test.push(...of.slice(0, held));
    train.push(...of.slice(held));
  }
  const pick = (indices: number[]): ImageArrays => {
    const out = new Uint8Array(indices.length * per);
    indices.forEach((i, k) => out.set(images.subarray(i * per, (i + 1) * per), k * per));
    return { images: out, labels: Uint8Array.from(indices, (i) => labels[i]!), imageShape, classes: 10 };
  };
  return { train: pick(train), test: pick(test) };
}
