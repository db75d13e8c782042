import { Hono } from 'hono';
import type { AppEnv } from '../context.ts';
import { ping } from '../db/client.ts';
import { pendingMigrations } from '../db/migrate.ts';
import { routeDocs } from '../http/route-doc.ts';
import { healthSchema, readySchema } from '../../src/contracts/responses.ts';

const route = routeDocs({ tag: 'Operations', auth: 'public' });

/** Liveness with the database's state: 200 when a query answers, 503 when it does not. */
export const health = new Hono<AppEnv>().get(
  '/',
  route({ summary: 'Liveness and the database state', response: healthSchema }),
  async (c) => {
    const { db } = c.get('deps');
    const started = performance.now();
    try {
      await ping(db);
      const pending = await pendingMigrations(db);
      return c.json({
        status: 'ok',
        database: {
          engine: db.engine,
          reachable: true,
          latencyMs: Math.round((performance.now() - started) * 10) / 10,
          pendingMigrations: pending.length,
        },
      });
    } catch {
      return c.json({ status: 'unavailable', database: { engine: db.engine, reachable: false } }, 503);
    }
  },
);

/**
 * Readiness for a load balancer: 200 only when the database answers and every migration is
 * applied (an instance started before a migration finished elsewhere waits out of rotation).
 */
export const ready = new Hono<AppEnv>().get(
  '/',
  route({ summary: 'Readiness: the database answers and every migration is applied', response: readySchema }),
  async (c) => {
    const { db } = c.get('deps');
    c.header('Cache-Control', 'no-store');
    try {
      const pending = await pendingMigrations(db);
      if (pending.length) return c.json({ status: 'not_ready', reason: 'migrations_pending', pending }, 503);
      return c.json({ status: 'ready' });
    } catch {
      return c.json({ status: 'not_ready', reason: 'database_unreachable' }, 503);
    }
  },
);
