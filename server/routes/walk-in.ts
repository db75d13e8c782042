import { Hono } from 'hono';
import { z } from 'zod';
import { describeRoute } from '../http/route-doc.ts';
import type { AppEnv } from '../context.ts';
import { walkInData } from '../../src/domain/walk-in-data.ts';
import { walkInDataSchema } from '../../src/domain/walk-in-schema.ts';
import { currentSchedule } from '../services/walk-in.ts';

const walkInQuery = z.object({ year: z.coerce.number().int().min(2000).max(2100).optional() });

/**
 * The schedule (as staff last saved it) with the holidays of a year and the next: `?year=` asks
 * for the year the reader's clock is in (the island sends it), else the server's year. The island
 * computes "open now".
 */
export const walkInRoutes = new Hono<AppEnv>().get(
  '/',
  describeRoute({
    summary: "The walk-in desk's schedule with the holidays of the year asked and the next",
    tag: 'Walk-in desk',
    auth: 'public',
    query: walkInQuery,
    response: walkInDataSchema,
  }),
  async (c) => {
    const { year } = c.get('input').query();
    c.header('Cache-Control', 'public, max-age=30');
    return c.json(walkInData(await currentSchedule(c.get('deps').db), c.get('deps').now(), year));
  },
);
