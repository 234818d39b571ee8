/**
 * Log-mel spectrograms of short spoken words, the input of the book's recurrent speech classifier.
 * Plain arrays, no TensorFlow.js and no DOM: the same code runs in the build script that turns
 * espeak-ng's clips into the spoken-digit data set, in Node tests, in a Web Worker and in the page
 * on the reader's microphone recording, so that the model sees the same features everywhere.
 *
 * The pipeline (`featuresFromAudio`):
 *   1. `trimSilence`: keep the spoken part, found by short-time energy relative to the clip's peak;
 *   2. `logMelSpectrogram`: 25 ms Hann windows every 20 ms, power spectrum by FFT, 40 triangular
 *      mel bands (HTK mel scale) between 60 and 7600 Hz, in decibels;
 *   3. `toFixedFrames`: centre the word in a fixed number of frames (50 = 1.0 s);
 *   4. `quantise`: the top 80 dB of the clip → 0..255, so that the model's input is `value / 255`.
 *
 * Every length is defined in milliseconds and every filter in hertz, and the power is normalised
 * per hertz of window, so the features do not depend on the sample rate: espeak-ng writes
 * 22 050 Hz, a browser microphone records at 44 100 or 48 000 Hz, and the same sound gives
 * near-identical features at both (see the tests).
 */

/** Frame hop in milliseconds: one spectrogram row per 20 ms. */
export const HOP_MS = 20;
/** Analysis window (Hann) in milliseconds. */
export const WINDOW_MS = 25;
/** Number of mel bands: the spectrogram's columns. */
export const MEL_BANDS = 40;
/** Lowest and highest frequency covered by the mel filterbank, in hertz. */
export const MEL_MIN_HZ = 60;
export const MEL_MAX_HZ = 7600;
/**
 * Rows of a fixed-size spectrogram: 50 frames span 49 × 20 + 25 ms ≈ 1.0 s, more than the
 * longest digit in the espeak-ng data set (0.98 s with its trimming margins, at the slowest speed).
 */
export const FEATURE_FRAMES = 50;
/** Dynamic range kept by `quantise`: the clip's loudest cell is 255, this many dB below it is 0. */
export const RANGE_DB = 80;
/** Floor of the band power in dB (a full-scale sine reads about −3 dB): where digital silence lands. */
export const SILENCE_DB = -100;

/** A log-mel spectrogram: `frames × bands` values in dB, row-major with one row per frame. */
export interface Spectrogram {
  frames: number;
  bands: number;
  /** `[frames, bands]`, row-major (frame-major): `data[t * bands + b]` */
  data: Float32Array;
}

export interface SpectrogramOptions {
  /** default `WINDOW_MS` (25) */
  windowMs?: number;
  /** default `HOP_MS` (20) */
  hopMs?: number;
  /** default `MEL_BANDS` (40) */
  bands?: number;
  /** default `MEL_MIN_HZ` (60) */
  minHz?: number;
  /** default `MEL_MAX_HZ` (7600) */
  maxHz?: number;
}

// ---------------------------------------------------------------------------------------------
// FFT

const twiddles = new Map<number, { cos: Float64Array; sin: Float64Array; reverse: Uint32Array }>();

function plan(n: number) {
  let p = twiddles.get(n);
  if (!p) {
    const cos = new Float64Array(n / 2);
    const sin = new Float64Array(n / 2);
    for (let k = 0; k < n / 2; k++) {
      cos[k] = Math.cos((2 * Math.PI * k) / n);
      sin[k] = -Math.sin((2 * Math.PI * k) / n);
    }
    const bits = Math.log2(n);
    const reverse = new Uint32Array(n);
    for (let i = 0; i < n; i++) {
      let r = 0;
      for (let b = 0; b < bits; b++) r |= ((i >> b) & 1) << (bits - 1 - b);
      reverse[i] = r;
    }
    p = { cos, sin, reverse };
    twiddles.set(n, p);
  }
  return p;
}

/**
 * In-place iterative radix-2 FFT (Cooley–Tukey, decimation in time):
 * `X[k] = Σ_n x[n] · e^(−2πi·kn/N)`, unnormalised.
 * @param re real parts, length N, a power of two; overwritten with the real parts of X
 * @param im imaginary parts, length N; overwritten with the imaginary parts of X
 */
