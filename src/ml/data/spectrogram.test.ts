import { describe, expect, it } from 'vitest';
import {
  FEATURE_FRAMES,
  MEL_BANDS,
  SILENCE_DB,
  featuresFromAudio,
  fft,
  frameGeometry,
  logMelSpectrogram,
  melEdges,
  quantise,
  toFixedFrames,
  trimSilence,
} from './spectrogram';

/** A seeded pseudo-random sequence in [−1, 1). */
function noise(n: number, seed = 1): Float64Array {
  let s = seed;
  return Float64Array.from({ length: n }, () => {
    s = (s * 1103515245 + 12345) % 2147483648;
    return (s / 2147483648) * 2 - 1;
  });
}

/** `seconds` of a sine of `hz` at `rate`, amplitude `amp`. */
const sine = (hz: number, rate: number, seconds: number, amp = 1) =>
  Float32Array.from({ length: Math.round(rate * seconds) }, (_, n) => amp * Math.sin((2 * Math.PI * hz * n) / rate));

/**
 * A word-like test sound defined in continuous time, so it can be sampled at any rate: 0.2 s of
 * silence, then 0.5 s of a chirp from 300 to 3000 Hz with a harmonic, under a smooth envelope,
 * then 0.3 s of silence.
 */
function chirp(rate: number): Float32Array {
  return Float32Array.from({ length: rate }, (_, n) => {
    const t = n / rate - 0.2;
    if (t < 0 || t >= 0.5) return 0;
    const phase = 2 * Math.PI * (300 * t + ((3000 - 300) / (2 * 0.5)) * t * t);
    const envelope = Math.sin((Math.PI * t) / 0.5);
    return 0.5 * envelope * (Math.sin(phase) + 0.3 * Math.sin(2 * phase));
  });
}

describe('fft', () => {
  it('matches a naive DFT', () => {
    for (const n of [1, 2, 8, 64, 512]) {
      const x = noise(n, n);
      const y = noise(n, n + 7);
      const re = Float64Array.from(x);
      const im = Float64Array.from(y);
      fft(re, im);
      let worst = 0;
      for (let k = 0; k < n; k++) {
        let sr = 0;
        let si = 0;
        for (let j = 0; j < n; j++) {
          const a = (-2 * Math.PI * k * j) / n;
          sr += x[j]! * Math.cos(a) - y[j]! * Math.sin(a);
          si += x[j]! * Math.sin(a) + y[j]! * Math.cos(a);
        }
        worst = Math.max(worst, Math.abs(sr - re[k]!), Math.abs(si - im[k]!));
      }
      expect(worst).toBeLessThan(1e-9);
    }
  });

  it('rejects a length that is not a power of two', () => {
    expect(() => fft(new Float64Array(12), new Float64Array(12))).toThrow(/power of two/);
  });
});

describe('logMelSpectrogram', () => {
  it('has one 40-band row per 20 ms hop, the same count at every sample rate', () => {
    for (const rate of [16000, 22050, 44100, 48000]) {
      const { window, hop } = frameGeometry(rate);
      expect(window).toBe(Math.round(rate * 0.025));
      expect(hop).toBe(Math.round(rate * 0.02));
      const spec = logMelSpectrogram(new Float32Array(rate), rate);
      expect(spec.bands).toBe(MEL_BANDS);
      expect(spec.frames).toBe(49); // 1 + floor((1 s − 25 ms) / 20 ms)
      expect(spec.data.length).toBe(49 * 40);
    }
    expect(logMelSpectrogram(new Float32Array(0), 22050).frames).toBe(0);
    expect(logMelSpectrogram(new Float32Array(100), 22050).frames).toBe(1);
  });

  it('puts a 1 kHz sine into the mel band that contains 1 kHz', () => {
    const edges = melEdges();
    // the band whose triangle is highest at 1 kHz: its peak is the centre nearest to 1 kHz
    const centres = edges.slice(1, -1);
    const expected = centres.reduce(
      (best, c, b) => (Math.abs(c - 1000) < Math.abs(centres[best]! - 1000) ? b : best),
      0,
    );
    expect(edges[expected]!).toBeLessThan(1000);
    expect(edges[expected + 2]!).toBeGreaterThan(1000);
    for (const rate of [22050, 48000]) {
      const spec = logMelSpectrogram(sine(1000, rate, 0.5), rate);
      for (let t = 0; t < spec.frames; t++) {
        const row = Array.from(spec.data.subarray(t * 40, t * 40 + 40));
        expect(row.indexOf(Math.max(...row))).toBe(expected);
        // bands far from 1 kHz see only the Hann window's side lobes
        expect(row[0]!).toBeLessThan(Math.max(...row) - 60);
        expect(row[39]!).toBeLessThan(Math.max(...row) - 60);
      }
    }
  });

  it('reads a full-scale sine at a band centre as a little under its power, 10 log10(1/2) ≈ −3 dB', () => {
    const centre = melEdges()[21]!; // band 20's peak
    for (const rate of [22050, 48000]) {
      const loud = logMelSpectrogram(sine(centre, rate, 0.3), rate).data[5 * 40 + 20]!;
      // the window spreads the sine over a few bins, some of them on the triangle's slopes
      expect(loud).toBeGreaterThan(-4);
      expect(loud).toBeLessThan(10 * Math.log10(0.5));
      const quiet = logMelSpectrogram(sine(centre, rate, 0.3, 0.01), rate).data[5 * 40 + 20]!;
      expect(quiet).toBeCloseTo(loud - 40, 3);
    }
  });

  it('gives near-identical features for the same sound at 22 050 and 48 000 Hz', () => {
    const a = logMelSpectrogram(chirp(22050), 22050);
    const b = logMelSpectrogram(chirp(48000), 48000);
    expect(a.frames).toBe(b.frames);
    let diff = 0;
    let cells = 0;
    for (let i = 0; i < a.data.length; i++) {
      if (Math.max(a.data[i]!, b.data[i]!) < -60) continue; // compare where there is sound
      diff += Math.abs(a.data[i]! - b.data[i]!);
      cells++;
    }
    expect(cells).toBeGreaterThan(150);
    expect(diff / cells).toBeLessThan(0.25); // dB

    const fa = featuresFromAudio(chirp(22050), 22050);
    const fb = featuresFromAudio(chirp(48000), 48000);
    let total = 0;
    for (let i = 0; i < fa.length; i++) total += Math.abs(fa[i]! - fb[i]!);
    expect(total / fa.length).toBeLessThan(1); // of 255
  });

  it('floors digital silence at SILENCE_DB and refuses a rate too low for 7600 Hz', () => {
    expect(Math.max(...logMelSpectrogram(new Float32Array(2000), 22050).data)).toBe(SILENCE_DB);
    expect(() => logMelSpectrogram(new Float32Array(2000), 8000)).toThrow(/8000 Hz/);
  });
});

