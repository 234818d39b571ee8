/**
 * Human dates → ISO dates, the translation lab's data: a seeded generator, run in the worker at run
 * time (no file to download). Every day from 1950-01-01 to 2049-12-31 is one "text" in the sense
 * of the book's splits: its days are shuffled once by a fixed seed into test, validation and
 * training days, so a test day never appears in training in any of its formats.
 *
 * Formats, English and Chinese (`FORMATS`): "3 May 2021", "May 3rd, 21", "03/05/2021" (day first,
 * the British convention), "2021-5-3", "Monday, May 3, 2021", "2021年5月3日", "二〇二一年五月三日",
 * "21年5月3日", "5月3日，2021年"… Two-digit years read 50–99 as 1950–1999 and 00–49 as 2000–2049.
 *
 * The model reads characters: the input is normalised (NFKC, lower case) and mapped through
 * INPUT_VOCAB (0 padding, 1 unknown); it writes the ten characters of YYYY-MM-DD from OUTPUT_VOCAB.
 */
import { mulberry32, shuffledIndices } from '../random';

export const FIRST_YEAR = 1950;
export const LAST_YEAR = 2049;
/** the longest input the model reads, in characters ("wednesday, september 23, 2021" is 29) */
export const INPUT_LENGTH = 32;
/** YYYY-MM-DD */
export const OUTPUT_LENGTH = 10;
/** the fixed seed of the split: the same days are held out in every run */
export const SPLIT_SEED = 20_210_503;
export const TEST_DAYS = 1000;
export const VALIDATION_DAYS = 1000;

const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];
const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const ZH_DIGITS = '〇一二三四五六七八九';
const ZH_WEEKDAYS = '日一二三四五六';

/** A calendar day: year, month 1–12, day 1–31. */
export interface Day {
  year: number;
  month: number;
  day: number;
}

const MS_PER_DAY = 86_400_000;
const EPOCH = Date.UTC(FIRST_YEAR, 0, 1);
/** every day of the range */
export const DAY_COUNT = Math.round((Date.UTC(LAST_YEAR + 1, 0, 1) - EPOCH) / MS_PER_DAY);