export function fft(re: Float64Array, im: Float64Array): void {
  const n = re.length;
  if (im.length !== n) throw new Error(`fft: re has ${n} values, im ${im.length}`);
  if (n < 1 || (n & (n - 1)) !== 0) throw new Error(`fft: length ${n} is not a power of two`);
  const { cos, sin, reverse } = plan(n);
  for (let i = 0; i < n; i++) {
    const j = reverse[i]!;
    if (j > i) {
      [re[i], re[j]] = [re[j]!, re[i]!];
      [im[i], im[j]] = [im[j]!, im[i]!];
    }
  }
  // butterflies: combine pairs of half-size transforms, size 2, 4, …, n
  for (let size = 2; size <= n; size *= 2) {
    const half = size / 2;
    const step = n / size;
    for (let start = 0; start < n; start += size) {
      for (let k = 0; k < half; k++) {
        const wr = cos[k * step]!;
        const wi = sin[k * step]!;
        const a = start + k;
        const b = a + half;
        const tr = re[b]! * wr - im[b]! * wi;
        const ti = re[b]! * wi + im[b]! * wr;
        re[b] = re[a]! - tr;
        im[b] = im[a]! - ti;
        re[a] = re[a]! + tr;
        im[a] = im[a]! + ti;
      }
    }
  }
}

/** The smallest power of two ≥ n (n ≥ 1). */
export function nextPowerOfTwo(n: number): number {
  let p = 1;
  while (p < n) p *= 2;
  return p;
}

// ---------------------------------------------------------------------------------------------
// Mel filterbank

/** HTK's mel scale: `mel(f) = 2595 · log10(1 + f / 700)`. */
export const hzToMel = (hz: number) => 2595 * Math.log10(1 + hz / 700);
export const melToHz = (mel: number) => 700 * (10 ** (mel / 2595) - 1);

/**
 * The centre frequencies, in Hz, of `bands` triangular filters equally spaced on the mel scale,
 * plus the two outer edges: `bands + 2` values from `minHz` to `maxHz`. Band b rises from
 * `edges[b]` to a peak of 1 at `edges[b + 1]` and falls to 0 at `edges[b + 2]`.
 */
export function melEdges(bands = MEL_BANDS, minHz = MEL_MIN_HZ, maxHz = MEL_MAX_HZ): number[] {
  const lo = hzToMel(minHz);
  const hi = hzToMel(maxHz);
  return Array.from({ length: bands + 2 }, (_, i) => melToHz(lo + ((hi - lo) * i) / (bands + 1)));
}

/**
 * Filter weights for an FFT of `fftSize` points at `sampleRate`: `[bands, fftSize / 2 + 1]`,
 * row-major. The triangles are evaluated at each bin's exact frequency (not snapped to bins), so
 * they are the same curves in hertz at every sample rate.
 */
function melFilterbank(sampleRate: number, fftSize: number, edges: number[]): Float64Array {
  const bands = edges.length - 2;
  const bins = fftSize / 2 + 1;
  const weights = new Float64Array(bands * bins);
  for (let b = 0; b < bands; b++) {
    const [lo, mid, hi] = [edges[b]!, edges[b + 1]!, edges[b + 2]!];
    for (let k = 0; k < bins; k++) {
      const f = (k * sampleRate) / fftSize;
      const w = f <= lo || f >= hi ? 0 : f <= mid ? (f - lo) / (mid - lo) : (hi - f) / (hi - mid);
      weights[b * bins + k] = w;
    }
  }
  return weights;
}

const filterbanks = new Map<string, Float64Array>();

// ---------------------------------------------------------------------------------------------
// Spectrogram

/** Samples per window and per hop at a sample rate, rounded to whole samples. */
export function frameGeometry(sampleRate: number, windowMs = WINDOW_MS, hopMs = HOP_MS) {
  const window = Math.round((sampleRate * windowMs) / 1000);
  const hop = Math.round((sampleRate * hopMs) / 1000);
  return { window, hop, fftSize: nextPowerOfTwo(window) };
}

