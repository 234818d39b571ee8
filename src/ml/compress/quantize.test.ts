import { describe, expect, it } from 'vitest';
import { applyMask, pruneMask, sparsityOf } from './prune';
import {
  channelMaxAbs,
  dequantizeTensor,
  dequantizeValue,
  fakeQuantize,
  histogram,
  quantError,
  quantizeTensor,
  quantizeValue,
  roundHalfAway,
  storedBytes,
  symmetricScale,
} from './quantize';

describe('int8 quantisation (8.1)', () => {
  it('scales symmetrically: the largest magnitude lands on 127, zero point 0', () => {
    expect(symmetricScale(2.54)).toBeCloseTo(0.02, 10);
    expect(symmetricScale(0)).toBe(1);
    expect(() => symmetricScale(-1)).toThrow(RangeError);
    expect(quantizeValue(2.54, symmetricScale(2.54))).toBe(127);
    expect(quantizeValue(-2.54, symmetricScale(2.54))).toBe(-127);
  });

  it('rounds half away from zero', () => {
    expect(roundHalfAway(2.5)).toBe(3);
    expect(roundHalfAway(-2.5)).toBe(-3);
    expect(roundHalfAway(2.4)).toBe(2);
    expect(quantizeValue(0.25, 0.1)).toBe(3);
    expect(quantizeValue(-0.25, 0.1)).toBe(-3);
  });

  it('clips to [−128, 127] and honours a zero point', () => {
    expect(quantizeValue(100, 0.1)).toBe(127);
    expect(quantizeValue(-100, 0.1)).toBe(-128);
    expect(quantizeValue(0, 0.1, 5)).toBe(5);
    expect(quantizeValue(1, 0.1, 5)).toBe(15);
    expect(dequantizeValue(15, 0.1, 5)).toBeCloseTo(1, 10);
  });

  it('per channel takes the last axis: a small channel keeps its own fine grid', () => {
    // a [2, 2] kernel, row-major: channel 0 = [1, −0.5], channel 1 = [0.0125, 0.025]
    const w = Float32Array.of(1, 0.0125, -0.5, 0.025);
    expect(Array.from(channelMaxAbs(w, 2))).toEqual([1, 0.025].map((v) => Math.fround(v)));
    const perChannel = quantizeTensor(w, 2, 'channel');
    expect(perChannel.scales.length).toBe(2);
    expect(Array.from(perChannel.q)).toEqual([127, 64, -64, 127]);
    const perTensor = quantizeTensor(w, 2, 'tensor');
    expect(perTensor.scales.length).toBe(1);
    // on the whole tensor's grid (step 1/127) the small channel rounds to 2 and 3 steps
    expect(Array.from(perTensor.q)).toEqual([127, 2, -64, 3]);
    expect(quantError(w, perChannel).rmse).toBeLessThan(quantError(w, perTensor).rmse);
  });

  it('every error is within half a step, and dequantising undoes the scale', () => {
    const w = Float32Array.from({ length: 600 }, (_, i) => Math.sin(i * 1.7) * (1 + (i % 3)));
    for (const g of ['tensor', 'channel'] as const) {
      const t = quantizeTensor(w, 3, g);
      const error = quantError(w, t);
      expect(error.withinHalfStep).toBe(true);
      const back = dequantizeTensor(t);
      w.forEach((x, i) =>
        expect(Math.abs(x - back[i]!)).toBeLessThanOrEqual(t.scales[g === 'channel' ? i % 3 : 0]! / 2 + 1e-7),
      );
      expect(error.relative).toBeGreaterThan(0);
      expect(error.relative).toBeLessThan(0.01);
    }
  });

  it('reports a clipped value as outside the bound', () => {
    const t = { q: Int8Array.of(127), scales: Float32Array.of(0.01), channels: 1, granularity: 'tensor' as const };
    expect(quantError([5], t).withinHalfStep).toBe(false);
  });

  it('rejects values that do not split into the channels', () => {
    expect(() => quantizeTensor([1, 2, 3], 2, 'channel')).toThrow(RangeError);
  });

  it('counts bytes: int8 kernels, float32 scales and biases', () => {
    const layers = [{ kernel: 288, channels: 32, bias: 32 }];
    expect(storedBytes(layers, 'float32')).toBe(4 * 320);
    expect(storedBytes(layers, 'tensor')).toBe(288 + 4 + 128);
    expect(storedBytes(layers, 'channel')).toBe(288 + 128 + 128);
  });

  it('fake-quantises activations onto the calibrated grid, clipping beyond it', () => {
    expect(Array.from(fakeQuantize(Float32Array.of(0.26, 20, -20), 0.1))).toEqual(
      [0.3, 12.7, -12.8].map((v) => Math.fround(v)),
    );
  });

  it('bins a histogram, with outliers in the end bins', () => {
    expect(Array.from(histogram([-2, -0.9, 0, 0.1, 0.9, 5], 4, -1, 1))).toEqual([2, 0, 2, 2]);
  });
});

describe('magnitude pruning', () => {
  it('zeroes the smallest magnitudes', () => {
    const w = [0.5, -0.1, 0.05, -2, 0.3, 0.01, 1, -0.2];
    const mask = pruneMask(w, 0.5);
    expect(Array.from(mask)).toEqual([1, 0, 0, 1, 1, 0, 1, 0]);
    const pruned = applyMask(w, mask);
    expect(sparsityOf(pruned)).toBe(0.5);
    expect(pruned[3]).toBe(-2);
  });

  it('prunes ⌊s·n⌋ weights at 90 % and none at 0', () => {
    const w = Float32Array.from({ length: 1000 }, (_, i) => Math.cos(i));
    expect(sparsityOf(applyMask(w, pruneMask(w, 0.9)))).toBe(0.9);
    expect(sparsityOf(applyMask(w, pruneMask(w, 0)))).toBe(0);
    expect(() => pruneMask(w, 1.5)).toThrow(RangeError);
  });
});
