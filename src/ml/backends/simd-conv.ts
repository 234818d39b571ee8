/**
 * A convolution and its two gradients on the project's SIMD gather products (simd-kernels.wat),
 * with no matrix of patches: the input (zero-padded as the convolution asks) is copied into the
 * kernels' own memory, and the product reads each window through two tables of offsets, one per
 * output position and one per filter tap (strides and dilations live in the tables).
 *
 *   forward        out[p, co] = Σ_t x[window(p) + tap(t)] · W[t, co]
 *   filter grad.   dW[t, co]  = Σ_p x[window(p) + tap(t)] · dy[p, co]
 *   input grad.    dx = the forward convolution of dy, padded by the filter's size less one, with the
 *                  filter turned by 180° and its channels swapped (stride 1)
 *
 * Measured kernel by kernel on the article CNN's second convolution (32 × 13 × 13 × 32 → 64, 3 × 3), one
 * thread of a 2-core Zen 5 machine, Node.js 20, the plain SIMD build (median of 60 calls): forward 3.8 →
 * 3.6 ms against XNNPACK's convolution, filter gradient 4.6 → 3.5 ms against the patches written on the
 * WASM heap and XNNPACK's product, input gradient 6.0 → 5.2 ms against XNNPACK's convolution of the
 * padded dy. In Chromium 150 (a newer V8, relaxed SIMD) the whole lab went from about 1,050 to 1,500–1,750
 * training examples a second on one thread. A batch goes in chunks of images that keep the kernels'
 * memory near 16 MB; the filter gradient takes a chunk's positions 128 at a time so that their part
 * of dy stays in the first-level cache while every tile of dW passes over it.
 */
import type { GatherAt, SimdKernels } from './simd-kernels';

/** The geometry of one convolution, as `backend_util.Conv2DInfo` gives it (dilations 1 for the gradients). */
export interface ConvShape {
  batchSize: number;
  inHeight: number;
  inWidth: number;
  inChannels: number;
  outHeight: number;
  outWidth: number;
  outChannels: number;
  filterHeight: number;
  filterWidth: number;
  strideHeight: number;
  strideWidth: number;
  dilationHeight: number;
  dilationWidth: number;
  padInfo: { top: number; left: number };
}

/** Floats of input and output per chunk of images (16 MB); the tests pass less. */
export const CHUNK_FLOATS = 4 * 1024 * 1024;
/** Output positions per pass of the filter gradient's product. */
const POSITIONS = 128;

const up = (n: number, to: number) => Math.ceil(n / to) * to;
/** a byte offset past `floats` floats, rounded to whole vectors, with one spare vector */
const after = (at: number, floats: number) => at + up(4 * floats, 16) + 16;

/** The padded input's sides: rows and columns from −top and −left, enough for every window. */
function paddedSides(s: ConvShape) {
  const height = (s.outHeight - 1) * s.strideHeight + (s.filterHeight - 1) * s.dilationHeight + 1;
  const width = (s.outWidth - 1) * s.strideWidth + (s.filterWidth - 1) * s.dilationWidth + 1;
  return { height, width };
}

/**
 * Copies images [first, first + images) of an NHWC tensor on the backend's heap (at `from`, in
 * floats) into the kernels' memory at byte offset `to`, as [images, height, width, channels] whose
 * row `top` and column `left` are the tensor's first: zeros where the tensor has no value.
 */
function copyPadded(
  heap: Float32Array,
  from: number,
  own: Float32Array,
  to: number,
  first: number,
  images: number,
  s: { inHeight: number; inWidth: number; channels: number },
  pad: { top: number; left: number; height: number; width: number },
): void {
  const { inHeight, inWidth, channels } = s;
  const at = to >>> 2;
  const image = inHeight * inWidth * channels;
  if (pad.top === 0 && pad.left === 0 && pad.height === inHeight && pad.width === inWidth) {
    own.set(heap.subarray(from + first * image, from + (first + images) * image), at);
    return;
  }
  own.fill(0, at, at + images * pad.height * pad.width * channels);
  const columns = Math.min(inWidth, pad.width - pad.left) - Math.max(0, -pad.left);
  if (columns <= 0) return;
  const c0 = Math.max(0, -pad.left);
  for (let i = 0; i < images; i++)
    for (let r = Math.max(0, -pad.top); r < Math.min(inHeight, pad.height - pad.top); r++) {
      const source = from + (((first + i) * inHeight + r) * inWidth + c0) * channels;
      const target = at + ((i * pad.height + r + pad.top) * pad.width + c0 + pad.left) * channels;
      own.set(heap.subarray(source, source + columns * channels), target);
    }
}

