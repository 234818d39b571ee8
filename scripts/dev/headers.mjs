// The `_headers` file of a build (the format of Netlify and Cloudflare Pages), read back: the
// integration in scripts/integrations/csp.ts writes it, and the local server (serve.mjs) sends what
// it asks, as such a host would. Plain JavaScript because `node scripts/dev/serve.mjs` runs it as is.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** @typedef {[pattern: string, headers: Record<string, string>]} HeaderRule */

/**
 * The rules of a build's _headers file, in order: [path pattern, headers].
 * @param {string} dist
 * @returns {HeaderRule[]}
 */
export function readHeaderRules(dist) {
  let text;
  try {
    text = readFileSync(join(dist, '_headers'), 'utf8');
  } catch {
    return [];
  }
  /** @type {HeaderRule[]} */
  const rules = [];
  for (const line of text.split('\n')) {
    if (line.startsWith('#') || line.trim() === '') continue;
    const last = rules.at(-1);
    if (!/^\s/.test(line)) rules.push([line.trim(), {}]);
    else if (last) {
      const at = line.indexOf(':');
      last[1][line.slice(0, at).trim()] = line.slice(at + 1).trim();
    }
  }
  return rules;
}

/**
 * The headers the rules give a request path (later rules override earlier ones).
 * @param {HeaderRule[]} rules
 * @param {string} path
 * @returns {Record<string, string>}
 */
export function headersFor(rules, path) {
  /** @type {Record<string, string>} */
  const out = {};
  for (const [pattern, headers] of rules) {
    const match = pattern.endsWith('*') ? path.startsWith(pattern.slice(0, -1)) : path === pattern;
    if (match) Object.assign(out, headers);
  }
  return out;
}
