import { defineConfig } from 'vitest/config';

// One run covers unit tests (*.test.ts) and integration tests against real servers (*.int.test.ts).
export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    exclude: ['node_modules', 'dist', 'src/web/**/*.e2e.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 120_000,
    pool: 'forks',
    reporters: process.env.CI ? ['default', './test/support/summary-reporter.ts'] : ['default'],
  },
});