/**
 * Log-mel spectrogram of a mono clip.
 *
 * Frame t covers samples `[t·hop, t·hop + window)`; the last, partial frame is dropped, except
 * that a clip shorter than one window gives one zero-padded frame (an empty clip gives none).
 * Each frame has its mean (DC offset, common in microphones) removed, is multiplied by a Hann
 * window and zero-padded to the next power of two for the FFT. The power spectrum is divided by
 * `fftSize · Σ w²`, so that it sums to the frame's mean square and a band's power is the same at
 * every sample rate; each mel band sums the power under its triangle, and the value is
 * `10 · log10(power)` in dB, floored at `SILENCE_DB` (−100 dB). A full-scale sine (amplitude 1,
 * power 1/2 = −3 dB) at a band's centre reads about −3.6 dB there: the window spreads it over a
 * few bins, some of them on the triangle's slopes.
 *
 * @param samples mono audio in [−1, 1], any length
 * @param sampleRate in Hz; must be more than twice `maxHz`
 * @returns `{ frames, bands, data: [frames, bands] }` in dB
 */
export function logMelSpectrogram(
  samples: Float32Array,
  sampleRate: number,
  options: SpectrogramOptions = {},
): Spectrogram {
  const bands = options.bands ?? MEL_BANDS;
  const minHz = options.minHz ?? MEL_MIN_HZ;
  const maxHz = options.maxHz ?? MEL_MAX_HZ;
  if (!(sampleRate > 2 * maxHz)) {
    throw new Error(`logMelSpectrogram: a sample rate of ${sampleRate} Hz cannot represent ${maxHz} Hz`);
  }
  const { window, hop, fftSize } = frameGeometry(sampleRate, options.windowMs, options.hopMs);
  const bins = fftSize / 2 + 1;
  const key = `${sampleRate}/${fftSize}/${bands}/${minHz}/${maxHz}`;
  let weights = filterbanks.get(key);
  if (!weights) {
    weights = melFilterbank(sampleRate, fftSize, melEdges(bands, minHz, maxHz));
    filterbanks.set(key, weights);
  }
  const hann = new Float64Array(window);
  let sumSquares = 0;
  for (let n = 0; n < window; n++) {
    hann[n] = 0.5 - 0.5 * Math.cos((2 * Math.PI * n) / window);
    sumSquares += hann[n]! ** 2;
  }
  const norm = 1 / (fftSize * sumSquares);

  const frames =
    samples.length === 0 ? 0 : samples.length < window ? 1 : 1 + Math.floor((samples.length - window) / hop);
  const data = new Float32Array(frames * bands);
  const re = new Float64Array(fftSize);
  const im = new Float64Array(fftSize);
  const power = new Float64Array(bins);
  for (let t = 0; t < frames; t++) {
    const start = t * hop;
    const end = Math.min(start + window, samples.length);
    let mean = 0;
    for (let n = start; n < end; n++) mean += samples[n]!;
    mean /= window;
    re.fill(0);
    im.fill(0);
    for (let n = start; n < end; n++) re[n - start] = (samples[n]! - mean) * hann[n - start]!;
    fft(re, im);
    // one-sided power: double every bin that has a mirror image (all but DC and Nyquist)
    for (let k = 0; k < bins; k++) {
      const p = (re[k]! ** 2 + im[k]! ** 2) * norm;
      power[k] = k === 0 || k === fftSize / 2 ? p : 2 * p;
    }
    for (let b = 0; b < bands; b++) {
      let sum = 0;
      const row = b * bins;
      for (let k = 0; k < bins; k++) {
        const w = weights[row + k]!;
        if (w > 0) sum += w * power[k]!;
      }
      data[t * bands + b] = Math.max(SILENCE_DB, 10 * Math.log10(sum));
    }
  }
  return { frames, bands, data };
}

// ---------------------------------------------------------------------------------------------
// Trimming, fixed size, quantisation

export interface TrimOptions {
  /** a 10 ms block is speech if its energy is within this many dB of the loudest block's; default 40 */
  thresholdDb?: number;
  /** kept on either side of the first and last speech block, in ms; default 40 */
  marginMs?: number;
}

/**
 * Drops leading and trailing silence. The clip is cut into 10 ms blocks; a block is speech if its
 * mean square is at most `thresholdDb` (40) below the loudest block's; the result runs from the
 * first to the last speech block, widened by `marginMs` (40 ms) on each side and clipped to the
 * clip. Quiet parts between the first and last speech block (a stop consonant's closure) stay.
 *
 * @param samples mono audio, any length
 * @returns a view (subarray) of `samples`; empty if the clip is all zeros
 */
