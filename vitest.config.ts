import { defineConfig } from 'vitest/config';

/**
 * Six projects, run one at a time by scripts/test-all.ts (npm test):
 * - unit: pure functions, locale files, CLI behaviour; no database server
 * - api-pglite / api-postgres: the same API files, once per engine (TEST_DB_ENGINE)
 * - site: checks over the built site in dist/ (run after `astro build`)
 * - reliability-pglite / reliability-postgres: the reliability suite on each engine (after the build)
 */
export default defineConfig({
  test: {
    projects: [
      { test: { name: 'unit', include: ['tests/unit/**/*.test.ts', 'src/**/*.test.ts', 'server/**/*.test.ts'] } },
      {
        test: {
          name: 'api-pglite',
          include: ['tests/api/**/*.test.ts'],
          env: { TEST_DB_ENGINE: 'pglite' },
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
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
      // npm run test:reliability (also a step of npm test): concurrency, crash, hostile input, access and headers.
      {
        test: {
          name: 'reliability-pglite',
          include: ['tests/reliability/**/*.test.ts'],
          env: { TEST_DB_ENGINE: 'pglite' },
          testTimeout: 300_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
      {
        test: {
          name: 'reliability-postgres',
          include: ['tests/reliability/**/*.test.ts'],
          env: { TEST_DB_ENGINE: 'postgres' },
          globalSetup: ['tests/support/postgres-cluster.ts'],
          testTimeout: 300_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
