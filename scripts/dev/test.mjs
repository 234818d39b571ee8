// `npm test`: unit tests, then the production build, then the browser tests against dist/.
// Each step must pass before the next starts. It finds or installs its own Chromium first.
import { spawnSync } from 'node:child_process';
import { ensureChromium } from './chromium.mjs';

process.env.CHROMIUM_PATH ||= ensureChromium();

/** @param {string} title @param {string[]} command */
function step(title, command) {
  console.log(`\n▶ ${title}: ${command.join(' ')}`);
  const started = Date.now();
  const [program = '', ...args] = command;
  const result = spawnSync(program, args, { stdio: 'inherit', env: process.env });
  if (result.status !== 0) {
    console.error(`\n✗ ${title} failed (exit ${result.status ?? result.signal}).`);
    process.exit(result.status ?? 1);
  }
  console.log(`✓ ${title} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
}

step('datasets', ['npm', 'run', 'data']);
step('lint, format and type checks', ['npm', 'run', 'check']);
step('unit tests', ['npx', 'vitest', 'run']);
step('production build', ['npx', 'astro', 'build']);
// The same book built for a sub-path, to prove it works from any static host's folder.
process.env.BASE_PATH = '/book/';
process.env.OUT_DIR = 'dist-subpath';
step('production build under /book/', ['npx', 'astro', 'build']);
delete process.env.BASE_PATH;
delete process.env.OUT_DIR;
step('browser tests', ['npx', 'playwright', 'test']);
