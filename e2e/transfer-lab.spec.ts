// The transfer-learning lab (Outlook, "Transfer and adaptive learning") in both locales, on the WASM
// backend with a tiny run: the source CNN trained on 256 MNIST images, then 20, 50 and 100 labelled
// Fashion-MNIST examples for each strategy (at least 2 batches each), scored on 100 test images. It
// trains to done, fills the chart, the 3 × 3 table and both filter pictures; Reset brings the worker's
// tensors back to their baseline. Without a saved Practice model, "Use my Practice-chapter model"
// says so. No console error, no off-site request, no serious axe problem in the lab.
import { expect, test } from '@playwright/test';
import { axeProblems, openLab } from './book';

test.describe.configure({ mode: 'serial' });
const TINY = '?lab-backend=wasm&lab-source=256&lab-test-limit=100&lab-min-steps=2&lab-counts=20,50,100';

for (const { prefix, train, reset, useSaved, frozen } of [
  { prefix: '', train: 'Train', reset: 'Reset', useSaved: 'Use my Practice-chapter model', frozen: 'Frozen base' },
  { prefix: 'zh-cn/', train: '训练', reset: '重置', useSaved: '使用我在“实践”一章训练的模型', frozen: '冻结卷积基座' },
]) {
  test(`transfer lab (${prefix || 'en'}): a tiny run fills the chart, table and filters, then resets to the baseline`, async ({
    page,
  }) => {
    test.setTimeout(150_000);
    const { seen, lab } = await openLab(page, `${prefix}outlook/${TINY}`, 'transfer');
    await expect(lab).toHaveAttribute('data-state', 'idle');
    if (!prefix) {
      // nothing saved in this fresh browser: the lab says so and stays usable
      await lab.getByRole('button', { name: useSaved }).click();
      await expect(lab).toHaveAttribute('data-state', 'error', { timeout: 60_000 });
      await expect(lab).toContainText('No model is saved in this browser yet');
    }
    await lab.getByRole('button', { name: train, exact: true }).click();
    await expect(lab).toHaveAttribute('data-state', 'done', { timeout: 120_000 });
    const table = lab.locator('table.transfer-table');
    await expect(table.locator('tbody tr')).toHaveCount(3);
    await expect(table.locator('tbody tr').first().locator('th')).toContainText(frozen);
    for (const row of await table.locator('tbody tr').all()) {
      const cells = await row.locator('td').allTextContents();
      expect(cells).toHaveLength(3);
      // every cell finished: an accuracy in percent and a time
      for (const cell of cells) expect(cell).toMatch(/\d.*%.*\d/);
    }
    await expect(lab.locator('.transfer-chart polyline')).toHaveCount(3);
    await expect(lab.locator('figure.filters canvas')).toHaveCount(2);
    await expect(lab.locator('p.source')).toContainText('MNIST');
    if (!prefix) expect(await axeProblems(page, '[data-lab="transfer"]')).toEqual([]);
    const baseline = (await lab.getAttribute('data-tensors-baseline'))!;
    expect(baseline).toMatch(/^\d+$/);
    await lab.getByRole('button', { name: reset, exact: true }).click();
    await expect(lab).toHaveAttribute('data-state', 'idle');
    await expect(lab).toHaveAttribute('data-tensors', baseline);
    await expect(lab.locator('table')).toHaveCount(0);
    expect(seen.errors).toEqual([]);
    expect(seen.offsite).toEqual([]);
  });
}
