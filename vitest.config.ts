import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'scripts/**/*.test.ts'],
    environment: 'node',
    // The mermaid test starts a headless Chromium; give it room on a busy 2-core CI machine.
    testTimeout: 60_000,
    // Node 20's V8 has WebAssembly relaxed SIMD behind a flag (browsers ship it): on, so that the
    // tests run the kernels' relaxed build as Chromium does (and the plain one where they ask).
    poolOptions: { forks: { execArgv: ['--experimental-wasm-relaxed-simd'] } },
  },
});
