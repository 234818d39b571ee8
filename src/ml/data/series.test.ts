import { describe, expect, it } from 'vitest';
import {
  decodeSeries,
  encodeSeries,
  errors,
  firstIndexRead,
  fitScaler,
  forecastData,
  makeWindows,
  naiveForecast,
  parseDate,
  parseSeriesCsv,
  scale,
  splitByTime,
  toLevels,
  transformSeries,
  unscale,
  valuesAt,
  type SeriesTransform,
} from './series';

describe('parseSeriesCsv', () => {
  it('reads good rows, sorts them by date and lists the bad ones', () => {
    const csv = [
      'date,price,note',
      '2000-01-04,11.5,x',
      '2000-01-03,10,"quoted, with comma"',
      '',
      '2000-02-30,9,impossible date',
      '2000-01-05,,empty value',
      '2000-01-06,NA,not a number',
      '2000-01-07,12',
      '2000-01-03,99,duplicate',
      'Jan 10 2000,1e1,vega style date',
      '2000-01-08,abc,',
    ].join('\r\n');
    const s = parseSeriesCsv(csv, { dateColumn: 'date', valueColumn: 'price' });
    expect(s.dates).toEqual(['2000-01-03', '2000-01-04', '2000-01-10']);
    expect([...s.values]).toEqual([10, 11.5, 10]);
    expect(s.skipped.map((r) => r.line)).toEqual([5, 6, 7, 8, 9, 11]);
    expect(s.skipped.map((r) => r.reason)).toEqual([
      'bad date "2000-02-30"',
      'bad value ""',
      'bad value "NA"',
      '2 fields, expected 3',
      'duplicate date 2000-01-03',
      'bad value "abc"',
    ]);
  });

  it('filters rows by any column', () => {
    const csv = 'symbol,date,price\nA,Jan 1 2000,1\nB,Jan 1 2000,2\nA,Feb 1 2000,3\n';
    const s = parseSeriesCsv(csv, { dateColumn: 'date', valueColumn: 'price', filter: (r) => r.symbol === 'A' });
    expect(s.dates).toEqual(['2000-01-01', '2000-02-01']);
    expect([...s.values]).toEqual([1, 3]);
    expect(s.skipped).toEqual([]);
  });

  it('names a missing column and refuses a file with no usable row', () => {
    expect(() => parseSeriesCsv('date,value\n', { dateColumn: 'date', valueColumn: 'price' })).toThrow(
      /no column "price"/,
    );
    expect(() => parseSeriesCsv('date,price\nx,1\n', { dateColumn: 'date', valueColumn: 'price' })).toThrow(
      /no usable row/,
    );
  });

  it('parses the date forms it promises and nothing else', () => {
    expect(parseDate('1958-03-01')).toBe('1958-03-01');
    expect(parseDate('2020-04-17T00:00:00Z')).toBe('2020-04-17');
    expect(parseDate('2001-01')).toBe('2001-01-01');
    expect(parseDate('1880')).toBe('1880-01-01');
    expect(parseDate('Mar 1 2010')).toBe('2010-03-01');
    expect(parseDate('2001-02-29')).toBeUndefined();
    expect(parseDate('Foo 1 2010')).toBeUndefined();
    expect(parseDate('1/2/2003')).toBeUndefined();
  });
});

describe('encodeSeries / decodeSeries', () => {
  it('round-trips dates exactly and values to float32', () => {
    const dates = ['1958-03-01', '2000-01-03', '2020-04-17'];
    const values = [315.7, 1455.219971, 2874.560059];
    const bytes = encodeSeries(dates, values);
    expect(bytes.values.length).toBe(12);
    // little-endian int32: 2000-01-03 is day 10959
    expect([...bytes.dates.subarray(4, 8)]).toEqual([0xcf, 0x2a, 0, 0]);
    const back = decodeSeries(bytes.values, bytes.dates);
    expect(back.dates).toEqual(dates);
    back.values.forEach((v, i) => expect(v).toBeCloseTo(values[i]!, 3));
    expect(() => decodeSeries(bytes.values, bytes.dates.subarray(4))).toThrow(/do not make/);
  });
});

