/** What every route can reach through `c.get('deps')`: passed in, never imported, so tests swap it. */
import type { Config } from './config.ts';
import type { Db } from './db/client.ts';
import type { Logger } from './log.ts';
import type { QueueSettings } from '../src/domain/queue-settings.ts';
import type { QueueEvents } from './services/queue-events.ts';
import type { FreeTimesCache } from './services/free-times-cache.ts';
import type { QueueHours } from './services/queue-openings.ts';

export interface Deps {
  config: Config;
  db: Db;
  log: Logger;
  /** The current time; tests and the e2e clock set it. */
  now: () => Date;
  /** The queue's service points and rules (content/settings/queue.json). */
  queue: QueueSettings;
  /** Wakes live queue views after committed changes, across instances. */
  queueEvents: QueueEvents;
  /** The free times, kept between changes (invalidated across instances by NOTIFY). */
  freeTimes: FreeTimesCache;
  /** The service points' hours, kept for taking tickets (invalidated across instances by NOTIFY). */
  queueHours: QueueHours;
}

export interface AppEnv {
  Variables: {
    deps: Deps;
    requestId: string;
    /** The security headers every answer carries (http/answers.ts). */
    securityHeaders: Readonly<Record<string, string>>;
  };
}
