/**
 * The reader's image files decoded in the page: each file becomes the model's input size with
 * createImageBitmap and a canvas (the centre square, so nothing is stretched; transparency on
 * white), then the model's bytes (own-images.ts). Nothing leaves the browser.
 */
import { checkImageFiles, rgbaToBytes, type ImagesProblem } from '../../ml/data/own-images';

/** A problem with the chosen images, by file name; 'decode' when the browser cannot read one. */
export type ImageFilesProblem = ImagesProblem | { code: 'decode'; name: string };

/** An image file as RGBA at width × height. @throws when the browser cannot decode it */
export async function decodeImage(file: Blob, width: number, height: number): Promise<Uint8ClampedArray> {
  const bitmap = await createImageBitmap(file);
  try {
    const canvas = document.createElement('canvas');
    canvas.width = width;
    canvas.height = height;
    const ctx = canvas.getContext('2d', { willReadFrequently: true });
    if (!ctx) throw new Error('no 2-D canvas');
    const side = Math.min(bitmap.width, bitmap.height);
    ctx.fillStyle = '#fff';
    ctx.fillRect(0, 0, width, height);
    ctx.imageSmoothingQuality = 'high';
    ctx.drawImage(bitmap, (bitmap.width - side) / 2, (bitmap.height - side) / 2, side, side, 0, 0, width, height);
    return ctx.getImageData(0, 0, width, height).data;
  } finally {
    bitmap.close();
  }
}

/** The model's bytes of one image file, [h, w, c]. */
export async function imageBytes(file: Blob, shape: readonly [number, number, number]): Promise<Uint8Array> {
  return rgbaToBytes(await decodeImage(file, shape[1], shape[0]), shape[2] === 3 ? 3 : 1);
}

export interface DecodedImages {
  /** N × h × w × c */
  images: Uint8Array;
  labels: Uint8Array;
  /** class names, sorted; a label is an index into them */
  classes: string[];
}

/** Checks, decodes and labels the chosen files, in the order chosen. */
export async function readImageFiles(
  files: readonly File[],
  shape: readonly [number, number, number],
  onProgress?: (done: number) => void,
): Promise<{ ok: true; data: DecodedImages } | { ok: false; problem: ImageFilesProblem }> {
  const checked = checkImageFiles(
    files.map((file) => ({ file, name: file.name, path: file.webkitRelativePath, type: file.type, size: file.size })),
  );
  if (!checked.ok) return checked;
  const per = shape[0] * shape[1] * shape[2];
  const images = new Uint8Array(checked.files.length * per);
  const labels = new Uint8Array(checked.files.length);
  for (const [i, { file, label }] of checked.files.entries()) {
    try {
      images.set(await imageBytes(file.file, shape), i * per);
    } catch {
      return { ok: false, problem: { code: 'decode', name: file.name } };
    }
    labels[i] = checked.classes.indexOf(label);
    onProgress?.(i + 1);
  }
  return { ok: true, data: { images, labels, classes: checked.classes } };
}
