/** Real images for a GAN: batches in the generator's range [−1, 1], drawn from a seeded stream. */
import type { ImageArrays } from '../data/image-source';
import { mulberry32 } from '../random';

/** Real images as a sampler of [n, h·w·c] batches in [−1, 1], drawn with replacement from a seeded stream. */
export function imageStream(arrays: ImageArrays, seed: number, limit?: number): (n: number) => Float32Array {
  const [h, w, c] = arrays.imageShape;
  const per = h * w * c;
  const count = Math.min(limit ?? Infinity, arrays.labels.length);
  const random = mulberry32(seed);
  return (n) => {
    const out = new Float32Array(n * per);
    for (let i = 0; i < n; i++) {
      const at = Math.floor(random() * count) * per;
      for (let j = 0; j < per; j++) out[i * per + j] = arrays.images[at + j]! / 127.5 - 1;
    }
    return out;
  };
}
