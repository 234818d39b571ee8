// The Outlook chapter's federated-averaging lab in both locales, on the WASM backend with tiny
// shards (200 examples for 10 clients, 2 rounds): a refused field gets its inline message and
// trains nothing; a label-skewed run goes to done with both curves, the bytes and the clients'
// table; Reset clears it and the worker's tensor count is back at its baseline; no console error,
// no off-site request, and axe finds nothing serious in the lab.
import { expect, test } from '@playwright/test';
import { axeProblems, openLab } from './book';

test.describe.configure({ mode: 'serial' });

for (const { prefix, train, reset, clientsError } of [
  { prefix: '', train: 'Train', reset: 'Reset', clientsError: /Clients K/ },
  { prefix: 'zh-cn/', train: '训练', reset: '重置', clientsError: /客户端数 K/ },
]) {
  test(`federated averaging (${prefix || 'en'}): two rounds on skewed shards, done, reset to the baseline`, async ({
    page,
  }) => {
    test.setTimeout(120_000);
    const { seen, lab } = await openLab(page, `${prefix}outlook/?lab-backend=wasm`, 'federated');
    await expect(lab).toHaveAttribute('data-state', 'idle');
    const field = (name: string) => lab.locator(`input[name="${name}"]`);

    // a refused value: an inline message, and nothing starts
    await field('clients').fill('4');
    await lab.getByRole('button', { name: train, exact: true }).click();
    await expect(field('clients')).toHaveAttribute('aria-invalid', 'true');
    await expect(field('clients')).toHaveAccessibleDescription(clientsError);
    await expect(lab).toHaveAttribute('data-state', 'idle');

    await field('clients').fill('10');
    await lab.locator('select[name="split"]').selectOption('dirichlet');
    await field('alpha').fill('0.1');
    await field('examples').fill('200');
    await field('rounds').fill('2');
    await field('batchSize').fill('10');
    await lab.getByRole('button', { name: train, exact: true }).click();
    await expect(lab).toHaveAttribute('data-state', 'done', { timeout: 90_000 });

    // both curves, the bytes of 2 rounds × 5 clients, and what each client holds (skewed: well above 10 %)
    await expect(lab.locator('polyline.federated')).toHaveCount(1);
    await expect(lab.locator('polyline.central')).toHaveCount(1);
    const readout = lab.locator('[data-bytes]');
    await expect(readout).toHaveAttribute('data-bytes', String(50_890 * 4 * 5 * 2 * 2));
    expect(Number(await readout.getAttribute('data-federated-acc'))).toBeGreaterThan(0);
    const clients = lab.locator('table.clients');
    await expect(clients.locator('tbody tr')).toHaveCount(10);
    expect(Number(await clients.getAttribute('data-skew'))).toBeGreaterThan(0.3);

    expect(await axeProblems(page, '[data-lab="federated"]')).toEqual([]);

    await lab.getByRole('button', { name: reset, exact: true }).click();
    await expect(lab).toHaveAttribute('data-state', 'idle');
    await expect(clients).toHaveCount(0);
    const baseline = (await lab.getAttribute('data-tensors-baseline'))!;
    await expect(lab).toHaveAttribute('data-tensors', baseline);
    expect(seen.errors).toEqual([]);
    expect(seen.offsite).toEqual([]);
  });
}
