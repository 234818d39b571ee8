import { describe, expect, it } from 'vitest';
import { raceSummary, secondsLeft, SETUP_S } from './race-summary';

describe('raceSummary', () => {
  it('names the fastest, the others fastest first, and what is missing', () => {
    const summary = raceSummary({
      webgpu: { variant: 'webgpu', state: 'unavailable', reason: 'failed', note: 'no adapter' },
      webgl: { variant: 'webgl', state: 'done', samplesPerSec: 30 },
      'wasm-all': { variant: 'wasm-all', state: 'done', samplesPerSec: 600 },
      'wasm-1': { variant: 'wasm-1', state: 'done', samplesPerSec: 400 },
      cpu: { variant: 'cpu', state: 'done', samplesPerSec: 10 },
    });
    expect(summary?.best).toEqual({ variant: 'wasm-all', rate: 600 });
    expect(summary?.others.map((o) => o.variant)).toEqual(['wasm-1', 'webgl', 'cpu']);
    expect(summary?.missing).toEqual(['webgpu']);
  });

  it('leaves out a stopped backend and says nothing before a measurement', () => {
    expect(raceSummary({ cpu: { variant: 'cpu', state: 'stopped', samplesPerSec: 9 } })).toBeUndefined();
    expect(raceSummary({})).toBeUndefined();
  });
});

describe('secondsLeft', () => {
  it('adds the rest of this window to a window and a set-up for each backend after it', () => {
    expect(secondsLeft(0, 5, 500, 2000)).toBe(1.5 + 4 * (2 + SETUP_S));
    expect(secondsLeft(4, 5, 2500, 2000)).toBe(0);
  });
});
