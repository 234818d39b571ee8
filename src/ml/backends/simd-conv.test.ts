/**
 * The convolution and its gradients on the SIMD gather products (simd-conv.ts) against plain loops,
 * on a heap of their own: padding, strides, dilations, channel counts that are not multiples of 4 or
 * 8, batches in several chunks and the filter gradient's passes of 128 positions. Through TensorFlow.js
 * and against its CPU backend, wasm-kernels.test.ts checks the same kernels again.
 */
import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../random';
import { convFilterGrad, convForward, convInputGrad, type ConvShape } from './simd-conv';
import { simdKernels, useSimdKernels } from './simd-kernels';

const random = mulberry32(11);

interface Case {
  x: [number, number, number, number];
  k: [number, number];
  co: number;
  stride: [number, number];
  dilation: [number, number];
  pad: [number, number, number, number]; // top, left, bottom, right
}

function shapeOf(c: Case): ConvShape {
  const [batchSize, inHeight, inWidth, inChannels] = c.x;
  const [top, left, bottom, right] = c.pad;
  const effH = (c.k[0] - 1) * c.dilation[0] + 1;
  const effW = (c.k[1] - 1) * c.dilation[1] + 1;
  return {
    batchSize,
    inHeight,
    inWidth,
    inChannels,
    outHeight: Math.floor((inHeight + top + bottom - effH) / c.stride[0]) + 1,
    outWidth: Math.floor((inWidth + left + right - effW) / c.stride[1]) + 1,
    outChannels: c.co,
    filterHeight: c.k[0],
    filterWidth: c.k[1],
    strideHeight: c.stride[0],
    strideWidth: c.stride[1],
    dilationHeight: c.dilation[0],
    dilationWidth: c.dilation[1],
    padInfo: { top, left },
  };
}

/** x[b, r, col, ch] with zeros outside */
const reader = (x: Float32Array, s: ConvShape) => (b: number, r: number, col: number, ch: number) =>
  r < 0 || r >= s.inHeight || col < 0 || col >= s.inWidth
    ? 0
    : x[((b * s.inHeight + r) * s.inWidth + col) * s.inChannels + ch]!;

function reference(s: ConvShape, x: Float32Array, w: Float32Array, dy: Float32Array) {
  const X = reader(x, s);
  const out = new Float64Array(s.batchSize * s.outHeight * s.outWidth * s.outChannels);
  const dw = new Float64Array(w.length);
  const dx = new Float64Array(x.length);
  let o = 0;
  for (let b = 0; b < s.batchSize; b++)
    for (let oh = 0; oh < s.outHeight; oh++)
      for (let ow = 0; ow < s.outWidth; ow++)
        for (let co = 0; co < s.outChannels; co++, o++)
          for (let kh = 0; kh < s.filterHeight; kh++)
            for (let kw = 0; kw < s.filterWidth; kw++)
              for (let ci = 0; ci < s.inChannels; ci++) {
                const r = oh * s.strideHeight + kh * s.dilationHeight - s.padInfo.top;
                const col = ow * s.strideWidth + kw * s.dilationWidth - s.padInfo.left;
                const t = ((kh * s.filterWidth + kw) * s.inChannels + ci) * s.outChannels + co;
                out[o] = out[o]! + X(b, r, col, ci) * w[t]!;
                dw[t] = dw[t]! + X(b, r, col, ci) * dy[o]!;
                const i = ((b * s.inHeight + r) * s.inWidth + col) * s.inChannels + ci;
                if (r >= 0 && r < s.inHeight && col >= 0 && col < s.inWidth) dx[i] = dx[i]! + w[t]! * dy[o]!;
              }
  return { out, dw, dx };
}

function expectClose(actual: Float32Array, expected: Float64Array) {
  expect(actual.length).toBe(expected.length);
  let worst = 0;
  for (let i = 0; i < actual.length; i++) worst = Math.max(worst, Math.abs(actual[i]! - expected[i]!));
  expect(worst).toBeLessThan(1e-4);
}