/** cols[t] for the taps t = (kh, kw, c) of a padded input `width` wide, then zeros (the first tap) up to `count`. */
function tapTable(i32: Int32Array, at: number, s: ConvShape, width: number, channels: number, count: number): void {
  let t = at >>> 2;
  const end = t + count;
  for (let kh = 0; kh < s.filterHeight; kh++)
    for (let kw = 0; kw < s.filterWidth; kw++)
      for (let c = 0; c < channels; c++)
        i32[t++] = 4 * ((kh * s.dilationHeight * width + kw * s.dilationWidth) * channels + c);
  while (t < end) i32[t++] = 0;
}

/** rows[p] for the output positions p = (image, oh, ow) of a chunk, then zeros (the first window) up to `count`. */
function windowTable(
  i32: Int32Array,
  at: number,
  s: ConvShape,
  images: number,
  pad: { height: number; width: number },
  channels: number,
  count: number,
): void {
  let p = at >>> 2;
  const end = p + count;
  for (let i = 0; i < images; i++)
    for (let oh = 0; oh < s.outHeight; oh++)
      for (let ow = 0; ow < s.outWidth; ow++)
        i32[p++] = 4 * (((i * pad.height + oh * s.strideHeight) * pad.width + ow * s.strideWidth) * channels);
  while (p < end) i32[p++] = 0;
}

/**
 * Copies the first `columns` of each of `rows` rows of a row-major matrix `fromWide` wide into one
 * `toWide` wide, with zeros after them there (offsets count floats): padding channels to a multiple of
 * 8 on the way into the kernels' memory, and back out.
 */
export function copyRows(
  from: Float32Array,
  fromAt: number,
  fromWide: number,
  to: Float32Array,
  toAt: number,
  toWide: number,
  rows: number,
  columns: number,
): void {
  if (columns === fromWide && columns === toWide) {
    to.set(from.subarray(fromAt, fromAt + rows * columns), toAt);
    return;
  }
  for (let r = 0; r < rows; r++) {
    to.set(from.subarray(fromAt + r * fromWide, fromAt + r * fromWide + columns), toAt + r * toWide);
    if (toWide > columns) to.fill(0, toAt + r * toWide + columns, toAt + (r + 1) * toWide);
  }
}

/** What both products need to know of a convolution: padded widths, taps, padded input, chunks of images. */
function layout(s: ConvShape, chunkFloats: number) {
  const channels = s.inChannels;
  const n = s.outChannels;
  const wide = up(n, 8);
  const taps = s.filterHeight * s.filterWidth * channels;
  const pad = { ...paddedSides(s), top: s.padInfo.top, left: s.padInfo.left };
  const positions = s.outHeight * s.outWidth;
  const perImage = pad.height * pad.width * channels + positions * (wide + 1);
  const chunk = Math.max(1, Math.min(s.batchSize, Math.floor(chunkFloats / perImage)));
  const input = { inHeight: s.inHeight, inWidth: s.inWidth, channels };
  return { channels, n, wide, taps, pad, positions, chunk, input };
}

/**
 * The forward convolution: out (NHWC, at `outAt` on the heap, in floats) from x (at `xAt`) and a
 * filter [fh, fw, inChannels, outChannels] that `writeFilter` puts at a byte offset of the kernels'
 * memory with `wide` columns (zeros past outChannels).
 */
export function convForward(
  simd: SimdKernels,
  heap: Float32Array,
  at: { xAt: number; outAt: number },
  s: ConvShape,
  writeFilter: (own: Float32Array, byteAt: number, wide: number) => void,
  chunkFloats = CHUNK_FLOATS,
): void {
  const { channels, n, wide, taps, pad, positions, chunk, input } = layout(s, chunkFloats);
  const filterAt = 0;
  const colsAt = after(filterAt, taps * wide);
  const aAt = after(colsAt, taps);
  const rowsAt = after(aAt, chunk * pad.height * pad.width * channels);
  const cAt = after(rowsAt, up(chunk * positions, 4));
  const { f32, i32 } = simd.own(after(cAt, up(chunk * positions, 4) * wide));
  writeFilter(f32, filterAt, wide);
  tapTable(i32, colsAt, s, pad.width, channels, taps);
  const gather: GatherAt = { a: aAt, rows: rowsAt, cols: colsAt, b: filterAt, c: cAt };
  for (let first = 0; first < s.batchSize; first += chunk) {
    const images = Math.min(chunk, s.batchSize - first);
    const m = images * positions;
    copyPadded(heap, at.xAt, f32, aAt, first, images, input, pad);
    windowTable(i32, rowsAt, s, images, pad, channels, up(m, 4));
    simd.gatherProduct(gather, up(m, 4), taps, wide);
    copyRows(f32, cAt >>> 2, wide, heap, at.outAt + first * positions * n, n, m, n);
  }
}

