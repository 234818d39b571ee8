// The compression lab (Outlook, "Model compression and optimisation") in both locales, on the WASM
// backend with a tiny run: 256 training images, one epoch, 100 test images, 50 calibration images
// and 3 fine-tuning batches. It trains to done, shows the size and accuracy of float32 and the two
// int8 versions, the per-layer errors, the histogram and the pruning table; Reset brings the
// worker's tensors back to their baseline. Without a saved Practice model, "Use my Practice-chapter
// model" says so. No console error, no off-site request, no serious axe problem in the lab.
import { expect, test } from '@playwright/test';
import { axeProblems, openLab } from './book';

test.describe.configure({ mode: 'serial' });
const TINY = '?lab-backend=wasm&lab-test-limit=100&lab-calibration=50&lab-fine-tune=3';

for (const { prefix, train, reset, useSaved, float, noModel } of [
  {
    prefix: '',
    train: 'Train',
    reset: 'Reset',
    useSaved: 'Use my Practice-chapter model',
    float: 'float32 (as trained)',
    noModel: 'No model is saved in this browser yet',
  },
  {
    prefix: 'zh-cn/',
    train: '训练',
    reset: '重置',
    useSaved: '使用我在“实践”一章训练的模型',
    float: 'float32（训练所得）',
    noModel: '本浏览器里还没有保存的模型',
  },
]) {
  test(`compression lab (${prefix || 'en'}): a tiny run quantises and prunes, then resets to the baseline`, async ({
    page,
  }) => {
    test.setTimeout(150_000);
    const { seen, lab } = await openLab(page, `${prefix}outlook/${TINY}`, 'quantize');
    await expect(lab).toHaveAttribute('data-state', 'idle');
    // nothing saved in this fresh browser: the lab says so, in the page's language, and stays usable
    await lab.getByRole('button', { name: useSaved }).click();
    await expect(lab).toHaveAttribute('data-state', 'error', { timeout: 60_000 });
    await expect(lab).toContainText(noModel);
    await lab.locator('select[name="examples"]').selectOption('256');
    await lab.getByRole('button', { name: train, exact: true }).click();
    await expect(lab).toHaveAttribute('data-state', 'done', { timeout: 120_000 });
    const summary = lab.locator('table.compress-summary');
    await expect(summary.locator('tbody tr')).toHaveCount(3);
    await expect(summary.locator('tbody tr').first().locator('th')).toHaveText(float);
    // int8 weights: about a quarter of the float32 bytes
    const ratio = Number((await summary.locator('tr[data-row="channel"] td').nth(1).textContent())!.replace('×', ''));
    expect(ratio).toBeGreaterThan(3.5);
    for (const row of ['float32', 'tensor', 'channel']) {
      const acc = parseFloat((await summary.locator(`tr[data-row="${row}"] td.acc`).textContent())!);
      expect(acc).toBeGreaterThan(30);
    }
    await expect(lab.locator('table.compress-layers tbody tr')).toHaveCount(4);
    await expect(lab.locator('.weight-histogram rect.bar')).toHaveCount(61);
    await expect(lab.locator('table.compress-prune tbody tr')).toHaveCount(3);
    if (!prefix) expect(await axeProblems(page, '[data-lab="quantize"]')).toEqual([]);
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
