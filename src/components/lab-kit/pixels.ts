/**
 * Pictures the labs paint pixel by pixel on a canvas: an input image (grey or colour), a layer's
 * activations as a grid of grey tiles, one per channel, a convolution's filters.
 *
 * They run on the page's main thread while a model trains, and the first call runs before the
 * engine has optimised anything: with a small array per pixel (`data.set([r, g, b, 255])`), calls
 * per value and a canvas resized on every refresh, the first feature maps of the Practice lab took
 * 30 ms. Here each pixel is one 32-bit write into the canvas' own buffer, from plain indexed loops.
 */

/** one opaque pixel as the canvas stores it (RGBA bytes, read as a little-endian 32-bit number) */
const rgba = (r: number, g: number, b: number) => (0xff000000 | (b << 16) | (g << 8) | r) >>> 0;

/**
 * Image `index` of `values` (images one after another, `channels` values per pixel: 1 grey, 3 RGB)
 * into `pixels` (one per canvas pixel, row by row), each value times `scale` (255 for values in
 * 0…1, 1 for bytes), rounded and clamped to 0…255.
 */
export function fillImage(
  pixels: Uint32Array,
  values: ArrayLike<number>,
  channels: number,
  scale = 1,
  index = 0,
): void {
  const area = pixels.length;
  let at = index * area * channels;
  for (let p = 0; p < area; p++, at += channels) {
    const r = byte(values[at]! * scale);
    if (channels === 3) pixels[p] = rgba(r, byte(values[at + 1]! * scale), byte(values[at + 2]! * scale));
    else pixels[p] = rgba(r, r, r);
  }
}

/** the opaque grey pixel of each level 0…255 */
const GREY = Uint32Array.from({ length: 256 }, (_, v) => rgba(v, v, v));

/** a value as a byte: rounded, 0 below 0 (and for NaN), 255 above */
function byte(v: number): number {
  return v > 0 ? (v < 255 ? (v + 0.5) | 0 : 255) : 0;
}

/** the grid `tiles` draws: one tile per channel, 8 a row up to 32 channels, 16 beyond */
export function tileGrid(shape: readonly [number, number, number]): {
  cols: number;
  rows: number;
  width: number;
  height: number;
} {
  const [h, w, c] = shape;
  const cols = c === 1 ? 1 : c <= 32 ? 8 : 16;
  const rows = Math.ceil(c / cols);
  return { cols, rows, width: cols * (w + 1) - 1, height: rows * (h + 1) - 1 };
}

/**
 * A [h, w, c] activation (channels last) into `pixels` (the grid's width × height, black between
 * the tiles): each channel a grey tile, 0 (and below) black, the largest value of all white.
 */
export function fillTiles(pixels: Uint32Array, shape: readonly [number, number, number], data: ArrayLike<number>) {
  const [h, w, c] = shape;
  const { cols, width } = tileGrid(shape);
  let max = 1e-6;
  for (let i = 0; i < data.length; i++) if (data[i]! > max) max = data[i]!;
  const scale = 255 / max;
  pixels.fill(GREY[0]!);
  for (let ch = 0; ch < c; ch++) {
    const corner = Math.floor(ch / cols) * (h + 1) * width + (ch % cols) * (w + 1);
    for (let y = 0, from = ch; y < h; y++) {
      const row = corner + y * width;
      for (let x = 0; x < w; x++, from += c) {
        const v = data[from]! * scale;
        pixels[row + x] = GREY[v > 0 ? (v < 255 ? (v + 0.5) | 0 : 255) : 0]!;
      }
    }
  }
}

/**
 * Sizes `canvas` (only where it changes: setting a canvas' size clears it and may give it a new
 * buffer) and paints what `fill` writes into its pixels.
 */
export function paintPixels(
  canvas: HTMLCanvasElement,
  width: number,
  height: number,
  fill: (pixels: Uint32Array) => void,
): void {
  if (canvas.width !== width) canvas.width = width;
  if (canvas.height !== height) canvas.height = height;
  const ctx = canvas.getContext('2d');
  if (!ctx) return;
  const image = ctx.createImageData(width, height);
  fill(new Uint32Array(image.data.buffer));
  ctx.putImageData(image, 0, 0);
}

/** the grid `fillFilters` draws: 8 filters a row, each weight a `cell`-pixel square, `gap` apart */
export function filterGrid(
  shape: readonly [number, number, number, number],
  cell = 4,
  gap = 1,
): { cols: number; width: number; height: number } {
  const [kh, kw, , count] = shape;
  const cols = 8;
  return { cols, width: cols * (kw * cell + gap), height: Math.ceil(count / cols) * (kh * cell + gap) };
}

/**
 * A convolution's filters ([kh, kw, in channels, filters], weights in that order) into `pixels`
 * (filterGrid's width × height, transparent between the tiles): each filter scaled to its own
 * range, grey for one input channel, colour (its weights on red, green and blue) for three.
 */
export function fillFilters(
  pixels: Uint32Array,
  shape: readonly [number, number, number, number],
  data: ArrayLike<number>,
  cell = 4,
  gap = 1,
): void {
  const [kh, kw, cin, count] = shape;
  const { cols, width } = filterGrid(shape, cell, gap);
  pixels.fill(0);
  for (let f = 0; f < count; f++) {
    let lo = Infinity;
    let hi = -Infinity;
    for (let i = f; i < data.length; i += count) {
      if (data[i]! < lo) lo = data[i]!;
      if (data[i]! > hi) hi = data[i]!;
    }
    const scale = 255 / (hi - lo || 1);
    const level = (r: number, c: number, ch: number) =>
      byte((data[((r * kw + c) * cin + ch) * count + f]! - lo) * scale);
    const ox = (f % cols) * (kw * cell + gap);
    const oy = Math.floor(f / cols) * (kh * cell + gap);
    for (let r = 0; r < kh; r++)
      for (let c = 0; c < kw; c++) {
        const red = level(r, c, 0);
        const colour = cin === 3 ? rgba(red, level(r, c, 1), level(r, c, 2)) : rgba(red, red, red);
        for (let y = 0; y < cell; y++)
          pixels.fill(
            colour,
            (oy + r * cell + y) * width + ox + c * cell,
            (oy + r * cell + y) * width + ox + (c + 1) * cell,
          );
      }
  }
}
