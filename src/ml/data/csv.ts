/**
 * A small CSV reader for files a reader brings (framework-free: page, worker and Node alike).
 * It takes what spreadsheets write: a UTF-8 byte-order mark, CRLF or LF line ends, commas,
 * semicolons or tabs (guessed from the first line, outside quotes), and double-quoted fields
 * with "" escapes and line breaks inside them (RFC 4180). Every row keeps the 1-based line of
 * the file it starts on, so a problem can name the line a reader sees in their editor.
 */

export type CsvDelimiter = ',' | ';' | '\t';

export interface CsvRow {
  /** 1-based line where the row starts */
  line: number;
  fields: string[];
}

export interface Csv {
  delimiter: CsvDelimiter;
  /** every non-blank row, the header (if any) included */
  rows: CsvRow[];
}

export class CsvError extends Error {
  override name = 'CsvError';
  constructor(
    readonly problem: 'unclosed-quote',
    readonly line: number,
  ) {
    super(`CSV: a quote opened on line ${line} is never closed`);
  }
}

/** The delimiter of the first line: the most frequent of , ; and tab outside quotes (comma on a tie). */
export function guessDelimiter(text: string): CsvDelimiter {
  const counts: Record<CsvDelimiter, number> = { ',': 0, ';': 0, '\t': 0 };
  let quoted = false;
  for (const c of text) {
    if (c === '"') quoted = !quoted;
    else if (!quoted && (c === '\n' || c === '\r')) break;
    else if (!quoted && (c === ',' || c === ';' || c === '\t')) counts[c] += 1;
  }
  return (Object.keys(counts) as CsvDelimiter[]).reduce((best, d) => (counts[d] > counts[best] ? d : best), ',');
}

/**
 * Parses CSV text into rows of fields. Blank lines are left out (their line numbers still count).
 * @throws CsvError when a quoted field is never closed
 */
export function parseCsv(input: string, delimiter: CsvDelimiter = guessDelimiter(input.replace(/^\uFEFF/, ''))): Csv {
  const text = input.replace(/^\uFEFF/, '');
  const rows: CsvRow[] = [];
  let fields: string[] = [];
  let field = '';
  let quoted = false;
  let line = 1;
  let rowLine = 1;
  let quoteLine = 0;
  const endRow = () => {
    fields.push(field);
    if (fields.length > 1 || fields[0]!.trim() !== '') rows.push({ line: rowLine, fields });
    fields = [];
    field = '';
  };
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else {
        if (c === '\n') line++;
        field += c;
      }
    } else if (c === '"') {
      quoted = true;
      quoteLine = line;
    } else if (c === delimiter) {
      fields.push(field);
      field = '';
    } else if (c === '\r' || c === '\n') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      endRow();
      line++;
      rowLine = line;
    } else field += c;
  }
  if (quoted) throw new CsvError('unclosed-quote', quoteLine);
  if (field !== '' || fields.length > 0) endRow();
  return { delimiter, rows };
}

/** A decimal number as a spreadsheet writes it ("1.5", "-2", "3e4", " 7 "); NaN for anything else. */
export function parseNumber(text: string): number {
  const s = text.trim();
  return /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(s) ? Number(s) : NaN;
}
