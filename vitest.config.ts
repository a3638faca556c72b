import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Suites share one Redis and one MongoDB-wire server; each suite uses its own database
    // and key prefix, so files may run in parallel, but the e2e suite drives a whole Docker
    // engine and gets a long timeout of its own.
    testTimeout: 30_000,
    hookTimeout: 120_000,
    globalSetup: ['test/support/global-setup.ts'],
  },
});
