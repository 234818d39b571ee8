/**
 * The project's hand-written WebAssembly SIMD kernels (simd-kernels.wat), for the heap kernels of
 * wasm-heap-kernels.ts and wasm-kernels.ts: the sum behind each bias gradient, the 2×2 max-pool
 * gradient and the patches of a convolution's filter gradient. The module
 * has its own memory; each call copies its operands in from the tfjs backend's heap and the result
 * back. Where the engine has no WebAssembly SIMD the module does not compile, `simdKernels()` is
 * null, and the JavaScript kernels do the work.
 */
import { SIMD_KERNELS_WASM } from './simd-kernels-wasm';

interface Exports {
  memory: WebAssembly.Memory;
  sum_rows(x: number, rows: number, channels: number, out: number): void;
  patch_rows(
    planes: number,
    p: number,
    batch: number,
    height: number,
    width: number,
    channels: number,
    first: number,
    images: number,
    kh: number,
    kw: number,
    outHeight: number,
    outWidth: number,
  ): void;
  max_pool_grad_2x2(
    x: number,
    dy: number,
    dx: number,
    batch: number,
    outHeight: number,
    outWidth: number,
    channels: number,
    rowStride: number,
    imageStride: number,
  ): void;
}

/** The shape of a 2×2, stride-2 max pool without padding. */
export interface Pool2x2 {
  batchSize: number;
  inHeight: number;
  inWidth: number;
  outHeight: number;
  outWidth: number;
  channels: number;
}

/** A stride-1 convolution without padding, for its filter gradient's patches: a chunk of its batch. */
export interface PatchShape {
  batchSize: number;
  inHeight: number;
  inWidth: number;
  channels: number;
  first: number;
  images: number;
  kh: number;
  kw: number;
  outHeight: number;
  outWidth: number;
}

export interface SimdKernels {
  /**
   * The patches [kh·kw·channels, images·outHeight·outWidth] of the chunk, from the input as planes
   * [channels, batch, height, width] (offsets count floats)
   */
  patchRows(heap: Float32Array, planesAt: number, pAt: number, shape: PatchShape): void;
  /** heap[outAt + c] = Σ_r heap[xAt + r·channels + c], summed in float64 (offsets count floats) */
  sumRows(heap: Float32Array, xAt: number, rows: number, channels: number, outAt: number): void;
  /** the whole of dx, channels a multiple of 4 (offsets count floats) */
  maxPoolGrad2x2(heap: Float32Array, at: { xAt: number; dyAt: number; dxAt: number }, shape: Pool2x2): void;
}

const PAGE = 65536;
/** a byte offset rounded up to whole 16-byte vectors */
const align = (bytes: number) => Math.ceil(bytes / 16) * 16;

let kernels: SimdKernels | null | undefined;

/** The SIMD kernels, or null where WebAssembly SIMD is missing (compiled once, on first use). */
export function simdKernels(): SimdKernels | null {
  if (kernels !== undefined) return kernels;
  try {
    const bytes = Uint8Array.from(atob(SIMD_KERNELS_WASM), (c) => c.charCodeAt(0));
    const exports = new WebAssembly.Instance(new WebAssembly.Module(bytes)).exports as unknown as Exports;
    kernels = wrap(exports);
  } catch {
    kernels = null;
  }
  return kernels;
}

/** Switches the SIMD kernels off (the JavaScript ones then run, as without SIMD) or back on; for tests. */
export function useSimdKernels(on: boolean): void {
  kernels = on ? undefined : null;
}

function wrap(wasm: Exports): SimdKernels {
  /** the module's memory as floats, at least `bytes` long */
  const floats = (bytes: number): Float32Array => {
    const short = bytes - wasm.memory.buffer.byteLength;
    if (short > 0) wasm.memory.grow(Math.ceil(short / PAGE));
    return new Float32Array(wasm.memory.buffer);
  };
  return {
    patchRows(heap, planesAt, pAt, s) {
      const n = s.channels * s.batchSize * s.inHeight * s.inWidth;
      const size = s.kh * s.kw * s.channels * s.images * s.outHeight * s.outWidth;
      // 16 spare bytes after each: the kernel reads and writes 4 floats at a time
      const p = align(4 * n + 16);
      const own = floats(p + 4 * size + 16);
      own.set(heap.subarray(planesAt, planesAt + n), 0);
      const { batchSize, inHeight, inWidth, channels, first, images, kh, kw, outHeight, outWidth } = s;
      wasm.patch_rows(0, p, batchSize, inHeight, inWidth, channels, first, images, kh, kw, outHeight, outWidth);
      heap.set(own.subarray(p >>> 2, (p >>> 2) + size), pAt);
    },
    sumRows(heap, xAt, rows, channels, outAt) {
      const n = rows * channels;
      const out = align(4 * n);
      const own = floats(out + 4 * channels);
      own.set(heap.subarray(xAt, xAt + n), 0);
      wasm.sum_rows(0, rows, channels, out);
      heap.set(own.subarray(out >>> 2, (out >>> 2) + channels), outAt);
    },
    maxPoolGrad2x2(heap, { xAt, dyAt, dxAt }, s) {
      const nx = s.batchSize * s.inHeight * s.inWidth * s.channels;
      const ny = s.batchSize * s.outHeight * s.outWidth * s.channels;
      const dy = align(4 * nx);
      const dx = align(dy + 4 * ny);
      const own = floats(dx + 4 * nx);
      own.set(heap.subarray(xAt, xAt + nx), 0);
      own.set(heap.subarray(dyAt, dyAt + ny), dy >>> 2);
      // an odd side leaves its last row or column outside every window: zero, not written below
      if (2 * s.outHeight < s.inHeight || 2 * s.outWidth < s.inWidth) own.fill(0, dx >>> 2, (dx >>> 2) + nx);
      const rowStride = s.inWidth * s.channels;
      wasm.max_pool_grad_2x2(
        0,
        dy,
        dx,
        s.batchSize,
        s.outHeight,
        s.outWidth,
        s.channels,
        rowStride,
        s.inHeight * rowStride,
      );
      heap.set(own.subarray(dx >>> 2, (dx >>> 2) + nx), dxAt);
    },
  };
}
