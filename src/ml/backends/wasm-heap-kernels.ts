/**
 * The project's WASM kernels that work straight on the backend's heap in JavaScript: the max-pool
 * gradient and the sum behind each bias gradient (registered by `registerWasmTrainingKernels`,
 * checked against the CPU backend by `wasm-kernels.test.ts`). Where WebAssembly SIMD is there,
 * the sum and the 2×2 max-pool gradient run in the project's own SIMD kernels (simd-kernels.ts)
 * instead: 1.6 → 0.3 ms and 2.8 → 0.6 ms on the article CNN's first layer, one thread.
 */
import {
  backend_util,
  util,
  type KernelBackend,
  type KernelConfig,
  type MaxPoolGradAttrs,
  type NamedAttrMap,
  type TensorInfo,
} from '@tensorflow/tfjs-core';
import { simdKernels } from './simd-kernels';

/** The parts of tfjs-backend-wasm's BackendWasm that the heap kernels use. */
export interface WasmHeapBackend {
  wasm: { HEAPF32: Float32Array };
  dataIdMap: { get(dataId: object): { memoryOffset: number } };
  makeOutput(shape: number[], dtype: 'float32'): TensorInfo;
}

/** Where a tensor's data starts on the backend's heap, in floats. */
export const floatAt = (wasm: WasmHeapBackend, t: TensorInfo): number =>
  wasm.dataIdMap.get(t.dataId).memoryOffset >>> 2;

/**
 * MaxPoolGrad written in JavaScript straight on the WASM heap: each output gradient goes to the
 * first maximum of its window (row-major, strictly greater, as the CPU backend's
 * `maxPoolPositions` picks it). One pass over dy, no allocation but the result. The stock C++
 * kernel was the slowest part of the article CNN's backward pass after the convolutions.
 */
export function maxPoolGradWasm({
  inputs,
  backend,
  attrs,
}: {
  inputs: { dy: TensorInfo; input: TensorInfo };
  backend: KernelBackend;
  attrs: MaxPoolGradAttrs;
}): TensorInfo {
  const { dy, input } = inputs;
  const info = backend_util.computePool2DInfo(
    input.shape as [number, number, number, number],
    attrs.filterSize,
    attrs.strides,
    1,
    attrs.pad,
    attrs.dimRoundingMode,
  );
  const wasm = backend as unknown as WasmHeapBackend;
  const dx = wasm.makeOutput(input.shape, 'float32');
  // read the heap only after the allocation above, which may have grown (and replaced) it
  const heap = wasm.wasm.HEAPF32;
  const xAt = floatAt(wasm, input);
  const dyAt = floatAt(wasm, dy);
  const dxAt = floatAt(wasm, dx);
  const { batchSize, inHeight, inWidth, inChannels: channels, outHeight, outWidth } = info;
  const { strideHeight, strideWidth, filterHeight, filterWidth } = info;
  const { top, left } = info.padInfo;
  const rowStride = inWidth * channels;
  const imageStride = inHeight * rowStride;
  // (every window inside the input: no padding on any side)
  const inside = top === 0 && left === 0 && 2 * outHeight <= inHeight && 2 * outWidth <= inWidth;
  const twoByTwo = filterHeight === 2 && filterWidth === 2 && strideHeight === 2 && strideWidth === 2 && inside;
  const simd = simdKernels();
  if (twoByTwo && simd && channels % 4 === 0) {
    simd.maxPoolGrad2x2(heap, { xAt, dyAt, dxAt }, { batchSize, inHeight, inWidth, outHeight, outWidth, channels });
    return dx;
  }
  heap.fill(0, dxAt, dxAt + batchSize * inHeight * inWidth * channels);
  if (twoByTwo) {
    maxPoolGrad2x2(heap, { xAt, dyAt, dxAt }, { batchSize, outHeight, outWidth, channels, rowStride, imageStride });
    return dx;
  }
  let dyIndex = dyAt;
  for (let b = 0; b < batchSize; b++) {
    const image = b * imageStride;
    for (let oh = 0; oh < outHeight; oh++) {
      const r0 = oh * strideHeight - top;
      const rStart = Math.max(0, r0);
      const rEnd = Math.min(inHeight, r0 + filterHeight);
      for (let ow = 0; ow < outWidth; ow++) {
        const c0 = ow * strideWidth - left;
        const cStart = Math.max(0, c0);
        const cEnd = Math.min(inWidth, c0 + filterWidth);
        for (let ch = 0; ch < channels; ch++, dyIndex++) {
          let best = -Infinity;
          let bestAt = -1;
          for (let r = rStart; r < rEnd; r++) {
            let at = image + r * rowStride + cStart * channels + ch;
            for (let c = cStart; c < cEnd; c++, at += channels) {
              const v = heap[xAt + at]!;
              if (v > best) {
                best = v;
                bestAt = at;
              }
            }
          }
          if (bestAt >= 0) heap[dxAt + bestAt] = heap[dxAt + bestAt]! + heap[dyIndex]!;
        }
      }
    }
  }
  return dx;
}

