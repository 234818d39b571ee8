// The "every departure from the article" appendix lists exactly the About-the-source asides the
// chapters contain, in each locale, and each chapter shows them as visible asides.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { expect, test } from '@playwright/test';
import { chapterPages, sourceFileOf } from '../src/chapters';
import { collectSourceNotes } from '../src/markdown/source-notes';

const docs = fileURLToPath(new URL('../content/docs/', import.meta.url));

for (const { prefix, label } of [
  { prefix: '', label: 'About the source' },
  { prefix: 'zh-cn/', label: '关于原文' },
]) {
  const perChapter = chapterPages().map((slug) => ({
    slug,
    notes: collectSourceNotes(readFileSync(`${docs}${prefix}${sourceFileOf(slug)}`, 'utf8')),
  }));
  const total = perChapter.reduce((sum, c) => sum + c.notes.length, 0);

  test(`appendix lists all ${total} corrections (${prefix || 'en'})`, async ({ page }) => {
    expect(total).toBeGreaterThan(10);
    await page.goto(`${prefix}about-the-source/`);
    await expect(page.locator('.source-notes li')).toHaveCount(total);
  });

  test(`chapters show their corrections as asides (${prefix || 'en'})`, async ({ page }) => {
    for (const { slug, notes } of perChapter) {
      await page.goto(`${prefix}${slug}/`);
      const asides = page.locator('aside.starlight-aside--caution', { hasText: label });
      await expect(asides, slug).toHaveCount(notes.length);
    }
  });
}

// The appendix typesets the asides' math as the chapters do: no TeX command, subscript or dollar
// sign in what a reader sees (KaTeX's MathML, read by screen readers, keeps its TeX annotation;
// code spans quote the article's TeX on purpose).
for (const prefix of ['', 'zh-cn/']) {
  test(`appendix shows math, not TeX (${prefix || 'en'})`, async ({ page }) => {
    await page.goto(`${prefix}about-the-source/`);
    const { formulas, tex } = await page.locator('.source-notes').evaluate((list) => {
      const copy = list.cloneNode(true) as HTMLElement;
      copy.querySelectorAll('.katex-mathml, code').forEach((el) => el.remove());
      const text = copy.textContent ?? '';
      return {
        formulas: list.querySelectorAll('.katex').length,
        tex: [...text.matchAll(/\\[a-zA-Z]+|[_^]\{|\$/g)].map((m) =>
          text.slice(Math.max(0, m.index - 30), m.index + 30),
        ),
      };
    });
    expect(tex, tex.join('\n')).toEqual([]);
    expect(formulas).toBeGreaterThan(30);
  });
}
