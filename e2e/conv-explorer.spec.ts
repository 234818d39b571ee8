// The convolution explorable in the math chapter: keyboard alone moves between output cells, the
// sum is written out for the chosen cell, stride and padding change the output size as (4.15)
// says, max pooling picks the window's largest value, Run walks every cell, and bad input gets a
// message.
import { expect, test } from '@playwright/test';
import { axeProblems, guard, hydratedLab } from './book';

for (const { prefix, run } of [
  { prefix: '', run: 'Run' },
  { prefix: 'zh-cn/', run: '运行' },
]) {
  test(`convolution by touch works with the keyboard (${prefix || 'en'})`, async ({ page }) => {
    const seen = guard(page);
    await page.goto(`${prefix}math/models/`);
    const lab = await hydratedLab(page, 'cnn-conv-step');
    await expect(lab).toHaveAttribute('data-state', 'idle');

    // 6×6 input, 3×3 kernel, stride 1, no padding: a 4×4 output
    const cells = lab.getByRole('gridcell');
    await expect(cells).toHaveCount(16);
    await expect(cells.first()).toHaveAttribute('aria-selected', 'true');
    // the default kernel finds the left edge of the bright bar: (3 + 1 + 1) − (9 + 9 + 9)
    await expect(cells.first()).toHaveText('-22');

    await cells.first().focus();
    await page.keyboard.press('ArrowRight');
    await expect(cells.nth(1)).toBeFocused();
    await expect(cells.nth(1)).toHaveAttribute('aria-selected', 'true');
    await page.keyboard.press('ArrowDown');
    await expect(cells.nth(5)).toBeFocused();
    await page.keyboard.press('End');
    await expect(cells.nth(15)).toBeFocused();
    // the written-out sum ends with the chosen cell's value
    const value = (await cells.nth(15).textContent())!.trim();
    await expect(lab.locator('.sum .result').last()).toHaveText(value);

    // stride 2, padding 1: ⌊(6 + 2 − 3)/2⌋ + 1 = 3
    await lab.getByRole('combobox').nth(1).selectOption('2');
    await lab.getByRole('combobox').nth(2).selectOption('1');
    await expect(cells).toHaveCount(9);
    await expect(lab.locator('.formula mn').last()).toHaveText('3');

    // editing the input changes the output; nonsense is refused with a message
    const input = lab.locator('input').first();
    await input.fill('abc');
    await input.press('Tab');
    await expect(lab.getByRole('alert')).toBeVisible();

    // max pooling: 2×2 windows, stride 2 → 3×3
    await lab.getByRole('combobox').first().selectOption('pool');
    await lab.getByRole('combobox').nth(1).selectOption('2');
    await expect(cells).toHaveCount(9);

    // Run visits every cell and ends done
    await lab.getByRole('button', { name: run }).click();
    await expect(lab).toHaveAttribute('data-state', 'training');
    await expect(lab).toHaveAttribute('data-state', 'done', { timeout: 20_000 });
    await expect(cells.nth(8)).toHaveAttribute('aria-selected', 'true');

    expect(await axeProblems(page, '[data-lab="cnn-conv-step"]')).toEqual([]);
    expect(seen.errors).toEqual([]);
  });
}
