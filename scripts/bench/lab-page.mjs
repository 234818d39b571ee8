// What the training parts of the bench share: a fresh page for one lab run that collects the
// page's errors, the pages of each kind in both locales, and reading a number off the page.

/** A number as a lab prints it ("1,024 samples/s", "98.5 %"): digits, point and sign only. */
export const number = (/** @type {unknown} */ text) => Number(String(text ?? '').replace(/[^\d.-]/g, ''));

/**
 * A new context and page (desktop size, service worker blocked) whose console errors and uncaught
 * exceptions are collected in `errors`.
 * @param {import('playwright').Browser} browser
 */
export async function labPage(browser) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, serviceWorkers: 'block' });
  const page = await context.newPage();
  /** @type {string[]} */
  const errors = [];
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  page.on('pageerror', (e) => errors.push(e.message));
  return { context, page, errors };
}

/**
 * Each page of a list in both locales (English at the root, Chinese under zh-cn/).
 * @template {{ path: string }} P
 * @param {P[]} pages
 */
export const inBothLocales = (pages) =>
  pages.flatMap((p) => [
    { ...p, locale: 'en' },
    { ...p, locale: 'zh-cn', path: `zh-cn/${p.path}` },
  ]);

/**
 * Prints rows of cells as a Markdown table, each column as wide as its widest cell; the first row
 * is the header.
 * @param {unknown[][]} table
 */
export function printTable(table) {
  const [header = [], ...rows] = table;
  const widths = header.map((_, i) => Math.max(...table.map((row) => String(row[i]).length)));
  const line = (/** @type {unknown[]} */ row) =>
    `| ${row.map((cell, i) => String(cell).padEnd(widths[i] ?? 0)).join(' | ')} |`;
  console.log(line(header));
  console.log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
  for (const row of rows) console.log(line(row));
}

/**
 * Opens `url`, scrolls the lab `id` into view and waits (up to 30 s) for its island to hydrate, as
 * a reader's scrolling would make it; returns the lab's root.
 * @param {import('playwright').Page} page
 * @param {string} url
 * @param {string} id
 */
export async function openLab(page, url, id) {
  await page.goto(url, { waitUntil: 'networkidle' });
  const lab = page.locator(`[data-lab="${id}"]`);
  await lab.scrollIntoViewIfNeeded();
  await page
    .locator(`astro-island[ssr]:has([data-lab="${id}"])`)
    .waitFor({ state: 'detached', timeout: 30_000 })
    .catch(() => {});
  return lab;
}
