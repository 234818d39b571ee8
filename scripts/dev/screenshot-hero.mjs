// `node scripts/dev/screenshot-hero.mjs`: the home page's picture of what is inside the book. Trains the
// 2-D GAN lab of the built book (run `npm run build` first) in each locale, photographs the finished
// lab (light theme, 1280 px wide) and writes it, scaled down, as WebP to src/assets/home-lab-<locale>.webp.
import sharp from 'sharp';
import { chromium } from 'playwright';
import { CHROMIUM_ARGS, ensureChromium } from './chromium.mjs';
import { serve } from './serve.mjs';

const LOCALES = [
  { prefix: '', train: 'Train', out: 'src/assets/home-lab-en.webp' },
  { prefix: 'zh-cn/', train: '训练', out: 'src/assets/home-lab-zh-cn.webp' },
];
const path = process.argv[2] || 'math/';
const server = await serve({ dir: process.env.OUT_DIR || 'dist', base: '/', port: 0 });
const browser = await chromium.launch({ executablePath: ensureChromium(), args: CHROMIUM_ARGS });
try {
  for (const { prefix, train, out } of LOCALES) {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 }, deviceScaleFactor: 1 });
    await page.addInitScript(() => localStorage.setItem('starlight-theme', 'light'));
    await page.goto(new URL(`${prefix}${path}?lab-backend=wasm`, server.url).href, { waitUntil: 'load' });
    const lab = page.locator('[data-lab="gan-2d"]');
    await lab.scrollIntoViewIfNeeded();
    await page.waitForFunction(() => !document.querySelector('astro-island[ssr] [data-lab="gan-2d"]'), null, {
      timeout: 60_000,
    });
    await lab.getByRole('button', { name: train, exact: true }).click();
    await page.waitForFunction(
      () => document.querySelector('[data-lab="gan-2d"]')?.getAttribute('data-state') === 'done',
      null,
      {
        timeout: 300_000,
        polling: 500,
      },
    );
    await page.waitForTimeout(500);
    // the plane, its readout and the two charts: the part of the lab that shows what it learned
    await page.addStyleTag({ content: 'header.header { display: none !important; }' });
    const top = await lab.locator('.stage').boundingBox();
    const charts = await lab.locator('.charts').boundingBox();
    if (!top || !charts) throw new Error('the lab has no plane or charts to photograph');
    const png = await page.screenshot({
      fullPage: true,
      clip: {
        x: Math.min(top.x, charts.x) - 8,
        y: top.y + (await page.evaluate(() => window.scrollY)) - 8,
        width: Math.max(top.width, charts.width) + 16,
        height: charts.y + charts.height - top.y + 16,
      },
    });
    await sharp(png).resize({ width: 720, withoutEnlargement: true }).webp({ quality: 72 }).toFile(out);
    console.log(`wrote ${out}`);
    await page.close();
  }
} finally {
  await browser.close();
  await server.close();
}
