// ESLint for the whole project (`npm run lint`, part of `npm run check`, with --max-warnings 0).
// The recommended rules of ESLint, typescript-eslint (not the type-checked sets: too slow for a
// 2-core machine), eslint-plugin-svelte and eslint-plugin-astro, and the project's architecture
// rules as errors:
//   - no import cycles (import-x/no-cycle, resolved as TypeScript resolves them);
//   - src/ml's lower layers never import the worker, and src/ml/core imports no other src/ml folder;
//   - code that runs on the page (src/components, src/i18n) never statically imports TensorFlow.js
//     (a dynamic import() in the worker client is how the page loads it, on demand).
//     scripts/guards/page-imports.test.ts follows the whole static import graph of every island.
import js from '@eslint/js';
import astro from 'eslint-plugin-astro';
import { importX } from 'eslint-plugin-import-x';
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/** src/ml folders below the worker: they may be used by the worker, never the other way round. */
const BELOW_WORKER = ['data', 'models', 'backends', 'gan', 'explain', 'core', 'tasks', 'compress'];

export default tseslint.config(
  {
    ignores: [
      'dist/',
      'dist-*/',
      '.astro/',
      'node_modules/',
      'public/',
      'test-results/',
      'playwright-report/',
      'bench-results/',
      // copies of Starlight's components keep Starlight's own code (scripts/guards/overrides.test.ts)
      'src/components/overrides/',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  ...svelte.configs['flat/recommended'],
  ...astro.configs['flat/recommended'],
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      // `_` marks an argument a signature requires but the body does not use
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['**/*.svelte', '**/*.svelte.ts'],
    languageOptions: { parserOptions: { parser: tseslint.parser, extraFileExtensions: ['.svelte'] } },
  },
  // Architecture: no cycles anywhere in src/ and scripts/
  {
    files: ['src/**/*.{ts,svelte,astro}', 'scripts/**/*.{ts,mjs}'],
    plugins: { 'import-x': importX },
    // import-x parses the files a file imports with this file's parser options: .svelte and .astro
    // imports need TypeScript as their script parser
    languageOptions: { parserOptions: { parser: tseslint.parser, extraFileExtensions: ['.svelte', '.astro'] } },
    settings: {
      'import-x/resolver-next': [createTypeScriptImportResolver({ alwaysTryTypes: false })],
      'import-x/extensions': ['.ts', '.js', '.mjs', '.svelte', '.astro'],
      'import-x/parsers': {
        '@typescript-eslint/parser': ['.ts', '.js', '.mjs'],
        'svelte-eslint-parser': ['.svelte'],
        'astro-eslint-parser': ['.astro'],
      },
    },
    rules: {
      'import-x/no-cycle': ['error', { ignoreExternal: true }],
      'import-x/no-restricted-paths': [
        'error',
        {
          zones: [
            ...BELOW_WORKER.map((folder) => ({
              target: `./src/ml/${folder}`,
              from: './src/ml/worker',
              message: `src/ml/${folder} sits below the worker: move what both need into src/ml/core.`,
            })),
            {
              target: './src/ml/core',
              from: './src/ml',
              except: ['./core'],
              message: 'src/ml/core is the bottom layer: it imports nothing from the rest of src/ml.',
            },
          ],
        },
      ],
    },
  },
  // Page code never imports TensorFlow.js statically (types are erased, so `import type` is fine)
  {
    files: ['src/components/**/*.{ts,svelte,astro}', 'src/i18n/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['@tensorflow/*'],
              allowTypeImports: true,
              message:
                'Code on the page must not load TensorFlow.js: it runs in the worker (src/ml/worker/), loaded on demand.',
            },
          ],
        },
      ],
    },
  },
);
