import { defineConfig } from 'vitest/config';

/**
 * Four projects, run one at a time by scripts/test-all.ts (npm test):
 * - unit: pure functions, locale files, CLI behaviour; no database server
 * - api-pglite / api-postgres: the same API files, once per engine (TEST_DB_ENGINE)
 * - site: checks over the built site in dist/ (run after `astro build`)
 */
export default defineConfig({
  test: {
    projects: [
      { test: { name: 'unit', include: ['tests/unit/**/*.test.ts', 'src/**/*.test.ts', 'server/**/*.test.ts'] } },
      { test: { name: 'api-pglite', include: ['tests/api/**/*.test.ts'], env: { TEST_DB_ENGINE: 'pglite' }, testTimeout: 30_000, hookTimeout: 60_000 } },
      {
        test: {
          name: 'api-postgres',
          include: ['tests/api/**/*.test.ts'],
          env: { TEST_DB_ENGINE: 'postgres' },
          globalSetup: ['tests/support/postgres-cluster.ts'],
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      { test: { name: 'site', include: ['tests/build/**/*.test.ts'] } },
    ],
  },
});
