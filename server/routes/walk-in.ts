import { Hono } from 'hono';
import type { AppEnv } from '../context.ts';
import { walkInData } from '../../src/domain/walk-in-data.ts';
import { currentSchedule } from '../services/walk-in.ts';

/** The schedule (as staff last saved it) with this and next year's holidays; the island computes "open now". */
export const walkInRoutes = new Hono<AppEnv>().get('/', async (c) => {
  c.header('Cache-Control', 'public, max-age=30');
  return c.json(walkInData(await currentSchedule(c.var.deps.db), c.var.deps.now()));
});
