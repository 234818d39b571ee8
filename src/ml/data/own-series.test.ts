import { describe, expect, it } from 'vitest';
import { guessColumns, minimumLength, ownSeries, parseIsoDate, readTable } from './own-series';

const monthly = (n: number, from = 2000) =>
  Array.from({ length: n }, (_, i) => `${from + Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')},${i}`);

function table(text: string) {
  const read = readTable(text);
  if (!read.ok) throw new Error('unreadable');
  return read;
}

describe('own series', () => {
  it('reads the accepted date forms only', () => {
    expect(parseIsoDate('2001-02-03')).toBe('2001-02-03');
    expect(parseIsoDate('2001-02')).toBe('2001-02-01');
    expect(parseIsoDate('2001')).toBe('2001-01-01');
    for (const bad of ['2001-02-30', '03/02/2001', 'Jan 1 2001', '2001-2-3', ''])
      expect(parseIsoDate(bad)).toBeUndefined();
  });
  it('guesses a date-like column and the first other one', () => {
    expect(guessColumns(['id', 'Date', 'close'])).toEqual({ date: 1, value: 0 });
    expect(guessColumns(['when', 'v'])).toEqual({ date: 0, value: 1 });
  });
  it('sorts by date and keeps the chosen value column', () => {
    const rows = monthly(120).reverse();
    const { csv } = table(['month;other;value', ...rows.map((r) => r.replace(',', ';x;'))].join('\n'));
    const result = ownSeries(csv, { date: 0, value: 2 }, 4, 'difference');
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.series.dates[0]).toBe('2000-01-01');
    expect(result.series.levels[5]).toBe(5);
    expect(result.series.levels.length).toBe(120);
  });
  it('names the line of a bad date, a gap, a non-number, a short row and a repeated date', () => {
    const text = ['date,value', '2000-01,1', '01/02/2000,2', '2000-03,', '2000-04,abc', '2000-05', '2000-01,3'].join(
      '\n',
    );
    const { csv } = table(text);
    const result = ownSeries(csv, { date: 0, value: 1 }, 2, 'difference');
    expect(result).toEqual({
      ok: false,
      problems: [
        { code: 'date', line: 3, text: '01/02/2000' },
        { code: 'missing', line: 4 },
        { code: 'value', line: 5, text: 'abc' },
        { code: 'fields', line: 6, found: 1, expected: 2 },
        { code: 'duplicate', line: 7, date: '2000-01-01', first: 2 },
      ],
    });
  });
  it('needs enough points for the window in each part of the split', () => {
    const needed = minimumLength(12, 'difference');
    // 15 % of the series must hold a window of 12 differences (13 levels) and a target
    expect(needed).toBeGreaterThanOrEqual(Math.ceil(14 / 0.15));
    expect(needed).toBeLessThan(Math.ceil(14 / 0.15) + 10);
    const { csv } = table(['d,v', ...monthly(needed - 1)].join('\n'));
    expect(ownSeries(csv, { date: 0, value: 1 }, 12, 'difference')).toEqual({
      ok: false,
      problems: [{ code: 'too-short', count: needed - 1, needed }],
    });
    const { csv: enough } = table(['d,v', ...monthly(needed)].join('\n'));
    expect(ownSeries(enough, { date: 0, value: 1 }, 12, 'difference').ok).toBe(true);
  });
  it('refuses one column for both, an empty file and an open quote', () => {
    const { csv } = table('d,v\n2000,1\n');
    expect(ownSeries(csv, { date: 1, value: 1 }, 2, 'difference')).toEqual({
      ok: false,
      problems: [{ code: 'same-column' }],
    });
    expect(readTable('d,v\n')).toEqual({ ok: false, problem: { code: 'empty' } });
    expect(readTable('d,v\n"2000,1\n')).toEqual({ ok: false, problem: { code: 'unclosed-quote', line: 2 } });
  });
});
