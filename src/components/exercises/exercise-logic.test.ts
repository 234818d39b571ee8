// What an exercise accepts: numbers as readers type them, within the tolerance and no further, the
// accepted equivalent forms; a lab's last run against a condition; progress kept per exercise.
import { describe, expect, it } from 'vitest';
import { lastRun } from '../lab-kit/last-run';
import {
  clearProgress,
  conditionKeys,
  numericMatches,
  parseLastRun,
  parseNumber,
  readProgress,
  runMeets,
  writeProgress,
} from './exercise-logic';

describe('numeric answers', () => {
  it('reads numbers as readers type them', () => {
    expect(parseNumber('121,930')).toBe(121930);
    expect(parseNumber('121 930')).toBe(121930);
    expect(parseNumber('121，930')).toBe(121930);
    expect(parseNumber('2.303')).toBeCloseTo(2.303);
    expect(parseNumber('1/10')).toBeCloseTo(0.1);
    expect(parseNumber('10 %')).toBeCloseTo(0.1);
    expect(parseNumber('1e-3')).toBeCloseTo(0.001);
    expect(parseNumber('2^10')).toBe(1024);
    expect(parseNumber('−0.5')).toBe(-0.5);
    expect(parseNumber('ten')).toBeNaN();
    expect(parseNumber('1.2.3')).toBeNaN();
  });
  it('accepts within the tolerance and refuses outside it', () => {
    expect(numericMatches('121930', 121930)).toBe(true);
    expect(numericMatches('121931', 121930)).toBe(false);
    expect(numericMatches('2.303', Math.LN10, { abs: 0.001 })).toBe(true);
    expect(numericMatches('2.31', Math.LN10, { abs: 0.001 })).toBe(false);
    expect(numericMatches('0.104', 0.1, { rel: 0.05 })).toBe(true);
    expect(numericMatches('0.11', 0.1, { rel: 0.05 })).toBe(false);
    expect(numericMatches('', 0)).toBe(false);
  });
  it('accepts the equivalent forms given', () => {
    expect(numericMatches('ln 10', Math.LN10, { abs: 0.001 }, ['ln10', 'ln(10)'])).toBe(true);
    expect(numericMatches('LN(10)', Math.LN10, { abs: 0.001 }, ['ln10', 'ln(10)'])).toBe(true);
    expect(numericMatches('log 10', Math.LN10, { abs: 0.001 }, ['ln10'])).toBe(false);
  });
});

describe('lab conditions', () => {
  const run = lastRun({
    outcome: 'done',
    loss: 0.1,
    testAcc: 0.94,
    settings: { dataset: 'spiral', width: 4 },
    extra: { lstmRmse: 1, naiveRmse: 2, bad: Number.NaN },
  });
  it('reads fields, settings and the lab’s own results', () => {
    expect(
      runMeets(run, {
        all: [
          { key: 'outcome', op: '==', value: 'done' },
          { key: 'settings.width', op: '==', value: 4 },
          { key: 'testAcc', op: '>=', value: 0.9 },
        ],
      }),
    ).toBe(true);
    expect(runMeets(run, { all: [{ key: 'testAcc', op: '>=', value: 0.95 }] })).toBe(false);
    expect(runMeets(run, { all: [{ key: 'extra.lstmRmse', op: '<', than: 'extra.naiveRmse' }] })).toBe(true);
    expect(runMeets(run, { all: [{ key: 'extra.naiveRmse', op: '<', than: 'extra.lstmRmse' }] })).toBe(false);
    expect(run.extra).toEqual({ lstmRmse: 1, naiveRmse: 2 });
    expect(conditionKeys({ all: [{ key: 'extra.lstmRmse', op: '<', than: 'extra.naiveRmse' }] })).toEqual([
      'extra.lstmRmse',
      'extra.naiveRmse',
    ]);
  });
  it('needs one of `any`, and a missing or NaN field never passes', () => {
    const diverged = lastRun({ outcome: 'diverged', loss: Number.NaN, settings: {} });
    expect(diverged.loss).toBeNull();
    const condition = {
      any: [
        { key: 'outcome', op: '==' as const, value: 'diverged' },
        { key: 'loss', op: '>' as const, value: 10 },
      ],
    };
    expect(runMeets(diverged, condition)).toBe(true);
    expect(runMeets(run, condition)).toBe(false);
    expect(runMeets(diverged, { all: [{ key: 'loss', op: '<', value: 1 }] })).toBe(false);
  });
  it('parses data-last-run, and nothing else', () => {
    expect(parseLastRun(JSON.stringify(run))).toEqual(run);
    expect(parseLastRun(undefined)).toBeUndefined();
    expect(parseLastRun('{oops')).toBeUndefined();
    expect(parseLastRun('{"a":1}')).toBeUndefined();
  });
});

describe('progress', () => {
  const store = new Map<string, string>();
  const storage = {
    getItem: (k: string) => store.get(k) ?? null,
    setItem: (k: string, v: string) => void store.set(k, v),
    removeItem: (k: string) => void store.delete(k),
  } as Storage;
  it('keeps solved over a later wrong try, and forgets on reset', () => {
    expect(writeProgress(storage, 'a', 'attempted')).toBe(true);
    expect(readProgress(storage, 'a')).toBe('attempted');
    writeProgress(storage, 'a', 'solved');
    writeProgress(storage, 'a', 'attempted');
    expect(readProgress(storage, 'a')).toBe('solved');
    clearProgress(storage, ['a']);
    expect(readProgress(storage, 'a')).toBeUndefined();
  });
  it('survives a storage that refuses', () => {
    const refusing = {
      getItem: () => {
        throw new Error('denied');
      },
      setItem: () => {
        throw new Error('denied');
      },
    } as unknown as Storage;
    expect(writeProgress(refusing, 'a', 'solved')).toBe(false);
    expect(readProgress(refusing, 'a')).toBeUndefined();
  });
});
