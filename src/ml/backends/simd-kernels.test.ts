import { describe, expect, it } from 'vitest';
import { assembleKernels, kernelsModuleSource, relaxedText } from '../../../scripts/build-simd-kernels.mjs';
import { mulberry32 } from '../random';
import { simdKernels, useSimdKernels } from './simd-kernels';
import { SIMD_KERNELS_RELAXED_WASM, SIMD_KERNELS_WASM } from './simd-kernels-wasm';
import { readFile } from 'node:fs/promises';

const random = mulberry32(3);

describe('the SIMD kernels module', () => {
  it('is the WebAssembly its text assembles to (run `npm run build:kernels` after editing the .wat)', async () => {
    const bytes = await assembleKernels();
    const relaxed = await assembleKernels({ relaxed: true });
    expect(SIMD_KERNELS_WASM).toBe(bytes.toString('base64'));
    expect(SIMD_KERNELS_RELAXED_WASM).toBe(relaxed.toString('base64'));
    const committed = await readFile(new URL('./simd-kernels-wasm.ts', import.meta.url), 'utf8');
    expect(committed).toBe(kernelsModuleSource(bytes, relaxed));
  });

  it('has a relaxed build that differs only in the gather products’ multiply-adds', () => {
    const text = 'x (f32x4.add (local.get $c3) (f32x4.mul (local.get $a) (local.get $b1))) y';
    expect(relaxedText(text)).toBe('x (f32x4.relaxed_madd (local.get $a) (local.get $b1) (local.get $c3)) y');
    expect(relaxedText('(f32x4.add (local.get $a0) (local.get $v0))')).toBe(
      '(f32x4.add (local.get $a0) (local.get $v0))',
    );
  });

  it('compiles here, the relaxed build too (the tests run Node with relaxed SIMD on)', () => {
    useSimdKernels(true, { relaxed: false });
    expect(simdKernels()?.relaxed).toBe(false);
    useSimdKernels(true);
    expect(simdKernels()?.relaxed).toBe(true);
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

describe('the gather products', () => {
  // A[m, k] = a[rows[m] + cols[k]] for tables that skip around a tensor, as a convolution's do
  for (const relaxed of [false, true]) {
    it(`multiply through the tables, tile by tile, writing C and nothing else${relaxed ? ' (relaxed build)' : ''}`, () => {
      useSimdKernels(true, { relaxed });
      const kernels = simdKernels()!;
      expect(kernels.relaxed).toBe(relaxed);
      for (const [m, k, n] of [
        [4, 1, 8],
        [8, 7, 16],
        [12, 9, 24],
        [20, 33, 8],
      ] as const) {
        const aFloats = 200;
        const at = { a: 0, rows: 4 * aFloats, cols: 4 * (aFloats + m), b: 4 * (aFloats + m + k), c: 0 };
        at.c = at.b + 4 * k * n;
        const { f32, i32 } = kernels.own(at.c + 4 * (m * n + 8) + 64);
        for (let i = 0; i < aFloats; i++) f32[i] = random() * 2 - 1;
        const rows = Array.from({ length: m }, () => Math.floor(random() * 100));
        const cols = Array.from({ length: k }, () => Math.floor(random() * 100));
        rows.forEach((r, i) => (i32[at.rows / 4 + i] = 4 * r));
        cols.forEach((c, i) => (i32[at.cols / 4 + i] = 4 * c));
        for (let i = 0; i < k * n; i++) f32[at.b / 4 + i] = random() * 2 - 1;
        f32.fill(7, at.c / 4, at.c / 4 + m * n + 8);
        kernels.gatherProduct(at, m, k, n);
        const A = (r: number, c: number) => f32[rows[r]! + cols[c]!]!;
        for (let r = 0; r < m; r++)
          for (let j = 0; j < n; j++) {
            let sum = 0;
            for (let t = 0; t < k; t++) sum += A(r, t) * f32[at.b / 4 + t * n + j]!;
            expect(f32[at.c / 4 + r * n + j]).toBeCloseTo(sum, 5);
          }
        expect(Array.from(f32.subarray(at.c / 4 + m * n, at.c / 4 + m * n + 8))).toEqual(Array(8).fill(7));

        // the transposed product over the same A, C [m × n] from B [k × n] (here k plays the positions)
        const bT = at.b;
        const cT = at.c;
        for (let i = 0; i < k * n; i++) f32[bT / 4 + i] = random() * 2 - 1;
        // tables swapped: positions are k rows of A's transpose, taps the m columns
        const tAt = { ...at, rows: at.cols, cols: at.rows, b: bT, c: cT };
        f32.fill(7, cT / 4, cT / 4 + m * n + 8);
        kernels.gatherProductT(tAt, k, m, n, false);
        const firstPass = Array.from(f32.subarray(cT / 4, cT / 4 + m * n));
        kernels.gatherProductT(tAt, k, m, n, true); // adds the same again
        for (let r = 0; r < m; r++)
          for (let j = 0; j < n; j++) {
            let sum = 0;
            for (let t = 0; t < k; t++) sum += f32[cols[t]! + rows[r]!]! * f32[bT / 4 + t * n + j]!;
            expect(firstPass[r * n + j]).toBeCloseTo(sum, 5);
            expect(f32[cT / 4 + r * n + j]).toBeCloseTo(2 * sum, 5);
          }
        expect(Array.from(f32.subarray(cT / 4 + m * n, cT / 4 + m * n + 8))).toEqual(Array(8).fill(7));
      }
      useSimdKernels(true);
    });
  }
});
