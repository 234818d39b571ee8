// `npm start`: build the book (datasets, diagrams, search index) and serve it locally.
// A newcomer's whole path from `npm ci` to a readable book.
import { spawnSync } from 'node:child_process';
import { ensureChromium } from './chromium.mjs';
import { serve } from './serve.mjs';

process.env.CHROMIUM_PATH ||= ensureChromium();

const data = spawnSync('npm', ['run', 'data'], { stdio: 'inherit', env: process.env });
if (data.status !== 0) process.exit(data.status ?? 1);
const build = spawnSync('npx', ['astro', 'build'], { stdio: 'inherit', env: process.env });
if (build.status !== 0) process.exit(build.status ?? 1);

const { url } = await serve({
  dir: process.env.OUT_DIR || 'dist',
  base: process.env.BASE_PATH || '/',
  port: Number(process.env.PORT || 4321),
  host: process.env.HOST || '127.0.0.1',
});
console.log(`\n  The book is being served at ${url}\n  (Ctrl+C to stop)\n`);