describe('trimSilence', () => {
  it('drops leading and trailing zeros, keeping a 40 ms margin', () => {
    const rate = 22050;
    const clip = new Float32Array(rate * 1.5);
    clip.set(sine(440, rate, 0.3), rate * 0.5);
    const speech = trimSilence(clip, rate);
    // to within the 10 ms blocks
    expect(Math.abs(speech.byteOffset / 4 / rate - (0.5 - 0.04))).toBeLessThan(0.011);
    expect(Math.abs(speech.length / rate - (0.3 + 0.08))).toBeLessThan(0.021);
    expect(Array.from(speech.subarray(Math.round(rate * 0.04), Math.round(rate * 0.05))).some((v) => v !== 0)).toBe(
      true,
    );
  });

  it('keeps quiet parts within 40 dB of the peak, drops quieter noise', () => {
    const rate = 16000;
    const clip = new Float32Array(rate);
    clip.set(sine(300, rate, 0.1, 0.002), 0); // −48 dB relative to the tone: dropped
    clip.set(sine(300, rate, 0.1, 0.05), rate * 0.2); // −20 dB: kept
    clip.set(sine(300, rate, 0.2, 0.5), rate * 0.3);
    const speech = trimSilence(clip, rate);
    expect(Math.abs(speech.byteOffset / 4 / rate - 0.16)).toBeLessThan(0.011);
    expect(Math.abs(speech.length / rate - 0.38)).toBeLessThan(0.021);
  });

  it('returns an empty clip for all-zero input', () => {
    expect(trimSilence(new Float32Array(1000), 22050).length).toBe(0);
    expect(trimSilence(new Float32Array(0), 22050).length).toBe(0);
  });
});

describe('toFixedFrames', () => {
  const spec = (frames: number) => ({
    frames,
    bands: 2,
    data: Float32Array.from({ length: frames * 2 }, (_, i) => -Math.floor(i / 2) - 1),
  });

  it('centres a short spectrogram, padding with its minimum', () => {
    const out = toFixedFrames(spec(3), 8);
    expect(out.frames).toBe(8);
    // offset floor((8 − 3) / 2) = 2; minimum −3
    expect(Array.from(out.data)).toEqual([-3, -3, -3, -3, -1, -1, -2, -2, -3, -3, -3, -3, -3, -3, -3, -3]);
  });

  it('keeps the middle rows of a long one', () => {
    const out = toFixedFrames(spec(7), 3);
    expect(Array.from(out.data)).toEqual([-3, -3, -4, -4, -5, -5]);
  });

  it('pads an empty spectrogram with silence', () => {
    const out = toFixedFrames({ frames: 0, bands: 40, data: new Float32Array(0) });
    expect(out.frames).toBe(FEATURE_FRAMES);
    expect(out.data.every((v) => v === SILENCE_DB)).toBe(true);
  });
});

describe('quantise', () => {
  it('maps the top 80 dB of the clip linearly to 0..255', () => {
    const out = quantise({ frames: 1, bands: 5, data: Float32Array.from([-10, -50, -90, -100, -130]) });
    expect(Array.from(out)).toEqual([255, 128, 0, 0, 0]);
  });

  it('is the same whatever the loudness', () => {
    const data = Float32Array.from([-3, -20, -45, -70]);
    const quieter = data.map((v) => v - 30);
    expect(quantise({ frames: 1, bands: 4, data: quieter })).toEqual(quantise({ frames: 1, bands: 4, data }));
  });
});

describe('featuresFromAudio', () => {
  it('gives FEATURE_FRAMES × 40 bytes with the sound centred', () => {
    const rate = 22050;
    const clip = new Float32Array(rate * 2);
    clip.set(chirp(rate).subarray(rate * 0.2, rate * 0.7), rate * 0.1); // sound near the start
    const features = featuresFromAudio(clip, rate);
    expect(features.length).toBe(FEATURE_FRAMES * MEL_BANDS);
    const loud = (t: number) => Math.max(...features.subarray(t * 40, t * 40 + 40));
    const rows = Array.from({ length: FEATURE_FRAMES }, (_, t) => loud(t) > 128);
    const first = rows.indexOf(true);
    const last = rows.lastIndexOf(true);
    expect(Math.abs(first + last - (FEATURE_FRAMES - 1))).toBeLessThanOrEqual(3);
    expect(last - first).toBeGreaterThan(15); // 0.5 s of sound ≈ 25 frames
  });

  it('is all zeros for silence', () => {
    expect(featuresFromAudio(new Float32Array(22050), 22050).every((v) => v === 0)).toBe(true);
  });
});
