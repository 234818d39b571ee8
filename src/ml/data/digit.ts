/**
 * A hand-drawn digit prepared as MNIST's digits were (LeCun et al.): the ink's bounding box is
 * scaled, keeping its aspect ratio, so that its longer side is 20 pixels (anti-aliased by area
 * averaging), and placed in a 28×28 field so that its centre of mass sits at the centre.
 * Plain arrays, no TensorFlow.js and no DOM: the drawing pad calls it on its canvas's alpha.
 */

export const FIELD = 28;
export const BOX = 20;

/**
 * @param ink row-major intensities in [0, 1] (1 = ink), `width × height`
 * @returns 28 × 28 intensities in [0, 1]; all zeros if nothing was drawn
 */
export function preprocessDigit(ink: ArrayLike<number>, width: number, height: number): Float32Array {
  const out = new Float32Array(FIELD * FIELD);
  let top = height;
  let bottom = -1;
  let left = width;
  let right = -1;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      if (ink[y * width + x]! > 0.05) {
        top = Math.min(top, y);
        bottom = Math.max(bottom, y);
        left = Math.min(left, x);
        right = Math.max(right, x);
      }
    }
  }
  if (bottom < 0) return out;
  const boxW = right - left + 1;
  const boxH = bottom - top + 1;
  const scale = BOX / Math.max(boxW, boxH);
  const w = Math.max(1, Math.round(boxW * scale));
  const h = Math.max(1, Math.round(boxH * scale));

  // area-average the bounding box down (or up) to w × h
  const small = new Float32Array(w * h);
  for (let sy = 0; sy < h; sy++) {
    const y0 = top + sy / scale;
    const y1 = top + (sy + 1) / scale;
    for (let sx = 0; sx < w; sx++) {
      const x0 = left + sx / scale;
      const x1 = left + (sx + 1) / scale;
      let sum = 0;
      let area = 0;
      for (let y = Math.floor(y0); y < Math.ceil(y1); y++) {
        const fy = Math.min(y + 1, y1) - Math.max(y, y0);
        if (fy <= 0 || y > bottom) continue;
        for (let x = Math.floor(x0); x < Math.ceil(x1); x++) {
          const fx = Math.min(x + 1, x1) - Math.max(x, x0);
          if (fx <= 0 || x > right) continue;
          sum += ink[y * width + x]! * fx * fy;
          area += fx * fy;
        }
      }
      small[sy * w + sx] = area > 0 ? sum / area : 0;
    }
  }

  // centre of mass of the small image, then place it so that lands on (14, 14)
  const [cy, cx] = centreOfMass(small, w, h);
  const offY = Math.round(FIELD / 2 - cy);
  const offX = Math.round(FIELD / 2 - cx);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const ty = y + offY;
      const tx = x + offX;
      if (ty >= 0 && ty < FIELD && tx >= 0 && tx < FIELD) out[ty * FIELD + tx] = Math.min(1, small[y * w + x]!);
    }
  }
  return out;
}

/** Centre of mass (row, column) of a `width` × `height` image (28×28 by default), in pixel-centre coordinates. */
export function centreOfMass(image: ArrayLike<number>, width = FIELD, height = width): [number, number] {
  let mass = 0;
  let cy = 0;
  let cx = 0;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const v = image[y * width + x]!;
      mass += v;
      cy += v * (y + 0.5);
      cx += v * (x + 0.5);
    }
  }
  return [cy / mass, cx / mass];
}
