import { describe, expect, it } from 'vitest';
import { assembleKernels, kernelsModuleSource } from '../../../scripts/build-simd-kernels.mjs';
import { mulberry32 } from '../random';
import { simdKernels } from './simd-kernels';
import { SIMD_KERNELS_WASM } from './simd-kernels-wasm';
import { readFile } from 'node:fs/promises';

const random = mulberry32(3);

describe('the SIMD kernels module', () => {
  it('is the WebAssembly its text assembles to (run `npm run build:kernels` after editing the .wat)', async () => {
    const bytes = await assembleKernels();
    expect(SIMD_KERNELS_WASM).toBe(bytes.toString('base64'));
    const committed = await readFile(new URL('./simd-kernels-wasm.ts', import.meta.url), 'utf8');
    expect(committed).toBe(kernelsModuleSource(bytes));
  });

  it('compiles here (Node has WebAssembly SIMD)', () => {
    expect(simdKernels()).not.toBeNull();
  });

  it('sums rows in float64 for any channel count, leaving the heap around the result alone', () => {
    const kernels = simdKernels()!;
    for (const [rows, channels] of [
      [1, 1],
      [5, 3],
      [7, 4],
      [9, 23],
      [300, 32],
      [3, 64],
    ] as const) {
      const heap = Float32Array.from({ length: 40 + rows * channels + channels + 8 }, () => random() * 2 - 1);
      const before = heap.slice();
      const outAt = 40 + rows * channels + 3;
      kernels.sumRows(heap, 40, rows, channels, outAt);
      for (let c = 0; c < channels; c++) {
        let sum = 0;
        for (let r = 0; r < rows; r++) sum += before[40 + r * channels + c]!;
        expect(heap[outAt + c]).toBe(Math.fround(sum));
      }
      expect(heap.subarray(0, outAt)).toEqual(before.subarray(0, outAt));
      expect(heap.subarray(outAt + channels)).toEqual(before.subarray(outAt + channels));
    }
  });

  it('sends each 2×2 window’s gradient to its first maximum, zeros elsewhere, ties included', () => {
    const kernels = simdKernels()!;
    for (const [batchSize, inHeight, inWidth, channels] of [
      [2, 4, 4, 4],
      [3, 11, 11, 8],
      [1, 5, 6, 16],
    ] as const) {
      const outHeight = Math.floor(inHeight / 2);
      const outWidth = Math.floor(inWidth / 2);
      const nx = batchSize * inHeight * inWidth * channels;
      const ny = batchSize * outHeight * outWidth * channels;
      const heap = new Float32Array(2 * nx + ny + 16);
      // ReLU-like values: many equal zeros, so ties are common
      for (let i = 0; i < nx; i++) heap[i] = Math.max(0, Math.round(random() * 4 - 2));
      for (let i = 0; i < ny; i++) heap[nx + i] = random() + 1;
      heap.fill(9, nx + ny); // dx starts dirty: every entry must be written
      const at = { xAt: 0, dyAt: nx, dxAt: nx + ny };
      kernels.maxPoolGrad2x2(heap, at, { batchSize, inHeight, inWidth, outHeight, outWidth, channels });
      const expected = new Float32Array(nx);
      const index = (b: number, r: number, c: number, ch: number) => ((b * inHeight + r) * inWidth + c) * channels + ch;
      let dy = nx;
      for (let b = 0; b < batchSize; b++)
        for (let oh = 0; oh < outHeight; oh++)
          for (let ow = 0; ow < outWidth; ow++)
            for (let ch = 0; ch < channels; ch++, dy++) {
              let best = index(b, 2 * oh, 2 * ow, ch);
              for (const [r, c] of [
                [0, 1],
                [1, 0],
                [1, 1],
              ] as const) {
                const i = index(b, 2 * oh + r, 2 * ow + c, ch);
                if (heap[i]! > heap[best]!) best = i;
              }
              expected[best] = heap[dy]!;
            }
      expect(heap.subarray(at.dxAt, at.dxAt + nx)).toEqual(expected);
    }
  });
});

describe('the patches of a filter gradient', () => {
  it('are the input’s windows, tap by tap, for a chunk of the batch, written exactly and nothing past them', () => {
    const kernels = simdKernels()!;
    for (const [batchSize, inHeight, inWidth, channels, kh, kw, first, images] of [
      [2, 5, 6, 3, 3, 3, 0, 2],
      [4, 7, 5, 2, 2, 4, 1, 2],
      [3, 13, 13, 1, 3, 3, 2, 1],
    ] as const) {
      const outHeight = inHeight - kh + 1;
      const outWidth = inWidth - kw + 1;
      const n = channels * batchSize * inHeight * inWidth;
      const size = kh * kw * channels * images * outHeight * outWidth;
      const heap = Float32Array.from({ length: 8 + n + size + 8 }, () => random());
      const pAt = 8 + n;
      const before = heap.slice();
      kernels.patchRows(heap, 8, pAt, {
        batchSize,
        inHeight,
        inWidth,
        channels,
        first,
        images,
        kh,
        kw,
        outHeight,
        outWidth,
      });
      const expected: number[] = [];
      for (let i = 0; i < kh; i++)
        for (let j = 0; j < kw; j++)
          for (let c = 0; c < channels; c++)
            for (let b = first; b < first + images; b++)
              for (let oh = 0; oh < outHeight; oh++)
                for (let ow = 0; ow < outWidth; ow++)
                  expected.push(before[8 + ((c * batchSize + b) * inHeight + oh + i) * inWidth + ow + j]!);
      expect(Array.from(heap.subarray(pAt, pAt + size))).toEqual(expected);
      expect(heap.subarray(0, pAt)).toEqual(before.subarray(0, pAt));
      expect(heap.subarray(pAt + size)).toEqual(before.subarray(pAt + size));
    }
  });
});