/** The `index`-th day of the range (0 = 1950-01-01). */
export function dayAt(index: number): Day {
  const d = new Date(EPOCH + index * MS_PER_DAY);
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');
export const iso = ({ year, month, day }: Day): string => `${pad(year, 4)}-${pad(month)}-${pad(day)}`;
const weekday = ({ year, month, day }: Day) => new Date(Date.UTC(year, month - 1, day)).getUTCDay();
const ordinal = (n: number) =>
  `${n}${n % 10 === 1 && n !== 11 ? 'st' : n % 10 === 2 && n !== 12 ? 'nd' : n % 10 === 3 && n !== 13 ? 'rd' : 'th'}`;
/** 2021 → 二〇二一 (digit by digit, as years are written) */
const zhDigits = (n: number) => [...String(n)].map((c) => ZH_DIGITS[Number(c)]).join('');
/** 31 → 三十一, 10 → 十, 3 → 三 (as months and days are written) */
const zhNumber = (n: number) =>
  n < 10 ? ZH_DIGITS[n]! : `${n >= 20 ? ZH_DIGITS[Math.floor(n / 10)] : ''}十${n % 10 === 0 ? '' : ZH_DIGITS[n % 10]}`;

/** One human way of writing a day: its name (for tests and the text) and the writer. */
export interface DateFormat {
  name: string;
  language: 'en' | 'zh';
  write: (d: Day) => string;
}

const month = (d: Day) => MONTHS[d.month - 1]!;
const short = (d: Day) => month(d).slice(0, 3);
const yy = (d: Day) => pad(d.year % 100);

export const FORMATS: readonly DateFormat[] = [
  { name: 'D Month YYYY', language: 'en', write: (d) => `${d.day} ${month(d)} ${d.year}` },
  { name: 'Month Dth, YY', language: 'en', write: (d) => `${month(d)} ${ordinal(d.day)}, ${yy(d)}` },
  { name: 'DD/MM/YYYY', language: 'en', write: (d) => `${pad(d.day)}/${pad(d.month)}/${d.year}` },
  { name: 'YYYY-M-D', language: 'en', write: (d) => `${d.year}-${d.month}-${d.day}` },
  {
    name: 'Weekday, Month D, YYYY',
    language: 'en',
    write: (d) => `${WEEKDAYS[weekday(d)]}, ${month(d)} ${d.day}, ${d.year}`,
  },
  { name: 'Month D, YYYY', language: 'en', write: (d) => `${month(d)} ${d.day}, ${d.year}` },
  { name: 'D Mon YY', language: 'en', write: (d) => `${d.day} ${short(d)} ${yy(d)}` },
  { name: 'Mon Dth YYYY', language: 'en', write: (d) => `${short(d)} ${ordinal(d.day)} ${d.year}` },
  { name: 'D.M.YYYY', language: 'en', write: (d) => `${d.day}.${d.month}.${d.year}` },
  { name: 'YYYY年M月D日', language: 'zh', write: (d) => `${d.year}年${d.month}月${d.day}日` },
  {
    name: '〇年M月D日 (numerals)',
    language: 'zh',
    write: (d) => `${zhDigits(d.year)}年${zhNumber(d.month)}月${zhNumber(d.day)}日`,
  },
  { name: 'YY年M月D日', language: 'zh', write: (d) => `${yy(d)}年${d.month}月${d.day}日` },
  { name: 'M月D日，YYYY年', language: 'zh', write: (d) => `${d.month}月${d.day}日，${d.year}年` },
  {
    name: 'YYYY年M月D日星期W',
    language: 'zh',
    write: (d) => `${d.year}年${d.month}月${d.day}日星期${ZH_WEEKDAYS[weekday(d)]}`,
  },
  { name: 'YYYY/M/D', language: 'zh', write: (d) => `${d.year}/${d.month}/${d.day}` },
  { name: 'YYYY年MM月DD日', language: 'zh', write: (d) => `${d.year}年${pad(d.month)}月${pad(d.day)}日` },
];

/** What the model reads: NFKC (full-width "，" → ","), lower case, surrounding spaces trimmed. */
export const normalise = (text: string): string => text.normalize('NFKC').toLowerCase().trim();

const inputChars = new Set<string>();
// every month, weekday and day number appears in the first 400 days, every digit in the years
for (let i = 0; i < DAY_COUNT; i += i < 400 ? 1 : 365) {
  for (const format of FORMATS) for (const c of normalise(format.write(dayAt(i)))) inputChars.add(c);
}
/** 0 padding, 1 unknown, then every character the formats use */
export const INPUT_VOCAB: readonly string[] = ['', '?', ...[...inputChars].sort()];
/** the characters of YYYY-MM-DD */
export const OUTPUT_VOCAB: readonly string[] = [...'0123456789-'];
/** The characters the model reads, as it reads them (the last INPUT_LENGTH positions of its input). */
export const inputCharacters = (text: string): string[] => [...normalise(text)].slice(0, INPUT_LENGTH);
const inputIndex = new Map(INPUT_VOCAB.map((c, i) => [c, i]));
const outputIndex = new Map(OUTPUT_VOCAB.map((c, i) => [c, i]));

/**
 * The input's character ids, padded with 0 on the left to INPUT_LENGTH (a longer input is cut), so
 * that the encoder's last step is the input's last character.
 */
export function encodeInput(text: string): Int32Array {
  const ids = new Int32Array(INPUT_LENGTH);
  const chars = inputCharacters(text);
  const start = INPUT_LENGTH - chars.length;
  chars.forEach((c, i) => (ids[start + i] = inputIndex.get(c) ?? 1));
  return ids;
}

export function encodeOutput(isoDate: string): Int32Array {
  return Int32Array.from([...isoDate], (c) => outputIndex.get(c) ?? 0);
}

export const decodeOutput = (ids: ArrayLike<number>): string => Array.from(ids, (i) => OUTPUT_VOCAB[i] ?? '?').join('');

/** The days of each split, as indices into the range (fixed by SPLIT_SEED, disjoint, all days used). */
export function splitDays(): Record<'train' | 'validation' | 'test', Int32Array> {
  const order = shuffledIndices(DAY_COUNT, mulberry32(SPLIT_SEED));
  return {
    test: order.slice(0, TEST_DAYS),
    validation: order.slice(TEST_DAYS, TEST_DAYS + VALIDATION_DAYS),
    train: order.slice(TEST_DAYS + VALIDATION_DAYS),
  };
}

/**
 * A batch of examples: inputs [n, length] (padded on the left to the longest in the batch, at most
 * INPUT_LENGTH), targets [n, OUTPUT_LENGTH], the texts, their ISO dates and formats (index in FORMATS).
 */
export interface DateBatch {
  inputs: Int32Array;
  length: number;
  targets: Int32Array;
  texts: string[];
  isos: string[];
  formats: Uint8Array;
}

/** The last `length` columns of [n, width] left-padded ids: the shortest padding that keeps every row. */
export function trimPadding(ids: Int32Array, n: number, width: number): { inputs: Int32Array; length: number } {
  let length = 1;
  for (let i = 0; i < n; i++)
    for (let c = 0; c < width - length; c++)
      if (ids[i * width + c] !== 0) {
        length = width - c;
        break;
      }
  if (length === width) return { inputs: ids, length };
  const inputs = new Int32Array(n * length);
  for (let i = 0; i < n; i++) inputs.set(ids.subarray(i * width + width - length, (i + 1) * width), i * length);
  return { inputs, length };
}

function batchOf(pairs: { day: Day; format: number }[]): DateBatch {
  const n = pairs.length;
  const padded = new Int32Array(n * INPUT_LENGTH);
  const targets = new Int32Array(n * OUTPUT_LENGTH);
  const texts: string[] = [];
  const isos: string[] = [];
  const formats = new Uint8Array(n);
  pairs.forEach(({ day, format }, i) => {
    const text = FORMATS[format]!.write(day);
    texts.push(text);
    isos.push(iso(day));
    formats[i] = format;
    padded.set(encodeInput(text), i * INPUT_LENGTH);
    targets.set(encodeOutput(iso(day)), i * OUTPUT_LENGTH);
  });
  return { ...trimPadding(padded, n, INPUT_LENGTH), targets, texts, isos, formats };
}

/**
 * Training examples: random training days, drawn by `seed` (the same seed, the same stream). Each
 * batch is in one format, drawn at random, so that it is only as long as that format: the encoder
 * then runs over about 14 characters on average instead of 32.
 */
export function dateStream(days: Int32Array, seed: number): (n: number) => DateBatch {
  const random = mulberry32(seed);
  return (n) => {
    const format = Math.floor(random() * FORMATS.length);
    return batchOf(
      Array.from({ length: n }, () => ({ day: dayAt(days[Math.floor(random() * days.length)]!), format })),
    );
  };
}

/**
 * A fixed evaluation set: the first `n` days of `days`, the formats taken in turn (every format
 * covered equally), ordered by format so that a slice of it is short to decode.
 */
export function evaluationSet(days: Int32Array, n: number): DateBatch {
  const count = Math.min(n, days.length);
  const pairs = Array.from({ length: count }, (_, i) => ({ day: dayAt(days[i]!), format: i % FORMATS.length }));
  return batchOf(pairs.sort((a, b) => a.format - b.format));
}

/** Rows `from` … `from + count` of a batch, with their own shortest padding. */
export function sliceBatch(batch: DateBatch, from: number, count: number): { inputs: Int32Array; length: number } {
  const w = batch.length;
  return trimPadding(batch.inputs.slice(from * w, (from + count) * w), count, w);
}
