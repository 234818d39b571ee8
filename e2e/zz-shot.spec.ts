import { test } from '@playwright/test';
import { hydratedLab } from './book';
for (const [w, scheme] of [[360, 'dark'], [1280, 'light']] as const) {
  test(`shot ${w}`, async ({ page }) => {
    await page.setViewportSize({ width: w, height: 900 });
    await page.emulateMedia({ colorScheme: scheme, reducedMotion: 'reduce' });
    const t0 = Date.now();
    await page.goto('math/derivations/');
    const lab = await hydratedLab(page, 'optim-paths');
    console.log('load', Date.now() - t0);
    await lab.getByRole('button', { name: 'Run', exact: true }).click();
    await lab.screenshot({ path: `/tmp/paths-shots/q-${w}.png` });
    await lab.locator('select').first().selectOption('rosenbrock');
    for (const id of ['nesterov', 'rmsprop']) await lab.locator(`input[name="${id}"]`).check();
    await lab.getByRole('button', { name: 'Run', exact: true }).click();
    await lab.screenshot({ path: `/tmp/paths-shots/r-${w}.png` });
    await lab.locator('select').first().selectOption('saddle');
    await lab.getByRole('button', { name: 'Run', exact: true }).click();
    await lab.screenshot({ path: `/tmp/paths-shots/s-${w}.png` });
    const sw = await page.evaluate(() => document.documentElement.scrollWidth);
    console.log('scrollWidth', sw);
  });
}
