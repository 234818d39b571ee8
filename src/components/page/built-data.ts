/**
 * The data manifest as the lab wrappers (.astro, at build time) need it: read from
 * public/data/manifest.json, which `npm run data` writes before every build, and the URL the
 * browser fetches it from under the site's base path.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseManifest, type DataManifest } from '../../ml/data/manifest';

/**
 * @param component the wrapper asking, named in the error when the data has not been built
 * @throws Error naming the command that builds the data
 */
export function readBuiltManifest(component: string): DataManifest {
  const file = join(process.cwd(), 'public', 'data', 'manifest.json');
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    throw new Error(`${component}: ${file} is missing; run \`npm run data\` (npm run build does it first)`);
  }
  return parseManifest(JSON.parse(text));
}

/** Root-relative URL of data/manifest.json, under the base path the site is built for. */
export const manifestPath = (baseUrl: string): string => `${baseUrl.replace(/\/?$/, '/')}data/manifest.json`;
