// Finds (and, when allowed, installs) the Chromium that the build (mermaid diagrams are rendered at
// build time in a headless browser) and the browser tests drive.
//
// Order, as the README promises:
//   1. $CHROMIUM_PATH (or $PLAYWRIGHT_CHROMIUM_EXECUTABLE_PATH), if it points at an executable;
//   2. a system Chromium or Chrome on the usual paths / $PATH;
//   3. Debian's `chromium` through apt-get, when running as root;
//   4. Playwright's own browser download (`npx playwright install chromium`), which many
//      networks (this project's CI among them) block, so it is the last resort.
// When all fail, the process exits with one line that names the fix.
//
// The build also wants a CJK font: mermaid measures label widths in that headless browser, and
// without a Chinese font the Chinese diagrams are laid out for tofu boxes. As root, apt installs the
// small `fonts-wqy-microhei` alongside Chromium; otherwise a warning says what to install.

import { accessSync, constants, existsSync, readdirSync } from 'node:fs';
import { execFileSync, spawnSync } from 'node:child_process';
import { homedir } from 'node:os';
import { delimiter, join } from 'node:path';

/** Flags every launch uses: this machine's network is closed, so no background traffic. */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
  '--no-first-run',
];

const SYSTEM_NAMES = ['chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable'];

function isExecutable(path) {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function onPath(name) {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    if (dir && isExecutable(join(dir, name))) return join(dir, name);
  }
  return undefined;
}

/** A Chromium that Playwright downloaded earlier into its cache, if any. */
function playwrightCached() {
  const root = process.env.PLAYWRIGHT_BROWSERS_PATH || join(homedir(), '.cache', 'ms-playwright');
  if (!existsSync(root)) return undefined;
  for (const dir of readdirSync(root)
    .filter((d) => d.startsWith('chromium'))
    .sort()
    .reverse()) {
    for (const rel of [
      'chrome-linux64/chrome',
      'chrome-linux/chrome',
      'chrome-linux/headless_shell',
      'chrome-headless-shell-linux64/chrome-headless-shell',
    ]) {
      const candidate = join(root, dir, rel);
      if (isExecutable(candidate)) return candidate;
    }
  }
  return undefined;
}

/** @returns {string | undefined} an executable Chromium without installing anything. */
export function findChromium() {
  for (const name of ['CHROMIUM_PATH', 'PLAYWRIGHT_CHROMIUM_EXECUTABLE_PATH']) {
    const value = process.env[name];
    if (value) {
      if (isExecutable(value)) return value;
      console.warn(`[chromium] $${name}=${value} is not an executable file; looking elsewhere.`);
    }
  }
  for (const name of SYSTEM_NAMES) {
    const found = onPath(name);
    if (found) return found;
  }
  return playwrightCached();
}

function hasCjkFont() {
  try {
    return execFileSync('fc-list', [':lang=zh'], { encoding: 'utf8' }).trim().length > 0;
  } catch {
    return false;
  }
}

/**
 * `apt-get update && apt-get install -y packages` (used for Chromium, its CJK font and the
 * Fashion-MNIST data package).
 * @param {string[]} packages
 * @returns {boolean} whether both steps succeeded
 */
export function aptInstall(packages) {
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  console.log(`[apt] apt-get install -y ${packages.join(' ')}`);
  const update = spawnSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
  if (update.status !== 0) return false;
  const install = spawnSync('apt-get', ['install', '-y', '-qq', ...packages], {
    stdio: 'inherit',
    env,
  });
  return install.status === 0;
}

export const isRoot = () => typeof process.getuid === 'function' && process.getuid() === 0;
export const hasApt = () => Boolean(onPath('apt-get'));

/**
 * Finds a Chromium, installing one if needed, and makes sure a CJK font exists where it can.
 * @returns {string} the executable path
 */
export function ensureChromium() {
  let path = findChromium();
  const wantFont = !hasCjkFont();
  if ((!path || wantFont) && isRoot() && hasApt()) {
    const packages = [...(path ? [] : ['chromium']), ...(wantFont ? ['fonts-wqy-microhei'] : [])];
    if (!aptInstall(packages) && !path) console.warn('[chromium] apt-get could not install chromium.');
    path = findChromium();
  }
  if (!path) {
    console.log('[chromium] trying Playwright’s own download: npx playwright install chromium');
    const result = spawnSync('npx', ['playwright', 'install', 'chromium'], { stdio: 'inherit' });
    if (result.status === 0) path = findChromium();
  }
  if (!path) {
    console.error(
      'No Chromium found: install one (Debian/Ubuntu: `sudo apt-get install chromium`) or set CHROMIUM_PATH=/path/to/chromium, then run the command again.',
    );
    process.exit(1);
  }
  if (!hasCjkFont()) {
    console.warn(
      '[chromium] no Chinese font found (fc-list :lang=zh); Chinese diagram labels may be measured badly. Debian: apt-get install fonts-wqy-microhei',
    );
  }
  return path;
}
