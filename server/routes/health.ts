import { Hono } from 'hono';
import type { AppEnv } from '../context.ts';
import { pendingMigrations } from '../db/migrate.ts';

/** Liveness with the database's state: 200 when a query answers, 503 when it does not. */
export const health = new Hono<AppEnv>().get('/', async (c) => {
  const { db } = c.var.deps;
  const started = performance.now();
  try {
    await db.query('select 1');
    const pending = await pendingMigrations(db);
    return c.json({
      status: 'ok',
      database: { engine: db.engine, reachable: true, latencyMs: Math.round((performance.now() - started) * 10) / 10, pendingMigrations: pending.length },
    });
  } catch {
    return c.json({ status: 'unavailable', database: { engine: db.engine, reachable: false } }, 503);
  }
});