describe('splitByTime', () => {
  it('puts the oldest 70 % in training and the latest part in test', () => {
    expect(splitByTime(100)).toEqual({
      train: { from: 0, to: 70 },
      validation: { from: 70, to: 85 },
      test: { from: 85, to: 100 },
    });
    const s = splitByTime(5105);
    expect(s.train.to - s.train.from).toBe(3573);
    expect(s.validation.to - s.validation.from).toBe(765);
    expect(s.test.to - s.test.from).toBe(767);
    expect(s.test.to).toBe(5105);
  });

  it('refuses fractions that leave a part empty', () => {
    expect(() => splitByTime(100, { train: 0.9, validation: 0.1 })).toThrow();
    expect(() => splitByTime(3, { train: 0.2, validation: 0.2 })).toThrow(/too few/);
  });
});

describe('fitScaler', () => {
  it('standardises with the training statistics, ignoring NaN', () => {
    const s = fitScaler([NaN, 1, 3, 100], { from: 0, to: 3 });
    expect(s).toEqual({ mean: 2, std: 1 });
    expect([...scale([1, 3, 100], s)]).toEqual([-1, 1, 98]);
    expect([...unscale(scale([1, 3, 100], s), s)]).toEqual([1, 3, 100]);
    expect(fitScaler([5, 5], { from: 0, to: 2 })).toEqual({ mean: 5, std: 1 });
  });

  it('is fitted on the training range only: changing test values does not change it', () => {
    const levels = Array.from({ length: 200 }, (_, i) => 100 + Math.sin(i / 5) * 10 + i / 10);
    const before = forecastData(levels, { window: 12, transform: 'difference' });
    const changed = levels.map((v, i) => (i >= before.split.validation.from ? v * 3 + 1000 : v));
    const after = forecastData(changed, { window: 12, transform: 'difference' });
    expect(after.scaler).toEqual(before.scaler);
    expect(after.train.xs).toEqual(before.train.xs);
    expect(after.train.ys).toEqual(before.train.ys);
  });
});

