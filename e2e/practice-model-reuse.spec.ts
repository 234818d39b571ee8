// "Use my Practice-chapter model": a CNN trained in the Practice chapter's lab and saved in this
// browser (IndexedDB) is the model the Outlook's compression and transfer labs start from. A tiny
// Practice run (2,000 MNIST images, one epoch) is saved, then the Outlook page in the same browser
// context quantises it and reuses it for Fashion-MNIST; each lab says it used the reader's model,
// fills its tables, and Reset brings its worker's tensors back to their baseline. No console error,
// no off-site request.
import { expect, test } from '@playwright/test';
import { hydratedLab, openLab } from './book';

const TINY_OUTLOOK =
  'outlook/?lab-backend=wasm&lab-test-limit=100&lab-calibration=50&lab-fine-tune=3&lab-min-steps=2&lab-counts=20,50,100';

test('the Outlook labs reuse the model saved in the Practice chapter', async ({ page }) => {
  test.setTimeout(300_000);
  const practice = await openLab(page, 'practice/?lab-backend=wasm', 'cnn-practice');
  await practice.lab.locator('select[name="examples"]').selectOption('2000');
  await practice.lab.getByRole('button', { name: 'Train', exact: true }).click();
  await expect(practice.lab).toHaveAttribute('data-state', 'done', { timeout: 120_000 });
  await practice.lab.getByRole('button', { name: 'Save in this browser' }).click();
  await expect(practice.lab.getByRole('status')).toContainText('Saved in this browser');
  expect(practice.seen.errors).toEqual([]);

  const quantize = await openLab(page, TINY_OUTLOOK, 'quantize');
  await quantize.lab.getByRole('button', { name: 'Use my Practice-chapter model' }).click();
  await expect(quantize.lab).toHaveAttribute('data-state', 'done', { timeout: 120_000 });
  await expect(quantize.lab.locator('p.source')).toContainText('your Practice-chapter model');
  await expect(quantize.lab.locator('table.compress-summary tbody tr')).toHaveCount(3);
  // the saved model was trained: far above chance (10 %) before and after int8
  for (const row of ['float32', 'channel']) {
    const acc = parseFloat((await quantize.lab.locator(`tr[data-row="${row}"] td.acc`).textContent())!);
    expect(acc).toBeGreaterThan(50);
  }
  const quantizeBaseline = (await quantize.lab.getAttribute('data-tensors-baseline'))!;
  await quantize.lab.getByRole('button', { name: 'Reset', exact: true }).click();
  await expect(quantize.lab).toHaveAttribute('data-tensors', quantizeBaseline);

  const transfer = await hydratedLab(page, 'transfer');
  await expect(transfer).toHaveAttribute('data-state', 'idle');
  await transfer.getByRole('button', { name: 'Use my Practice-chapter model' }).click();
  await expect(transfer).toHaveAttribute('data-state', 'done', { timeout: 150_000 });
  await expect(transfer.locator('p.source')).toContainText('your Practice-chapter model');
  await expect(transfer.locator('table.transfer-table tbody tr')).toHaveCount(3);
  await expect(transfer.locator('figure.filters canvas')).toHaveCount(2);
  const transferBaseline = (await transfer.getAttribute('data-tensors-baseline'))!;
  await transfer.getByRole('button', { name: 'Reset', exact: true }).click();
  await expect(transfer).toHaveAttribute('data-tensors', transferBaseline);

  expect(quantize.seen.errors).toEqual([]);
  expect(quantize.seen.offsite).toEqual([]);
});