/** The filter gradient dW [fh, fw, inChannels, outChannels] (at `dwAt` on the heap) from x and dy. */
export function convFilterGrad(
  simd: SimdKernels,
  heap: Float32Array,
  at: { xAt: number; dyAt: number; dwAt: number },
  s: ConvShape,
  chunkFloats = CHUNK_FLOATS,
): void {
  const { channels, n, wide, taps, pad, positions, chunk, input } = layout(s, chunkFloats);
  const taps4 = up(taps, 4);
  const cAt = 0;
  const colsAt = after(cAt, taps4 * wide);
  const aAt = after(colsAt, taps4);
  const rowsAt = after(aAt, chunk * pad.height * pad.width * channels);
  const bAt = after(rowsAt, chunk * positions);
  const { f32, i32 } = simd.own(after(bAt, chunk * positions * wide));
  tapTable(i32, colsAt, s, pad.width, channels, taps4);
  for (let first = 0; first < s.batchSize; first += chunk) {
    const images = Math.min(chunk, s.batchSize - first);
    const m = images * positions;
    copyPadded(heap, at.xAt, f32, aAt, first, images, input, pad);
    windowTable(i32, rowsAt, s, images, pad, channels, m);
    copyRows(heap, at.dyAt + first * positions * n, n, f32, bAt >>> 2, wide, m, n);
    for (let p = 0; p < m; p += POSITIONS) {
      const gather = { a: aAt, rows: rowsAt + 4 * p, cols: colsAt, b: bAt + 4 * p * wide, c: cAt };
      simd.gatherProductT(gather, Math.min(POSITIONS, m - p), taps4, wide, first > 0 || p > 0);
    }
  }
  copyRows(f32, cAt >>> 2, wide, heap, at.dwAt, n, taps, n);
}

/**
 * The input gradient dx (NHWC, `s.inHeight` × `s.inWidth` × `s.inChannels`, at `dxAt`) of a stride-1
 * convolution from dy and its filter W [fh, fw, inChannels, outChannels] (at `wAt`): the forward
 * convolution of dy padded by fh − 1 − top above and fw − 1 − left to the left, with
 * W'[kh, kw, co, ci] = W[fh − 1 − kh, fw − 1 − kw, ci, co]. The caller checks that stride is 1,
 * dilations are 1 and neither padding is negative.
 */
export function convInputGrad(
  simd: SimdKernels,
  heap: Float32Array,
  at: { dyAt: number; wAt: number; dxAt: number },
  s: ConvShape,
  chunkFloats = CHUNK_FLOATS,
): void {
  const { filterHeight: fh, filterWidth: fw, inChannels: ci, outChannels: co } = s;
  const turned: ConvShape = {
    batchSize: s.batchSize,
    inHeight: s.outHeight,
    inWidth: s.outWidth,
    inChannels: co,
    outHeight: s.inHeight,
    outWidth: s.inWidth,
    outChannels: ci,
    filterHeight: fh,
    filterWidth: fw,
    strideHeight: 1,
    strideWidth: 1,
    dilationHeight: 1,
    dilationWidth: 1,
    padInfo: { top: fh - 1 - s.padInfo.top, left: fw - 1 - s.padInfo.left },
  };
  convForward(
    simd,
    heap,
    { xAt: at.dyAt, outAt: at.dxAt },
    turned,
    (own, byteAt, wide) => {
      let to = byteAt >>> 2;
      for (let kh = 0; kh < fh; kh++)
        for (let kw = 0; kw < fw; kw++)
          for (let o = 0; o < co; o++, to += wide) {
            const from = at.wAt + ((fh - 1 - kh) * fw + (fw - 1 - kw)) * ci * co + o;
            for (let i = 0; i < ci; i++) own[to + i] = heap[from + i * co]!;
            own.fill(0, to + ci, to + wide);
          }
    },
    chunkFloats,
  );
}
