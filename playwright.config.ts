import { defineConfig, devices } from '@playwright/test';
import { chromiumPath, E2E_PORT } from './tests/e2e/env.ts';

/**
 * End-to-end tests against the production build served by the real server (server/main.ts) on
 * a fresh embedded database, in Debian's Chromium. Playwright's own browser download does not
 * work on these machines; CHROMIUM_PATH overrides the default /usr/bin/chromium.
 *
 * One clock: the server's starts at E2E_CLOCK_START (tests/e2e/env.ts) and every browser context
 * runs on it (tests/e2e/fixtures.ts), so the suite passes on any real date. Every test creates the
 * times, groups and queues it asserts on (or runs a server of its own), so any number of workers
 * and any order will do.
 */
export default defineConfig({
  testDir: 'tests/e2e',
  fullyParallel: true,
  // CI runs 2 (its cores); E2E_WORKERS=1 or 4 checks that no test leans on another.
  workers: Number(process.env.E2E_WORKERS) || 2,
  retries: 0,
  forbidOnly: true,
  reporter: [['list'], ['json', { outputFile: 'reports/playwright.json' }]],
  timeout: 60_000,
  use: {
    baseURL: `http://127.0.0.1:${E2E_PORT}`,
    trace: 'off',
    launchOptions: {
      executablePath: chromiumPath(),
      args: [
        '--no-sandbox',
        '--disable-background-networking',
        '--disable-component-update',
        '--no-first-run',
        '--disable-gpu',
        '--disable-sync',
      ],
    },
  },
  projects: [{ name: 'chromium', use: { ...devices['Desktop Chrome'], channel: undefined } }],
  webServer: {
    command: 'node tests/e2e/serve.ts',
    url: `http://127.0.0.1:${E2E_PORT}/api/health`,
    reuseExistingServer: false,
    timeout: 120_000,
    stdout: 'ignore',
    stderr: 'pipe',
  },
});
