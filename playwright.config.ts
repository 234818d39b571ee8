import { existsSync } from 'node:fs';
import { defineConfig } from '@playwright/test';
import { CHROMIUM_ARGS, findChromium } from './scripts/dev/chromium.mjs';

/**
 * Browser tests run against the production build, served by scripts/dev/serve.mjs as any static host
 * would serve it: `dist/` at the root, and `dist-subpath/` (built with BASE_PATH=/book/) under a
 * sub-path. `npm test` builds both before this runs. Chromium is Debian's (or $CHROMIUM_PATH);
 * Playwright never downloads a browser here.
 */
const executablePath = process.env.CHROMIUM_PATH || findChromium();
if (!executablePath) {
  throw new Error(
    'No Chromium found: run `npm test` (it finds or installs one) or set CHROMIUM_PATH=/path/to/chromium.',
  );
}

// E2E_PORT moves both servers (ROOT on E2E_PORT, the sub-path build one below), so two checkouts can
// run their browser tests at once
const ROOT_PORT = Number(process.env.E2E_PORT || 4399);
const SUB_PORT = ROOT_PORT - 1;
export const SUB_PATH = '/book/';
/**
 * The `gpu` project's browser: the same Chromium with its software GPU exposed, SwiftShader's WebGPU
 * adapter (over Vulkan) and SwiftShader's WebGL (through ANGLE), so every backend a reader's GPU
 * would give runs on a machine without one. Its specs are `e2e/gpu-*.spec.ts`; the other projects
 * leave them out.
 */
export const SWIFTSHADER_ARGS = [
  '--enable-unsafe-webgpu',
  '--enable-features=Vulkan',
  '--use-webgpu-adapter=swiftshader',
  '--use-angle=swiftshader',
  '--ignore-gpu-blocklist',
];
const GPU_SPECS = 'gpu-*.spec.ts';
// Outside CI, a checkout with only the root build runs the root project alone (`npm test` builds both).
const withSubpath = Boolean(process.env.CI) || existsSync('dist-subpath');

export default defineConfig({
  testDir: 'e2e',
  fullyParallel: true,
  forbidOnly: Boolean(process.env.CI),
  // On CI a failed test runs once more, in a fresh browser, and the report lists it as flaky. On a
  // loaded 2-core CI machine a page now and then stops answering altogether: four times in four CI
  // runs, each time a different page and test (axe on /zh-cn/outlook/, /zh-cn/core-concepts/ and
  // /faq/, the phone's anchor landings), each passing on its own and when run again;
  // renderWholePage (book.ts) reports the browser's processes when it sees one. A failure that is
  // the book's own fails twice and fails the run. Locally nothing is retried.
  retries: process.env.CI ? 1 : 0,
  workers: process.env.CI ? 2 : undefined,
  reporter: [['list']],
  timeout: 60_000,
  use: {
    browserName: 'chromium',
    headless: true,
    launchOptions: { executablePath, args: CHROMIUM_ARGS },
    trace: 'off',
    // each test starts a fresh browser context; the book's service worker would download the whole
    // book (16 MB) in every one of them. offline.spec.ts allows it where it is the subject.
    serviceWorkers: 'block',
  },
  projects: [
    { name: 'root', testIgnore: GPU_SPECS, use: { baseURL: `http://127.0.0.1:${ROOT_PORT}/` } },
    {
      name: 'gpu',
      testMatch: GPU_SPECS,
      use: {
        baseURL: `http://127.0.0.1:${ROOT_PORT}/`,
        launchOptions: { executablePath, args: [...CHROMIUM_ARGS, ...SWIFTSHADER_ARGS] },
      },
    },
    ...(withSubpath
      ? [
          {
            name: 'subpath',
            testMatch: ['links.spec.ts', 'pages.spec.ts', 'search.spec.ts'],
            use: { baseURL: `http://127.0.0.1:${SUB_PORT}${SUB_PATH}` },
          },
        ]
      : []),
  ],
  webServer: [
    {
      command: `node scripts/dev/serve.mjs --dir dist --base / --port ${ROOT_PORT}`,
      url: `http://127.0.0.1:${ROOT_PORT}/`,
      reuseExistingServer: false,
    },
    ...(withSubpath
      ? [
          {
            command: `node scripts/dev/serve.mjs --dir dist-subpath --base ${SUB_PATH} --port ${SUB_PORT}`,
            url: `http://127.0.0.1:${SUB_PORT}${SUB_PATH}`,
            reuseExistingServer: false,
          },
        ]
      : []),
  ],
});
