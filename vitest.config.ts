import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'scripts/**/*.test.ts'],
    environment: 'node',
    // The mermaid test starts a headless Chromium; give it room on a busy 2-core CI machine.
    testTimeout: 60_000,
  },
});
