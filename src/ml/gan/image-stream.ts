/** Real images for a GAN: batches in the generator's range [−1, 1], drawn from a seeded stream. */
import { inputScale, type ImageArrays } from '../data/image-source';
import { mulberry32 } from '../random';

/**
 * Real images as a sampler of [n, h·w·c] batches in [−1, 1], drawn with replacement from a seeded
 * stream; the dataset's declared range maps onto [−1, 1] (8-bit pixels: v / 127.5 − 1).
 */
export function imageStream(arrays: ImageArrays, seed: number, limit?: number): (n: number) => Float32Array {
  const [h, w, c] = arrays.imageShape;
  const per = h * w * c;
  const count = Math.min(limit ?? Infinity, arrays.labels.length);
  const random = mulberry32(seed);
  const { min, range } = inputScale(arrays);
  const half = range / 2;
  return (n) => {
    const failure = arrays.arrival?.error();
    if (failure) throw failure;
    const out = new Float32Array(n * per);
    for (let i = 0; i < n; i++) {
      // while the images are still arriving, only those that have (the same draws once all are there)
      const at = Math.floor(random() * Math.min(count, arrays.arrival?.arrived() ?? count)) * per;
      for (let j = 0; j < per; j++) out[i * per + j] = (arrays.images[at + j]! - min) / half - 1;
    }
    return out;
  };
}
