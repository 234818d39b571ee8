/**
 * Post-training int8 quantisation, framework-free (8.1): q = clip(round(x / s) + z, −128, 127),
 * x̂ = s (q − z). Symmetric: z = 0 and s = max|x| / 127, so the largest value lands on ±127 and
 * nothing the scale was measured on is clipped; the error of every unclipped value is at most s / 2.
 * Per tensor: one scale for the whole weight tensor. Per channel: one scale for each output channel,
 * the last axis of a Keras kernel ([kh, kw, in, out] for a convolution, [in, out] for a dense layer),
 * so a channel of small weights is not rounded on the grid of the largest one.
 */

export const INT8_MIN = -128;
export const INT8_MAX = 127;

export type Granularity = 'tensor' | 'channel';

/** Rounds half away from zero (TensorFlow Lite's rounding): 2.5 → 3, −2.5 → −3. */
export function roundHalfAway(x: number): number {
  return Math.sign(x) * Math.round(Math.abs(x));
}

/** The symmetric scale for values whose largest magnitude is `maxAbs` (1 for all-zero values). */
export function symmetricScale(maxAbs: number): number {
  if (!Number.isFinite(maxAbs) || maxAbs < 0) throw new RangeError(`max |x| must be finite and ≥ 0, not ${maxAbs}`);
  return maxAbs === 0 ? 1 : maxAbs / INT8_MAX;
}

/** (8.1) one value: its stored integer. */
export function quantizeValue(x: number, scale: number, zeroPoint = 0): number {
  return Math.min(INT8_MAX, Math.max(INT8_MIN, roundHalfAway(x / scale) + zeroPoint));
}

/** (8.1) one stored integer: the value the model computes with. */
export function dequantizeValue(q: number, scale: number, zeroPoint = 0): number {
  return scale * (q - zeroPoint);
}

/** A weight tensor stored as int8: the integers, and one scale per tensor or per output channel. */
export interface QuantizedTensor {
  q: Int8Array;
  /** one scale (per tensor) or one per channel of the last axis */
  scales: Float32Array;
  /** the size of the last axis */
  channels: number;
  granularity: Granularity;
}

/** The largest magnitude of each channel of the last axis (`channels` of them). */
export function channelMaxAbs(values: ArrayLike<number>, channels: number): Float32Array {
  if (channels < 1 || values.length % channels !== 0)
    throw new RangeError(`${values.length} values do not split into ${channels} channels`);
  const max = new Float32Array(channels);
  for (let i = 0; i < values.length; i++) {
    const c = i % channels;
    const a = Math.abs(values[i]!);
    if (a > max[c]!) max[c] = a;
  }
  return max;
}

/** Quantises a tensor whose last axis has `channels` entries (row-major, as TensorFlow stores it). */
export function quantizeTensor(values: ArrayLike<number>, channels: number, granularity: Granularity): QuantizedTensor {
  const perChannel = channelMaxAbs(values, channels);
  const scales =
    granularity === 'channel'
      ? perChannel.map(symmetricScale)
      : Float32Array.of(symmetricScale(perChannel.reduce((a, b) => Math.max(a, b), 0)));
  const q = new Int8Array(values.length);
  for (let i = 0; i < values.length; i++) {
    q[i] = quantizeValue(values[i]!, scales[granularity === 'channel' ? i % channels : 0]!);
  }
  return { q, scales, channels, granularity };
}

/** The scale of element `i` of a quantised tensor. */
export const scaleOf = (t: QuantizedTensor, i: number): number =>
  t.scales[t.granularity === 'channel' ? i % t.channels : 0]!;

/** The values a quantised tensor stands for, x̂ = s·q. */
export function dequantizeTensor(t: QuantizedTensor): Float32Array {
  const out = new Float32Array(t.q.length);
  for (let i = 0; i < out.length; i++) out[i] = t.q[i]! * scaleOf(t, i);
  return out;
}

/** How far the dequantised values are from the originals. */
export interface QuantError {
  /** root mean square of x − x̂ */
  rmse: number;
  /** the largest |x − x̂| */
  maxAbs: number;
  /** rmse relative to the root mean square of x (0 when x is all zero) */
  relative: number;
  /** whether every |x − x̂| ≤ s/2 (true for symmetric quantisation: nothing is clipped) */
  withinHalfStep: boolean;
}

export function quantError(original: ArrayLike<number>, t: QuantizedTensor): QuantError {
  let sq = 0;
  let norm = 0;
  let maxAbs = 0;
  let within = true;
  for (let i = 0; i < original.length; i++) {
    const x = original[i]!;
    const s = scaleOf(t, i);
    const e = Math.abs(x - t.q[i]! * s);
    sq += e * e;
    norm += x * x;
    if (e > maxAbs) maxAbs = e;
    // a float32 rounding of s·q may overshoot the exact half step by an ulp
    if (e > s / 2 + 1e-6 * s) within = false;
  }
  const n = Math.max(1, original.length);
  return { rmse: Math.sqrt(sq / n), maxAbs, relative: norm > 0 ? Math.sqrt(sq / norm) : 0, withinHalfStep: within };
}

/**
 * Bytes to store a model's weights: float32 for everything, or int8 kernels with one float32 scale
 * per tensor or channel and float32 biases (the biases stay 32-bit, as in TensorFlow Lite, where
 * they are int32).
 */
export function storedBytes(
  layers: readonly { kernel: number; channels: number; bias: number }[],
  format: 'float32' | Granularity,
): number {
  let bytes = 0;
  for (const { kernel, channels, bias } of layers) {
    bytes += 4 * bias;
    if (format === 'float32') bytes += 4 * kernel;
    else bytes += kernel + 4 * (format === 'channel' ? channels : 1);
  }
  return bytes;
}

/** Fake quantisation of activations: each value onto the int8 grid of a calibrated scale (in place). */
export function fakeQuantize(values: Float32Array, scale: number): Float32Array {
  for (let i = 0; i < values.length; i++) values[i] = quantizeValue(values[i]!, scale) * scale;
  return values;
}

/** `bins` counts of `values` over [lo, hi] (values outside go to the end bins). */
export function histogram(values: ArrayLike<number>, bins: number, lo: number, hi: number): Uint32Array {
  if (bins < 1 || !(hi > lo)) throw new RangeError(`a histogram needs bins ≥ 1 and hi > lo`);
  const counts = new Uint32Array(bins);
  const width = (hi - lo) / bins;
  for (let i = 0; i < values.length; i++) {
    const b = Math.floor((values[i]! - lo) / width);
    counts[Math.min(bins - 1, Math.max(0, b))]! += 1;
  }
  return counts;
}
