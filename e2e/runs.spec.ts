// Kept runs and downloads, end to end in the browser: in the Practice CNN (a LabPanel lab, on
// WASM with 256 examples) two short runs are kept, found in the chart's table, found again after a
// reload, and one is removed; the table downloads as CSV equal to the table, the loss chart as a
// self-contained SVG, the run as a JSON log. In the 2-D GAN (its own charts) a short run is kept
// and its table's CSV downloads too. No console error, no request off the site.
import { readFile } from 'node:fs/promises';
import { expect, test, type Download, type Locator, type Page } from '@playwright/test';
import { axeProblems, hydratedLab, openLab } from './book';

// one training at a time: two at once starve a 2-core machine
test.describe.configure({ mode: 'serial' });

/** A CSV (RFC 4180) as rows of fields, without the byte-order mark. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  const body = text.replace(/^\uFEFF/, '');
  for (let i = 0; i < body.length; i += 1) {
    const c = body[i]!;
    if (quoted) {
      if (c === '"' && body[i + 1] === '"') {
        field += '"';
        i += 1;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else if (c !== '\r') field += c;
  }
  return rows;
}

/** The header and the cells of the table behind a disclosure, as shown. */
const tableOf = (details: Locator) =>
  details
    .locator('table')
    .evaluate((table) =>
      [...table.querySelectorAll('tr')].map((tr) => [...tr.querySelectorAll('th, td')].map((c) => c.textContent ?? '')),
    );

async function download(page: Page, button: Locator): Promise<{ file: Download; text: string }> {
  const [file] = await Promise.all([page.waitForEvent('download'), button.click()]);
  return { file, text: await readFile((await file.path())!, 'utf8') };
}

