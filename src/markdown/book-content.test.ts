// The book itself passes the content check: every chapter in both locales with the same
// skeleton, every internal link resolving, every equation typesetting in KaTeX strict mode.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { APPENDICES, chapterPages, LOCALE_DIRS, sourceFileOf } from '../chapters';
import { checkBook } from './content-check';

const docsDir = fileURLToPath(new URL('../../content/docs/', import.meta.url));
const locales = Object.values(LOCALE_DIRS).filter(Boolean);

describe('the book', () => {
  const report = checkBook(docsDir, locales);

  it('has every chapter page and the home page in every locale', () => {
    for (const dir of Object.values(LOCALE_DIRS)) {
      for (const slug of ['index', ...chapterPages(), ...APPENDICES]) {
        const file = `${docsDir}${dir ? `${dir}/` : ''}${sourceFileOf(slug)}`;
        expect(existsSync(file), `missing ${file}`).toBe(true);
      }
    }
  });

  it('passes the structure, link and equation checks', () => {
    expect(report.problems).toEqual([]);
  });

  it('gives every page a title', () => {
    for (const page of report.pages.values()) expect(page.title, page.file).toBeTruthy();
  });
});
