// What the three build integrations share: walking a finished build, the URL a built file is served
// at, and the shape of an integration that runs once the pages are written.

import { readdirSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration, AstroIntegrationLogger } from 'astro';

/** A base path (`/`, `book`, `/book/`) as the prefix of every site path: `/` or `/book/`. */
export function sitePrefix(base: string): string {
  const trimmed = base.replace(/^\/+|\/+$/g, '');
  return trimmed ? `/${trimmed}/` : '/';
}

/** Every file of a build, as a path relative to its folder with `/` separators, in a stable order. */
export function builtFiles(dir: string, root: string = dir): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((name) => {
      const full = join(dir, name);
      if (statSync(full).isDirectory()) return builtFiles(full, root);
      return [relative(root, full).split(sep).join('/')];
    });
}

/** The pages of a build (relative paths, as `builtFiles`). */
export function builtPages(dir: string): string[] {
  return builtFiles(dir).filter((rel) => rel.endsWith('.html'));
}

/** The URL a built file is served at: a folder's index.html is its folder's URL. */
export function urlOf(prefix: string, rel: string): string {
  if (rel === 'index.html') return prefix;
  return prefix + (rel.endsWith('/index.html') ? rel.slice(0, -'index.html'.length) : rel);
}

/**
 * An Astro integration that runs `step` on the output of every production build, with the build's
 * folder and its base path.
 */
export function afterBuild(
  name: string,
  step: (dir: string, base: string, logger: AstroIntegrationLogger) => void,
): AstroIntegration {
  let base = '/';
  return {
    name,
    hooks: {
      'astro:config:done': ({ config }) => {
        base = config.base;
      },
      'astro:build:done': ({ dir, logger }) => step(fileURLToPath(dir), base, logger),
    },
  };
}
