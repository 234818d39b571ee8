import { describe, expect, it } from 'vitest';
import { CsvError, guessDelimiter, parseCsv, parseNumber } from './csv';

describe('parseCsv', () => {
  it('reads commas, a header and line numbers', () => {
    const csv = parseCsv('date,value\n2000-01,1.5\n2000-02,2\n');
    expect(csv.delimiter).toBe(',');
    expect(csv.rows).toEqual([
      { line: 1, fields: ['date', 'value'] },
      { line: 2, fields: ['2000-01', '1.5'] },
      { line: 3, fields: ['2000-02', '2'] },
    ]);
  });
  it('takes semicolons and tabs, guessed from the first line', () => {
    expect(parseCsv('a;b\n1,5;2\n').rows[1]!.fields).toEqual(['1,5', '2']);
    expect(parseCsv('a\tb\n1\t2').rows[1]!.fields).toEqual(['1', '2']);
    expect(guessDelimiter('"a;b;c",d\n')).toBe(',');
  });
  it('drops a byte-order mark and reads CRLF, keeping blank lines in the count', () => {
    const csv = parseCsv('\uFEFFx,y\r\n1,2\r\n\r\n3,4\r\n');
    expect(csv.rows.map((r) => r.fields[0])).toEqual(['x', '1', '3']);
    expect(csv.rows.map((r) => r.line)).toEqual([1, 2, 4]);
  });
  it('honours quotes: delimiters, "" escapes and line breaks inside a field', () => {
    const csv = parseCsv('name,note\n"a, b","say ""hi"""\n"two\nlines",x\nlast,1');
    expect(csv.rows[1]!.fields).toEqual(['a, b', 'say "hi"']);
    expect(csv.rows[2]).toEqual({ line: 3, fields: ['two\nlines', 'x'] });
    expect(csv.rows[3]).toEqual({ line: 5, fields: ['last', '1'] });
  });
  it('names the line of a quote never closed', () => {
    expect(() => parseCsv('a,b\n1,2\n"3,4\n5,6')).toThrow(CsvError);
    try {
      parseCsv('a,b\n1,2\n"3,4\n5,6');
    } catch (error) {
      expect((error as CsvError).line).toBe(3);
    }
  });
});

describe('parseNumber', () => {
  it('reads decimals and refuses the rest', () => {
    expect(parseNumber(' 1.5 ')).toBe(1.5);
    expect(parseNumber('-3e2')).toBe(-300);
    for (const bad of ['', 'NA', '1,5', '0x10', 'Infinity', '1.2.3']) expect(parseNumber(bad)).toBeNaN();
  });
});
