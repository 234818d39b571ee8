/**
 * The project's hand-written WebAssembly SIMD kernels (simd-kernels.wat), for the heap kernels of
 * wasm-heap-kernels.ts and simd-conv.ts: the sum behind each bias gradient, the 2×2 max-pool
 * gradient, and the two matrix products behind a convolution and its gradients. The module
 * has its own memory; each call copies its operands in from the tfjs backend's heap and the result
 * back. Where the engine has no WebAssembly SIMD the module does not compile, `simdKernels()` is
 * null, and the JavaScript kernels do the work.
 */
import { SIMD_KERNELS_RELAXED_WASM, SIMD_KERNELS_WASM } from './simd-kernels-wasm';

interface Exports {
  memory: WebAssembly.Memory;
  sum_rows(x: number, rows: number, channels: number, out: number): void;
  gather_product(a: number, rows: number, cols: number, b: number, c: number, m: number, k: number, n: number): void;
  gather_product_t(
    a: number,
    rows: number,
    cols: number,
    b: number,
    c: number,
    m: number,
    k: number,
    n: number,
    add: number,
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

/**
 * Where the operands of a gather product lie in the module's own memory (byte offsets): the tensor
 * A is read from, its row and column tables (byte offsets into it, one Int32 each), B and C.
 */
export interface GatherAt {
  a: number;
  rows: number;
  cols: number;
  b: number;
  c: number;
}

export interface SimdKernels {
  /** whether this is the build with relaxed SIMD multiply-adds */
  relaxed: boolean;
  /** The module's own memory, grown to at least `bytes`, as floats and as ints (new views after a growth). */
  own(bytes: number): { f32: Float32Array; i32: Int32Array };
  /**
   * C[m, n] = Σ_k A[m, k] · B[k, n], A[m, k] = a[rows[m] + cols[k]], in the module's memory: m a
   * multiple of 4, n of 8 (simd-kernels.wat, gather_product)
   */
  gatherProduct(at: GatherAt, m: number, k: number, n: number): void;
  /** C[k, n] (+)= Σ_m A[m, k] · B[m, n], the same A: k a multiple of 4, n of 8 (gather_product_t) */
  gatherProductT(at: GatherAt, m: number, k: number, n: number, add: boolean): void;
  /** heap[outAt + c] = Σ_r heap[xAt + r·channels + c], summed in float64 (offsets count floats) */
  sumRows(heap: Float32Array, xAt: number, rows: number, channels: number, outAt: number): void;
  /** the whole of dx, channels a multiple of 4 (offsets count floats) */
  maxPoolGrad2x2(heap: Float32Array, at: { xAt: number; dyAt: number; dxAt: number }, shape: Pool2x2): void;
}

const PAGE = 65536;
/** a byte offset rounded up to whole 16-byte vectors */
const align = (bytes: number) => Math.ceil(bytes / 16) * 16;

let kernels: SimdKernels | null | undefined;
/** 'any': the relaxed build where the engine takes it; 'plain': never (for tests and measurements) */
let relaxedWanted: 'any' | 'plain' = 'any';

const instantiate = (base64: string) => {
  const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
  return new WebAssembly.Instance(new WebAssembly.Module(bytes)).exports as unknown as Exports;
};

/**
 * The SIMD kernels, or null where WebAssembly SIMD is missing (compiled once, on first use): the
 * build with relaxed SIMD multiply-adds where the engine has relaxed SIMD, the plain one otherwise.
 */
export function simdKernels(): SimdKernels | null {
  if (kernels !== undefined) return kernels;
  kernels = null;
  for (const relaxed of relaxedWanted === 'any' ? [true, false] : [false]) {
    try {
      kernels = wrap(instantiate(relaxed ? SIMD_KERNELS_RELAXED_WASM : SIMD_KERNELS_WASM), relaxed);
      break;
    } catch {
      // no relaxed SIMD (or no SIMD at all): the next build, or none
    }
  }
  return kernels;
}

/**
 * Switches the SIMD kernels off (the JavaScript ones then run, as without SIMD) or back on, and
 * with `relaxed: false` keeps to the plain build; for tests and measurements.
 */
export function useSimdKernels(on: boolean, { relaxed = true }: { relaxed?: boolean } = {}): void {
  relaxedWanted = relaxed ? 'any' : 'plain';
  kernels = on ? undefined : null;
}

function wrap(wasm: Exports, relaxed: boolean): SimdKernels {
  /** the module's memory as floats, at least `bytes` long */
  const floats = (bytes: number): Float32Array => {
    const short = bytes - wasm.memory.buffer.byteLength;
    if (short > 0) wasm.memory.grow(Math.ceil(short / PAGE));
    return new Float32Array(wasm.memory.buffer);
  };
  return {
    relaxed,
    own(bytes) {
      const f32 = floats(bytes);
      return { f32, i32: new Int32Array(f32.buffer) };
    },
    gatherProduct({ a, rows, cols, b, c }, m, k, n) {
      wasm.gather_product(a, rows, cols, b, c, m, k, n);
    },
    gatherProductT({ a, rows, cols, b, c }, m, k, n, add) {
      wasm.gather_product_t(a, rows, cols, b, c, m, k, n, add ? 1 : 0);
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
