// `node scripts/dev/ensure-chromium.mjs`: find or install the Chromium the build and the tests need,
// and print where it is. See scripts/dev/chromium.mjs for the order it tries.
import { ensureChromium } from './chromium.mjs';

const path = ensureChromium();
console.log(`[chromium] using ${path}`);
