import { describe, expect, it } from 'vitest';
import {
  DAY_COUNT,
  FORMATS,
  INPUT_LENGTH,
  INPUT_VOCAB,
  OUTPUT_LENGTH,
  dateStream,
  dayAt,
  decodeOutput,
  encodeInput,
  encodeOutput,
  evaluationSet,
  inputCharacters,
  iso,
  sliceBatch,
  splitDays,
} from './dates';

const MAY_3 = { year: 2021, month: 5, day: 3 };

describe('the date generator', () => {
  it('covers every day from 1950-01-01 to 2049-12-31', () => {
    expect(DAY_COUNT).toBe(36_525);
    expect(iso(dayAt(0))).toBe('1950-01-01');
    expect(iso(dayAt(DAY_COUNT - 1))).toBe('2049-12-31');
  });

  it('writes the formats of the text, in English and in Chinese', () => {
    const written = FORMATS.map((f) => f.write(MAY_3));
    for (const expected of [
      '3 May 2021',
      'May 3rd, 21',
      '03/05/2021',
      '2021-5-3',
      'Monday, May 3, 2021',
      '2021年5月3日',
      '二〇二一年五月三日',
      '21年5月3日',
      '5月3日，2021年',
    ])
      expect(written).toContain(expected);
    expect(FORMATS.some((f) => f.language === 'zh') && FORMATS.some((f) => f.language === 'en')).toBe(true);
  });

  it('writes ordinals, Chinese numbers and two-digit years correctly', () => {
    const write = (name: string, d: typeof MAY_3) => FORMATS.find((f) => f.name === name)!.write(d);
    expect(
      ['1', '2', '3', '4', '11', '12', '13', '21', '22', '23'].map((n) =>
        write('Month Dth, YY', { year: 1999, month: 1, day: Number(n) }),
      ),
    ).toEqual(
      ['1st', '2nd', '3rd', '4th', '11th', '12th', '13th', '21st', '22nd', '23rd'].map((o) => `January ${o}, 99`),
    );
    expect(write('〇年M月D日 (numerals)', { year: 1950, month: 10, day: 31 })).toBe('一九五〇年十月三十一日');
    expect(write('〇年M月D日 (numerals)', { year: 2008, month: 12, day: 20 })).toBe('二〇〇八年十二月二十日');
    expect(write('YYYY年M月D日星期W', { year: 2026, month: 12, day: 6 })).toBe('2026年12月6日星期日');
  });

  it('splits the days once, disjoint and complete, the same in every run', () => {
    const a = splitDays();
    const b = splitDays();
    expect([...a.test]).toEqual([...b.test]);
    const all = new Set([...a.train, ...a.validation, ...a.test]);
    expect(all.size).toBe(DAY_COUNT);
    expect(a.train.length + a.validation.length + a.test.length).toBe(DAY_COUNT);
    const test = new Set(a.test);
    expect([...a.train, ...a.validation].some((d) => test.has(d))).toBe(false);
  });

  it('never shows a test day in training, in any format', () => {
    const { train, test } = splitDays();
    const testDates = new Set(evaluationSet(test, test.length).isos);
    const batch = dateStream(train, 3)(5000);
    expect(batch.isos.some((d) => testDates.has(d))).toBe(false);
  });

  it('draws the same stream from the same seed, another from another', () => {
    const { train } = splitDays();
    expect(dateStream(train, 5)(50).texts).toEqual(dateStream(train, 5)(50).texts);
    expect(dateStream(train, 5)(50).texts).not.toEqual(dateStream(train, 6)(50).texts);
  });

  it('covers every format equally in the evaluation sets, grouped by format', () => {
    const { test } = splitDays();
    const set = evaluationSet(test, FORMATS.length * 3);
    FORMATS.forEach((f, i) => {
      expect([...set.formats.slice(3 * i, 3 * i + 3)]).toEqual([i, i, i]);
      expect(set.texts[3 * i]).toBe(f.write(dayAt(test[i]!)));
    });
  });

  it('pads each batch only to its longest input, and a training batch is in one format', () => {
    const { train, test } = splitDays();
    const batch = dateStream(train, 9)(20);
    expect(new Set(batch.formats).size).toBe(1);
    expect(batch.length).toBe(Math.max(...batch.texts.map((t) => inputCharacters(t).length)));
    expect(batch.inputs).toHaveLength(20 * batch.length);
    const set = evaluationSet(test, 64);
    const head = sliceBatch(set, 0, 4);
    expect(head.length).toBe(Math.max(...set.texts.slice(0, 4).map((t) => inputCharacters(t).length)));
    expect([...head.inputs.slice(0, head.length)]).toEqual([
      ...encodeInput(set.texts[0]!).slice(INPUT_LENGTH - head.length),
    ]);
  });

  it('encodes every format within the input length and the vocabulary, padded on the left', () => {
    for (let i = 0; i < DAY_COUNT; i += 97)
      for (const f of FORMATS) {
        const text = f.write(dayAt(i));
        expect(inputCharacters(text).length).toBeLessThanOrEqual(INPUT_LENGTH);
        const ids = encodeInput(text);
        expect(ids).toHaveLength(INPUT_LENGTH);
        // no unknown character (id 1) in any generated date
        expect(ids.includes(1)).toBe(false);
        expect(ids[INPUT_LENGTH - 1]).not.toBe(0);
      }
    const ids = encodeInput('May 3');
    expect([...ids.slice(0, INPUT_LENGTH - 5)].every((v) => v === 0)).toBe(true);
    expect(INPUT_VOCAB[ids[INPUT_LENGTH - 5]!]).toBe('m');
    // full-width comma and capitals read as the generator's characters; unknown ones as id 1
    expect([...encodeInput('5月3日,2021年')]).toEqual([...encodeInput('5月3日，2021年')]);
    expect(encodeInput('3 MAY 2021 ★').includes(1)).toBe(true);
  });

  it('decodes what it encodes on the output side', () => {
    const ids = encodeOutput('2021-05-03');
    expect(ids).toHaveLength(OUTPUT_LENGTH);
    expect(decodeOutput(ids)).toBe('2021-05-03');
  });
});