describe('makeWindows', () => {
  const levels = Array.from({ length: 200 }, (_, i) => 10 + i * i * 0.1);

  it('builds [n, window, 1] inputs of the steps just before each target', () => {
    const w = makeWindows([1, 2, 4, 7, 11, 16], { window: 2, from: 0, to: 6 });
    expect(w.count).toBe(4);
    expect([...w.targetIndex]).toEqual([2, 3, 4, 5]);
    expect([...w.xs]).toEqual([1, 2, 2, 4, 4, 7, 7, 11]);
    expect([...w.ys]).toEqual([4, 7, 11, 16]);
    const d = makeWindows([1, 2, 4, 7, 11, 16], { window: 2, from: 0, to: 6, transform: 'difference' });
    expect([...d.targetIndex]).toEqual([3, 4, 5]);
    expect([...d.xs]).toEqual([1, 2, 2, 3, 3, 4]);
    expect([...d.ys]).toEqual([3, 4, 5]);
    const h = makeWindows([1, 2, 4, 7, 11, 16], { window: 2, horizon: 2, from: 0, to: 6, transform: 'difference' });
    expect([...h.targetIndex]).toEqual([4, 5]);
    expect([...h.ys]).toEqual([7, 9]); // 11 − 4, 16 − 7
  });

  it.each<[SeriesTransform, number, number]>([
    ['level', 12, 1],
    ['difference', 12, 1],
    ['log-return', 7, 3],
    ['difference', 1, 5],
  ])('%s, window %i, horizon %i: no window looks ahead or reads another split', (transform, window, horizon) => {
    const data = forecastData(levels, { window, horizon, transform });
    for (const part of ['train', 'validation', 'test'] as const) {
      const { from, to } = data.split[part];
      const w = data[part];
      expect(w.count).toBe(to - from - (window + horizon - 1 + (transform === 'level' ? 0 : 1)));
      expect(w.count).toBeGreaterThan(0);
      expect(w.xs.length).toBe(w.count * window);
      expect(w.ys.length).toBe(w.count);
      w.targetIndex.forEach((t) => {
        const firstRead = firstIndexRead(t, window, horizon, transform);
        const lastInput = t - horizon; // the latest level any input reads
        expect(lastInput).toBeLessThan(t);
        expect(firstRead).toBeGreaterThanOrEqual(from);
        expect(t).toBeLessThan(to);
      });
    }
    // no training target lies in validation; test targets are the latest
    expect(Math.max(...data.train.targetIndex)).toBeLessThan(data.split.validation.from);
    expect(Math.min(...data.test.targetIndex)).toBeGreaterThanOrEqual(data.split.test.from);
  });

  it('gives a window exactly the values it should read (checked by brute force)', () => {
    const w = makeWindows(levels, { window: 4, horizon: 2, from: 10, to: 30, transform: 'log-return' });
    w.targetIndex.forEach((t, k) => {
      for (let j = 0; j < 4; j++) {
        const i = t - 2 - 3 + j;
        expect(w.xs[k * 4 + j]).toBeCloseTo(Math.log(levels[i]! / levels[i - 1]!), 6);
      }
      expect(w.ys[k]).toBeCloseTo(Math.log(levels[t]! / levels[t - 2]!), 6);
    });
  });

  it('returns no window when the range is shorter than one, and refuses bad options', () => {
    expect(makeWindows(levels, { window: 5, from: 0, to: 5 }).count).toBe(0);
    expect(() => makeWindows(levels, { window: 0, from: 0, to: 10 })).toThrow(/positive integers/);
    expect(() => makeWindows(levels, { window: 2, from: 0, to: 201 })).toThrow(/not inside/);
    expect(() => makeWindows([1, -1, 2], { window: 1, from: 0, to: 3, transform: 'log-return' })).toThrow(
      /not positive/,
    );
  });
});

describe('forecasts and their errors', () => {
  it('scores the last-value forecast on a hand example', () => {
    const v = [10, 12, 11, 15, 14];
    const targets = [2, 3, 4];
    const naive = naiveForecast(v, targets);
    expect([...naive]).toEqual([12, 11, 15]);
    // errors −1, −4, +1
    const e = errors(naive, valuesAt(v, targets));
    expect(e.mae).toBeCloseTo(2);
    expect(e.rmse).toBeCloseTo(Math.sqrt(6));
    expect([...naiveForecast(v, targets, 2)]).toEqual([10, 12, 11]);
    expect(() => errors([1], [])).toThrow();
  });

  it('turns a zero predicted change back into the last-value forecast, and true changes into the truth', () => {
    const v = Array.from({ length: 40 }, (_, i) => 50 + 5 * Math.sin(i));
    for (const transform of ['difference', 'log-return'] as const) {
      const data = forecastData(v, { window: 3, transform });
      const { targetIndex, ys } = data.test;
      const zero = scale(new Float64Array(targetIndex.length), data.scaler);
      const asNaive = toLevels(zero, v, targetIndex, { transform, scaler: data.scaler });
      asNaive.forEach((x, k) => expect(x).toBeCloseTo(naiveForecast(v, targetIndex)[k]!, 9));
      const perfect = toLevels(ys, v, targetIndex, { transform, scaler: data.scaler });
      expect(errors(perfect, valuesAt(v, targetIndex)).rmse).toBeLessThan(1e-4);
    }
    const level = forecastData(v, { window: 3 });
    const back = toLevels(level.test.ys, v, level.test.targetIndex, { scaler: level.scaler });
    expect(errors(back, valuesAt(v, level.test.targetIndex)).mae).toBeLessThan(1e-4);
  });

  it('transformSeries marks the first change as unknown', () => {
    const d = transformSeries([2, 3, 6], 'difference');
    expect(d[0]).toBeNaN();
    expect([...d.subarray(1)]).toEqual([1, 3]);
  });
});
