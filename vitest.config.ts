import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Each test file gets its own in-memory database; files can run in parallel.
    pool: 'forks',
    testTimeout: 20_000,
  },
});