const cases: Case[] = [
  { x: [2, 7, 9, 3], k: [3, 3], co: 5, stride: [1, 1], dilation: [1, 1], pad: [0, 0, 0, 0] },
  { x: [3, 8, 7, 2], k: [2, 4], co: 8, stride: [1, 1], dilation: [1, 1], pad: [1, 1, 0, 2] },
  { x: [2, 9, 11, 4], k: [3, 3], co: 12, stride: [2, 2], dilation: [1, 1], pad: [1, 1, 1, 1] },
  { x: [2, 10, 9, 1], k: [3, 2], co: 16, stride: [3, 2], dilation: [1, 1], pad: [0, 0, 0, 0] },
  { x: [1, 12, 12, 6], k: [3, 3], co: 3, stride: [1, 1], dilation: [2, 3], pad: [2, 3, 2, 3] },
  // the article CNN's second layer, a few images: 363 positions (three passes of up to 128)
  { x: [3, 13, 13, 32], k: [3, 3], co: 64, stride: [1, 1], dilation: [1, 1], pad: [0, 0, 0, 0] },
];

describe('the convolution on the SIMD gather products', () => {
  for (const c of cases)
    for (const chunked of [false, true])
      it(`x ${c.x.join('×')}, kernel ${c.k.join('×')}→${c.co}, stride ${c.stride.join('×')}, dilation ${c.dilation.join('×')}, pad ${c.pad.join(',')}${chunked ? ', one image a chunk' : ''}`, () => {
        useSimdKernels(true, { relaxed: false });
        const simd = simdKernels()!;
        const s = shapeOf(c);
        const nx = c.x.reduce((a, b) => a * b, 1);
        const nw = c.k[0] * c.k[1] * c.x[3] * c.co;
        const ny = s.batchSize * s.outHeight * s.outWidth * c.co;
        const x = Float32Array.from({ length: nx }, () => random() * 2 - 1);
        const w = Float32Array.from({ length: nw }, () => random() * 2 - 1);
        const dy = Float32Array.from({ length: ny }, () => random() * 2 - 1);
        const want = reference(s, x, w, dy);
        // a heap as the backend's: operands at odd offsets, guards around the results
        const at = { xAt: 3, wAt: 5 + nx, dyAt: 7 + nx + nw, outAt: 11 + nx + nw + ny, dwAt: 0, dxAt: 0 };
        at.dwAt = at.outAt + ny + 5;
        at.dxAt = at.dwAt + nw + 5;
        const heap = new Float32Array(at.dxAt + nx + 5).fill(9);
        heap.set(x, at.xAt);
        heap.set(w, at.wAt);
        heap.set(dy, at.dyAt);
        const before = heap.slice();
        const chunk = chunked ? 1 : undefined;
        convForward(
          simd,
          heap,
          at,
          s,
          (own, byteAt, wide) => {
            for (let t = 0; t < nw / c.co; t++) {
              own.set(w.subarray(t * c.co, (t + 1) * c.co), (byteAt >>> 2) + t * wide);
              own.fill(0, (byteAt >>> 2) + t * wide + c.co, (byteAt >>> 2) + (t + 1) * wide);
            }
          },
          chunk,
        );
        convFilterGrad(simd, heap, at, s, chunk);
        expectClose(heap.subarray(at.outAt, at.outAt + ny), want.out);
        expectClose(heap.subarray(at.dwAt, at.dwAt + nw), want.dw);
        if (c.stride[0] === 1 && c.stride[1] === 1 && c.dilation[0] === 1 && c.dilation[1] === 1) {
          convInputGrad(simd, heap, at, s, chunk);
          expectClose(heap.subarray(at.dxAt, at.dxAt + nx), want.dx);
        } else {
          expect(heap.subarray(at.dxAt)).toEqual(before.subarray(at.dxAt));
        }
        // nothing else on the heap was touched
        expect(heap.subarray(0, at.outAt)).toEqual(before.subarray(0, at.outAt));
        for (const [from, to] of [
          [at.outAt + ny, at.dwAt],
          [at.dwAt + nw, at.dxAt],
        ] as const)
          expect(heap.subarray(from, to)).toEqual(before.subarray(from, to));
        useSimdKernels(true);
      });
});