export function trimSilence(samples: Float32Array, sampleRate: number, options: TrimOptions = {}): Float32Array {
  const thresholdDb = options.thresholdDb ?? 40;
  const marginMs = options.marginMs ?? 40;
  const block = Math.max(1, Math.round(sampleRate / 100));
  const blocks = Math.ceil(samples.length / block);
  const energy = new Float64Array(blocks);
  let peak = 0;
  for (let i = 0; i < blocks; i++) {
    let sum = 0;
    const end = Math.min(samples.length, (i + 1) * block);
    for (let n = i * block; n < end; n++) sum += samples[n]! ** 2;
    energy[i] = sum / (end - i * block);
    peak = Math.max(peak, energy[i]!);
  }
  if (peak === 0) return samples.subarray(0, 0);
  const threshold = peak * 10 ** (-thresholdDb / 10);
  let first = 0;
  while (energy[first]! < threshold) first++;
  let last = blocks - 1;
  while (energy[last]! < threshold) last--;
  const margin = Math.round((sampleRate * marginMs) / 1000);
  return samples.subarray(Math.max(0, first * block - margin), Math.min(samples.length, (last + 1) * block + margin));
}

/**
 * Centres a spectrogram in exactly `frames` rows: a longer one keeps its middle `frames` rows; a
 * shorter one is padded equally before and after (one more row after when the difference is odd)
 * with the clip's smallest value, its silence or noise floor (`SILENCE_DB` for an empty
 * spectrogram), which `quantise` turns into 0 or close to it. (Each band's own minimum would
 * look more like a microphone's background noise, but on espeak-ng's clips, which start at the
 * first sound, it paints stripes that tell the voice, not the word.)
 * @returns `{ frames, bands, data: [frames, bands] }` in dB
 */
export function toFixedFrames(spec: Spectrogram, frames = FEATURE_FRAMES): Spectrogram {
  const { bands } = spec;
  const data = new Float32Array(frames * bands);
  if (spec.frames >= frames) {
    const from = Math.floor((spec.frames - frames) / 2);
    data.set(spec.data.subarray(from * bands, (from + frames) * bands));
    return { frames, bands, data };
  }
  let floor = spec.frames === 0 ? SILENCE_DB : Infinity;
  for (const v of spec.data) floor = Math.min(floor, v);
  data.fill(floor);
  data.set(spec.data, Math.floor((frames - spec.frames) / 2) * bands);
  return { frames, bands, data };
}

/**
 * Maps a spectrogram in dB to bytes, per clip: the loudest cell becomes 255 and anything
 * `rangeDb` (80) or more below it becomes 0, linearly in dB in between
 * (`round(255 · (v − (max − rangeDb)) / rangeDb)`, clamped). So loudness does not matter, only
 * the spectral shape over time; the model reads `value / 255`.
 * @returns `[frames, bands]` bytes, row-major (all zeros for an all-silent clip)
 */
export function quantise(spec: Spectrogram, rangeDb = RANGE_DB): Uint8Array {
  let max = -Infinity;
  for (const v of spec.data) max = Math.max(max, v);
  const out = new Uint8Array(spec.data.length);
  if (max <= SILENCE_DB) return out;
  const floor = max - rangeDb;
  for (let i = 0; i < out.length; i++) {
    out[i] = Math.max(0, Math.min(255, Math.round((255 * (spec.data[i]! - floor)) / rangeDb)));
  }
  return out;
}

/**
 * The features the speech classifier reads, from raw audio: trim → log-mel → fixed frames →
 * quantise. The one function used both by `scripts/build-speech.ts` on espeak-ng's clips and by
 * the page on a microphone recording, so that both give the model the same kind of input.
 * @param samples mono audio in [−1, 1] at `sampleRate` (any rate above 15 200 Hz)
 * @returns `[frames, MEL_BANDS]` bytes, row-major; reshape to `[frames, 40, 1]` or read as a
 *   sequence of `frames` steps of 40 values (each divided by 255)
 */
export function featuresFromAudio(samples: Float32Array, sampleRate: number, frames = FEATURE_FRAMES): Uint8Array {
  return quantise(toFixedFrames(logMelSpectrogram(trimSilence(samples, sampleRate), sampleRate), frames));
}
