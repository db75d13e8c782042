/** The real app over a fresh database, for API tests through `app.request` (no port). */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createApp } from '../../server/app.ts';
import { astroPageRenderer } from '../../server/http/astro.ts';
import { loadConfig } from '../../server/config.ts';
import type { Deps } from '../../server/context.ts';
import { createLogger } from '../../server/log.ts';
import { freshDb } from './db.ts';
import { testClock } from './clock.ts';
import { createQueueEvents } from '../../server/services/queue-events.ts';
import { createFreeTimesCache } from '../../server/services/free-times-cache.ts';
import { createQueueHours } from '../../server/services/queue-openings.ts';
import type { QueueSettings } from '../../src/domain/queue-settings.ts';
import { loadQueueSettings } from '../../server/queue-settings.ts';

export interface TestApp {
  app: ReturnType<typeof createApp>;
  deps: Deps;
  /** Captured log lines, for asserting what is (not) logged. */
  logs: string[];
  /** The PostgreSQL database's URL, for a second connection (PostgreSQL only). */
  dbUrl?: string | undefined;
  close: () => Promise<void>;
  json: (
    path: string,
    init?: RequestInit & { json?: unknown; locale?: string },
  ) => Promise<{ status: number; body: any; headers: Headers }>;
}

export async function testApp(
  options: {
    siteDir?: string;
    env?: Record<string, string>;
    now?: () => Date;
    queue?: QueueSettings;
    astro?: boolean;
  } = {},
): Promise<TestApp> {
  const { db, drop, url } = await freshDb();
  const logs: string[] = [];
  const journal = fs.mkdtempSync(path.join(os.tmpdir(), 'ihl-erasure-journal-'));
  const config = loadConfig({
    NODE_ENV: 'test',
    LOG_LEVEL: 'debug',
    // Many tests write repeatedly from one address: the documented load-test budgets (README
    // "Security"); tests of the limits themselves pass LIMITS_PROFILE: 'standard'.
    LIMITS_PROFILE: 'load-test',
    // Each app its own erasure journal, never the working copy's ./data.
    ERASURE_JOURNAL: journal,
    ...options.env,
  });
  const deps: Deps = {
    config,
    db,
    log: createLogger('debug', (l) => logs.push(l)),
    now: options.now ?? testClock(),
    queue: options.queue ?? loadQueueSettings(),
    queueEvents: createQueueEvents(db),
    freeTimes: createFreeTimesCache(db, config.booking),
    queueHours: createQueueHours(db),
  };
  // The per-request Astro pages, from the build (dist/server), when a test asks for them.
  const renderPage = options.astro
    ? await astroPageRenderer(path.resolve('dist/server/entry.mjs'), false, deps)
    : undefined;
  const app = createApp(deps, {
    checkAnswers: true,
    ...(options.siteDir ? { siteDir: options.siteDir } : {}),
    ...(renderPage ? { renderPage } : {}),
  });
  // Requests through app.request come from a loopback peer, as from a proxy on this machine
  // (TRUST_PROXY=loopback, or `true`, then believes their X-Forwarded-For).
  const request = app.request.bind(app);
  app.request = (input, init, env, ctx) =>
    request(input, init, env ?? { incoming: { socket: { remoteAddress: '127.0.0.1' } } }, ctx);
  return {
    app,
    deps,
    logs,
    dbUrl: url,
    close: async () => {
      await deps.queueEvents.close();
      await deps.freeTimes.close();
      await deps.queueHours.close();
      await drop();
      fs.rmSync(journal, { recursive: true, force: true });
    },
    async json(path, init = {}) {
      const headers = new Headers(init.headers);
      if (init.json !== undefined) headers.set('content-type', 'application/json');
      if (init.locale) headers.set('x-locale', init.locale);
      const res = await app.request(path, {
        ...init,
        headers,
        body: init.json !== undefined ? JSON.stringify(init.json) : (init.body ?? null),
      });
      const text = await res.text();
      let body: unknown = text;
      try {
        body = JSON.parse(text);
      } catch {
        /* not JSON */
      }
      return { status: res.status, body, headers: res.headers };
    },
  };
}
