// `node scripts/dev/screenshot.mjs [path] [out.png]`: photographs a page of the built book (light
// theme, 1280×800) for the README (.github/screenshot.png). Run `npm run build` first.
import { chromium } from 'playwright';
import { CHROMIUM_ARGS, ensureChromium } from './chromium.mjs';
import { serve } from './serve.mjs';

const [path = 'core-concepts/', out = '.github/screenshot.png', theme = 'light', width = '1280'] =
  process.argv.slice(2);
const server = await serve({ dir: process.env.OUT_DIR || 'dist', base: '/', port: 0 });
const browser = await chromium.launch({ executablePath: ensureChromium(), args: CHROMIUM_ARGS });
try {
  const page = await browser.newPage({ viewport: { width: Number(width), height: 800 } });
  await page.addInitScript((t) => localStorage.setItem('starlight-theme', t), theme);
  await page.goto(new URL(path, server.url).href, { waitUntil: 'networkidle' });
  await page.screenshot({ path: out });
  console.log(`wrote ${out}`);
} finally {
  await browser.close();
  await server.close();
}
