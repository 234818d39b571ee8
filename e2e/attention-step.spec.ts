// The attention explorer of §4.4: edit a number of Q by keyboard and every output cell becomes the
// reference computed by the same arithmetic (itself tested against TensorFlow.js's ops); the causal
// mask and the √d_k scaling switched by keyboard change the weights as (4.72) and (4.68) say;
// nonsense is refused with a message; the written-out row follows the chosen query. Both locales,
// no console error, no request off the site, axe clean on the island.
import { expect, test, type Locator } from '@playwright/test';
import { fixed, minus } from '../src/components/explorers/numbers';
import { attention, EXAMPLE, type Grid } from '../src/ml/explain/attention-step';
import { attn } from '../src/i18n/attn';
import { axeProblems, guard, hydratedLab } from './book';

const written = (x: number) => (x === -Infinity ? '−∞' : minus(fixed(x, 2)));

/** The texts of a read-only matrix of the explorer, row by row. */
async function matrix(lab: Locator, name: string): Promise<string[][]> {
  return lab
    .locator(`[data-matrix="${name}"] tbody tr`)
    .evaluateAll((rows) => rows.map((r) => [...r.querySelectorAll('td .value')].map((v) => v.textContent!.trim())));
}
const expected = (grid: Grid) => grid.map((row) => row.map(written));

for (const { prefix, s } of [
  { prefix: '', s: attn.en },
  { prefix: 'zh-cn/', s: attn['zh-cn'] },
]) {
  test(`one attention head, edited by keyboard, equals the reference (${prefix || 'en'})`, async ({ page }) => {
    const seen = guard(page);
    await page.goto(`${prefix}math/attention/`);
    const lab = await hydratedLab(page, 'attention-step');
    await expect(lab).toHaveAttribute('data-state', 'idle');
    const q = EXAMPLE.q.map((r) => [...r]);
    expect(await matrix(lab, 'output')).toEqual(expected(attention(q, EXAMPLE.k, EXAMPLE.v).output));

    // Q of the second token, first column: 0 → 3, typed and committed by keyboard
    const [token] = s['attnStep.tokens'].split(',').slice(1);
    const cell = lab.getByRole('textbox', {
      name: s['attnStep.cell'].replace('{matrix}', s['attnStep.q']).replace('{token}', token!).replace('{col}', '1'),
    });
    await cell.focus();
    await page.keyboard.press('ControlOrMeta+a');
    await page.keyboard.type('3');
    await page.keyboard.press('Tab');
    q[1]![0] = 3;
    const edited = attention(q, EXAMPLE.k, EXAMPLE.v);
    await expect.poll(() => matrix(lab, 'output')).toEqual(expected(edited.output));
    expect(await matrix(lab, 'scores')).toEqual(expected(edited.scores));
    expect(await matrix(lab, 'weights')).toEqual(expected(edited.weights));
    // the chosen query (the second token) is written out: its weights, then its output
    await expect(lab.locator('.row-sum strong')).toHaveText(edited.weights[1]!.map((w) => fixed(w, 2)));
    await expect(lab.locator('.row-sum .output')).toContainText(edited.output[1]!.map(written).join(', '));

    // the causal mask, by keyboard: −∞ above the diagonal, weights 0 there
    await lab.getByRole('checkbox', { name: s['attnStep.causal'] }).focus();
    await page.keyboard.press('Space');
    const masked = attention(q, EXAMPLE.k, EXAMPLE.v, { causal: true });
    await expect.poll(() => matrix(lab, 'weights')).toEqual(expected(masked.weights));
    expect((await matrix(lab, 'scaled'))[0]!.slice(1)).toEqual(['−∞', '−∞', '−∞']);
    expect(await matrix(lab, 'output')).toEqual(expected(masked.output));
    // without the scaling, sharper rows
    await lab.getByRole('checkbox', { name: s['attnStep.scale'] }).press('Space');
    const raw = attention(q, EXAMPLE.k, EXAMPLE.v, { causal: true, scale: false });
    await expect.poll(() => matrix(lab, 'weights')).toEqual(expected(raw.weights));

    // nonsense is refused: a message, the cell marked, the numbers unchanged; a good value clears it
    await cell.fill('abc');
    await cell.press('Tab');
    await expect(lab.getByRole('alert')).toBeVisible();
    await expect(cell).toHaveAttribute('aria-invalid', 'true');
    expect(await matrix(lab, 'weights')).toEqual(expected(raw.weights));
    await cell.fill('3');
    await cell.press('Tab');
    await expect(lab.getByRole('alert')).toHaveCount(0);

    // Reset brings the example back
    await lab.getByRole('button', { name: s['attnStep.reset'] }).click();
    await expect.poll(() => matrix(lab, 'output')).toEqual(expected(attention(EXAMPLE.q, EXAMPLE.k, EXAMPLE.v).output));

    if (!prefix) expect(await axeProblems(page, '[data-lab="attention-step"]')).toEqual([]);
    expect(seen.errors).toEqual([]);
    expect(seen.offsite).toEqual([]);
  });
}
