/**
 * The anonymous satisfaction answer after a visit, one route shape for both kinds: mounted under
 * the visit's own token (a booking's manage link, `/bookings/manage/:token/feedback`; a queue
 * ticket's page, `/queue/tickets/:token/feedback`), whose token shape the parent checks.
 */
import { Hono } from 'hono';
import type { AppEnv } from '../context.ts';
import { feedbackSchema } from '../../src/contracts/feedback.ts';
import { statusSchema } from '../../src/contracts/responses.ts';
import { routeDocs } from '../http/route-doc.ts';
import { limitPublicWrite } from '../http/limits.ts';
import { giveFeedback } from '../services/feedback.ts';

const route = routeDocs({ tag: 'Feedback', auth: 'public' });

export const feedbackRoute = (context: 'booking' | 'walk_in', summary: string) =>
  new Hono<AppEnv>().post(
    '/',
    route({ summary, body: feedbackSchema, response: statusSchema, status: 201 }),
    async (c) => {
      const input = await c.get('input').body();
      await limitPublicWrite(c, 'feedback');
      await giveFeedback(c.get('deps').db, context, c.req.param('token') ?? '', input, c.get('deps').now());
      return c.json({ status: 'thanks' }, 201);
    },
  );
