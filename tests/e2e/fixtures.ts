/**
 * The e2e tests' `test`: Playwright's, with every browser context on the server's clock.
 *
 * Pages' islands read the browser's own `Date` ("open now" at the walk-in desk, the catalogue's
 * months, the workspace's "today", the reports' period), so each context gets the server's
 * current time with `clock.install({ time })`: fake timers whose time flows on at real speed from
 * there (never frozen: live views, polling and retries keep running). A test may still set a
 * moment of its own (`page.clock.setFixedTime`) where the moment is what it tests.
 *
 * Import `test` and `expect` from here, never from '@playwright/test'. Other devices in a test
 * (a second phone, a display, a context without JavaScript) come from `newContext`, servers of a
 * test's own from `ownServer`; both are on their server's clock and are closed after the test.
 */
import { expect, test as base, type BrowserContext, type BrowserContextOptions } from '@playwright/test';
import { e2eNow } from './clock.ts';
import { startOwnServer, type OwnServer, type OwnServerOptions } from './own-server.ts';

export { expect };
export type { APIRequestContext, BrowserContext, Page } from '@playwright/test';

export interface Fixtures {
  /** Another browser context on a clock (the e2e server's by default); closed after the test. */
  newContext: (options?: BrowserContextOptions & { now?: () => Date }) => Promise<BrowserContext>;
  /** A server of the test's own (tests/e2e/own-server.ts); stopped and removed after the test. */
  ownServer: (options: OwnServerOptions) => Promise<OwnServer>;
}

/** The time a test is given on top of its own for each server of its own it starts. */
const OWN_SERVER_ALLOWANCE_MS = 60_000;

export const test = base.extend<Fixtures>({
  context: async ({ context }, use) => {
    await context.clock.install({ time: e2eNow() });
    await use(context);
  },
  newContext: async ({ browser }, use) => {
    const contexts: BrowserContext[] = [];
    await use(async ({ now = e2eNow, ...options } = {}) => {
      const context = await browser.newContext(options);
      contexts.push(context);
      await context.clock.install({ time: now() });
      return context;
    });
    for (const context of contexts) await context.close();
  },
  // biome-ignore lint/correctness/noEmptyPattern: Playwright reads a fixture's dependencies from this pattern; it has none.
  ownServer: async ({}, use, testInfo) => {
    const servers: OwnServer[] = [];
    await use(async (options) => {
      // Starting a server takes seconds, more on a busy machine: that time is not the test's own.
      testInfo.setTimeout(testInfo.timeout + OWN_SERVER_ALLOWANCE_MS);
      const server = await startOwnServer(options);
      servers.push(server);
      return server;
    });
    for (const [i, server] of servers.entries()) {
      await server.close();
      if (testInfo.status !== testInfo.expectedStatus)
        await testInfo.attach(`own server ${i + 1} log`, { body: server.log(), contentType: 'text/plain' });
    }
  },
});