test('Practice CNN: keep two runs, find them after a reload, remove one; CSV, SVG and run log', async ({ page }) => {
  test.setTimeout(150_000);
  const { seen, lab } = await openLab(page, 'practice/?lab-backend=wasm', 'cnn-practice');
  await lab.locator('select[name="examples"]').selectOption('256');
  await lab.locator('input[name="batchSize"]').fill('64');
  await lab.locator('input[name="epochs"]').fill('1');
  const keep = lab.getByRole('button', { name: 'Keep this run' });
  await expect(keep).toBeDisabled();
  for (const [i, optimizer] of ['adam', 'sgd'].entries()) {
    await lab.locator('select[name="optimizer"]').selectOption(optimizer);
    await lab.getByRole('button', { name: 'Train', exact: true }).click();
    // the click began a new run (a 'done' seen now would be the last run's)
    await expect(lab, `run ${i + 1} began`).not.toHaveAttribute('data-state', 'done');
    await expect(lab).toHaveAttribute('data-state', 'done', { timeout: 90_000 });
    await expect(keep, `run ${i + 1} can be kept`).toBeEnabled();
    await keep.click();
    await expect(lab.locator('.keep-runs')).toHaveAttribute('data-kept', String(i + 1));
    await expect(keep).toBeDisabled(); // a run is kept once
  }
  // both kept runs in the legend and the table, named by the setting that differs
  const legend = lab.locator('figure.line-chart').first().locator('.legend');
  await expect(legend).toContainText('kept 1: Optimizer adam');
  await expect(legend).toContainText('kept 2: Optimizer sgd');
  await expect(lab.locator('polyline.kept')).toHaveCount(4); // loss and accuracy of each
  const numbers = lab.locator('details.data').first();
  await numbers.locator('summary').click();
  // the kept runs' list, buttons and table are accessible too
  expect(await axeProblems(page, '[data-lab="cnn-practice"]')).toEqual([]);
  const header = (await tableOf(numbers))[0]!;
  expect(header).toContain('kept 1: Optimizer adam · Test accuracy');
  expect(header).toContain('kept 2: Optimizer sgd · Test loss');

  // the CSV is the table, header row first
  const csv = await download(page, lab.getByRole('button', { name: /as CSV$/ }).first());
  expect(csv.file.suggestedFilename()).toMatch(/^cnn-practice-.*\.csv$/);
  expect(parseCsv(csv.text)).toEqual(await tableOf(numbers));

  // the SVG stands alone: the theme's colours resolved, the kept curves dashed
  const svg = await download(page, lab.getByRole('button', { name: /^Download the chart “Loss” as SVG$/ }));
  expect(svg.text).toMatch(/^<svg[^>]+xmlns="http:\/\/www.w3.org\/2000\/svg"/);
  expect(svg.text).toContain('<title>Loss</title>');
  expect(svg.text).not.toContain('var(--');
  // well-formed XML, as a standalone file must be
  expect(
    await page.evaluate(
      (text) => new DOMParser().parseFromString(text, 'image/svg+xml').querySelector('parsererror') === null,
      svg.text,
    ),
  ).toBe(true);
  expect(svg.text.match(/<polyline[^>]*stroke-dasharray:\s*\d/g)?.length).toBeGreaterThanOrEqual(2);

  // the PNG is drawn from that SVG on a canvas (blob: images are allowed by the pages' policy)
  const [png] = await Promise.all([
    page.waitForEvent('download'),
    lab.getByRole('button', { name: 'Download the picture “Loss” as PNG' }).click(),
  ]);
  const bytes = await readFile((await png.path())!);
  expect([...bytes.subarray(0, 4)]).toEqual([0x89, 0x50, 0x4e, 0x47]);
  expect(bytes.length).toBeGreaterThan(2000);

  // the run log: this run's settings, metrics, curve, backend and speed
  const log = JSON.parse(
    (await download(page, lab.getByRole('button', { name: 'Download the run log (JSON)' }))).text,
  ) as Record<string, unknown> & { settings: Record<string, unknown>; epochs: unknown[]; curves: { loss: unknown[] } };
  expect(log).toMatchObject({ format: 'deep-learning-book/run-log', version: 1, lab: 'cnn-practice', backend: 'wasm' });
  expect(log.settings).toMatchObject({ optimizer: 'sgd', batchSize: 64, epochs: 1 });
  expect(log.epochs).toHaveLength(1);
  expect(log.curves.loss.length).toBeGreaterThan(0);
  expect(log.samplesPerSec).toBeGreaterThan(0);
  expect(Date.parse(log.date as string)).not.toBeNaN();

  // after a reload both are back, before any training; removing one leaves the other
  await page.reload();
  await hydratedLab(page, 'cnn-practice');
  await expect(lab.locator('.keep-runs')).toHaveAttribute('data-kept', '2');
  await expect(lab.locator('figure.line-chart').first().locator('.legend')).toContainText('kept 2: Optimizer sgd');
  await lab.getByRole('button', { name: 'Remove kept run 1' }).click();
  await expect(lab.locator('.keep-runs')).toHaveAttribute('data-kept', '1');
  await expect(lab.locator('[data-kept-run]')).toContainText('Optimizer sgd');
  await page.reload();
  await hydratedLab(page, 'cnn-practice');
  await expect(lab.locator('.keep-runs')).toHaveAttribute('data-kept', '1');
  expect(seen.errors).toEqual([]);
  expect(seen.offsite).toEqual([]);
});

test('2-D GAN: a short run is kept and its table downloads as CSV (zh-cn)', async ({ page }) => {
  test.setTimeout(60_000);
  const { seen, lab } = await openLab(page, 'zh-cn/math/derivations/?lab-backend=wasm', 'gan-2d');
  await lab.locator('input[name="iterations"]').fill('30');
  await lab.locator('select[name="pace"]').selectOption('fast');
  await lab.getByRole('button', { name: '训练' }).click();
  await expect(lab).toHaveAttribute('data-state', 'done', { timeout: 45_000 });
  await lab.getByRole('button', { name: '保留此次运行' }).click();
  await expect(lab.locator('.keep-runs')).toHaveAttribute('data-kept', '1');
  await expect(lab.locator('polyline.kept')).toHaveCount(4);
  const numbers = lab.locator('details.data').last();
  await numbers.locator('summary').click();
  const table = await tableOf(numbers);
  expect(table[0]!.some((h) => h.includes('保留 1'))).toBe(true);
  const csv = await download(page, lab.getByRole('button', { name: /下载为 CSV$/ }).last());
  expect(parseCsv(csv.text)).toEqual(table);
  expect(seen.errors).toEqual([]);
  expect(seen.offsite).toEqual([]);
});
