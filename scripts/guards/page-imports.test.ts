// Code that runs on the page never loads TensorFlow.js before the reader asks for a lab: the page's
// JavaScript budget depends on it. ESLint forbids a direct import in src/components and src/i18n;
// this test follows the whole static import graph from every island and page component
// (src/components/**/*.svelte|astro, their imported modules, and the modules those import) and fails
// if any `@tensorflow/*` package is reachable. A dynamic `import()` is where the page may load the
// worker's code on demand, so the walk does not follow it; nor `import type`, which is erased.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));
const FORBIDDEN = /^@tensorflow\//;
const EXTENSIONS = ['', '.ts', '.js', '.mjs', '.svelte', '.astro', '/index.ts', '/index.js'];

/** The script parts of a file: a .svelte file's <script> blocks, an .astro file's frontmatter and <script> blocks. */
export function scriptsOf(path: string, text: string): string {
  if (!path.endsWith('.svelte') && !path.endsWith('.astro')) return text;
  const parts = [...text.matchAll(/<script\b[^>]*>([\s\S]*?)<\/script>/gi)].map((m) => m[1] ?? '');
  const frontmatter = path.endsWith('.astro') ? /^---\r?\n([\s\S]*?)\r?\n---/.exec(text)?.[1] : undefined;
  return [frontmatter ?? '', ...parts].join('\n');
}

/** The specifiers a module imports statically and at run time (not `import type`, not `import()`). */
export function staticImports(path: string, text: string): string[] {
  const source = ts.createSourceFile(path, scriptsOf(path, text), ts.ScriptTarget.Latest, false, ts.ScriptKind.TS);
  const found: string[] = [];
  for (const statement of source.statements) {
    if (ts.isImportDeclaration(statement) && !statement.importClause?.isTypeOnly) {
      if (ts.isStringLiteral(statement.moduleSpecifier)) found.push(statement.moduleSpecifier.text);
    } else if (ts.isExportDeclaration(statement) && !statement.isTypeOnly && statement.moduleSpecifier) {
      if (ts.isStringLiteral(statement.moduleSpecifier)) found.push(statement.moduleSpecifier.text);
    }
  }
  return found;
}

function resolveLocal(from: string, specifier: string): string | undefined {
  const bare = specifier.replace(/\?.*$/, '');
  const base = resolve(dirname(from), bare);
  for (const ext of EXTENSIONS) {
    const candidate = base + ext;
    if (existsSync(candidate) && statSync(candidate).isFile()) return candidate;
  }
  // TypeScript's convention: `./x.js` names `./x.ts`
  const ts = base.replace(/\.m?js$/, '.ts');
  return existsSync(ts) ? ts : undefined;
}

/**
 * Every path from `entry` to a forbidden package, as `a.svelte → b.ts → @tensorflow/tfjs`, following
 * relative imports only (packages other than the forbidden ones are not walked into). A Vite
 * `?worker` import starts a worker: its code is not the page's, so the walk stops there.
 */
export function forbiddenPaths(entry: string): string[] {
  const found: string[] = [];
  const seen = new Set<string>();
  const walk = (file: string, trail: string[]): void => {
    if (seen.has(file)) return;
    seen.add(file);
    for (const specifier of staticImports(file, readFileSync(file, 'utf8'))) {
      const here = [...trail, relative(root, file)];
      if (FORBIDDEN.test(specifier)) found.push([...here, specifier].join(' → '));
      else if (specifier.startsWith('.') && !/\?(worker|sharedworker|url|raw)\b/.test(specifier)) {
        const next = resolveLocal(file, specifier);
        if (next) walk(next, here);
      }
    }
  };
  walk(entry, []);
  return found;
}

function islands(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) return islands(full);
    return /\.(svelte|astro)$/.test(name) ? [full] : [];
  });
}

describe('page code and TensorFlow.js', () => {
  it('sees static imports and re-exports, and skips type imports and dynamic imports', () => {
    const island =
      '<script lang="ts">\n  import { helper } from "./helper";\n  import type { Tensor } from "@tensorflow/tfjs";\n  const later = () => import("@tensorflow/tfjs");\n</script>';
    expect(staticImports('Fake.svelte', island)).toEqual(['./helper']);
    expect(staticImports('helper.ts', "export { train } from './deep';\nexport type { T } from './types';")).toEqual([
      './deep',
    ]);
    expect(staticImports('deep.ts', "import * as tf from '@tensorflow/tfjs-core';")).toEqual(['@tensorflow/tfjs-core']);
    expect(
      staticImports(
        'X.astro',
        "---\nimport A from './A.svelte';\n---\n<A />\n<script>import '@tensorflow/tfjs';</script>",
      ),
    ).toEqual(['./A.svelte', '@tensorflow/tfjs']);
  });

  it('finds a real path through the project: the worker code does import TensorFlow.js', () => {
    // the walk works on the project's own files: started from the training step, it must find one
    expect(forbiddenPaths(join(root, 'src/ml/train-step.ts')).length).toBeGreaterThan(0);
  });

  it('no island or page component reaches @tensorflow/* through static imports', () => {
    const entries = islands(join(root, 'src/components'));
    expect(entries.length).toBeGreaterThan(20);
    const problems = entries.flatMap((entry) => forbiddenPaths(entry));
    expect(problems).toEqual([]);
  });
});