/**
 * MaxPoolGrad's most common case, 2×2 windows at stride 2 without padding (every pooling layer of
 * the book's CNNs): the windows do not overlap, so each output gradient is written, not added, to
 * the first maximum of its four inputs (row-major, strictly greater, as in the general loop).
 */
function maxPoolGrad2x2(
  heap: Float32Array,
  at: { xAt: number; dyAt: number; dxAt: number },
  shape: {
    batchSize: number;
    outHeight: number;
    outWidth: number;
    channels: number;
    rowStride: number;
    imageStride: number;
  },
): void {
  const { xAt, dyAt, dxAt } = at;
  const { batchSize, outHeight, outWidth, channels, rowStride, imageStride } = shape;
  let dyIndex = dyAt;
  for (let b = 0; b < batchSize; b++) {
    for (let oh = 0; oh < outHeight; oh++) {
      for (let ow = 0; ow < outWidth; ow++) {
        const p0 = b * imageStride + 2 * oh * rowStride + 2 * ow * channels;
        const p2 = p0 + rowStride;
        for (let ch = 0; ch < channels; ch++, dyIndex++) {
          let best = p0 + ch;
          let value = heap[xAt + best]!;
          const q1 = p0 + channels + ch;
          const q2 = p2 + ch;
          const q3 = p2 + channels + ch;
          if (heap[xAt + q1]! > value) {
            best = q1;
            value = heap[xAt + q1]!;
          }
          if (heap[xAt + q2]! > value) {
            best = q2;
            value = heap[xAt + q2]!;
          }
          if (heap[xAt + q3]! > value) best = q3;
          heap[dxAt + best] = heap[dyIndex]!;
        }
      }
    }
  }
}

/**
 * Sum over every axis but the last, as each layer's bias gradient asks for it (dy [b, h, w, c] →
 * [c]): one pass over x in its own layout, summing in float64. The stock WASM kernel first
 * transposes x so that the summed axes come last, a full copy of the gradient for each bias.
 * Other reductions go to the stock kernel.
 */
export function sumLeadingWasm(
  args: { inputs: { x: TensorInfo }; backend: KernelBackend; attrs: NamedAttrMap },
  stock: KernelConfig['kernelFunc'],
): TensorInfo {
  const { inputs, backend, attrs } = args;
  const { x } = inputs;
  const rank = x.shape.length;
  const axes = util.parseAxisParam(attrs.axis as number | number[], x.shape).sort((a, b) => a - b);
  const leading = rank >= 2 && axes.length === rank - 1 && axes.every((axis, i) => axis === i);
  if (!leading || x.dtype !== 'float32') return stock(args) as TensorInfo;
  const channels = x.shape[rank - 1]!;
  const rows = util.sizeFromShape(x.shape) / Math.max(1, channels);
  const shape = attrs.keepDims ? [...x.shape.slice(0, -1).map(() => 1), channels] : [channels];
  const wasm = backend as unknown as WasmHeapBackend;
  const out = wasm.makeOutput(shape, 'float32');
  // read the heap only after the allocation above, which may have grown (and replaced) it
  const heap = wasm.wasm.HEAPF32;
  const xAt = floatAt(wasm, x);
  const outAt = floatAt(wasm, out);
  const simd = simdKernels();
  if (simd) {
    simd.sumRows(heap, xAt, rows, channels, outAt);
    return out;
  }
  const sums = new Float64Array(channels);
  for (let r = 0, at = xAt; r < rows; r++) for (let c = 0; c < channels; c++, at++) sums[c] = sums[c]! + heap[at]!;
  for (let c = 0; c < channels; c++) heap[outAt + c] = sums[c]!;
  return out;
}
