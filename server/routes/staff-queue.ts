/**
 * The advisor console's API: take a desk with today's languages, call the next person, recall,
 * mark served or no-show, transfer, pause, and the live console view. Advisors and up.
 */
import { Hono } from 'hono';
import {
  openDeskSchema,
  openingSchema,
  pauseDeskSchema,
  pointQuerySchema,
  transferSchema,
} from '../../src/contracts/queue.ts';
import { DomainError } from '../domain/errors.ts';
import { liveView } from '../http/live.ts';
import { routeDocs } from '../http/route-doc.ts';
import { calledSchema, consoleViewSchema } from '../../src/contracts/staff-responses.ts';
import { requireStaff, sessionStillValid, type StaffEnv } from '../http/staff-auth.ts';
import { callNext, consoleView, finish, recall, transfer } from '../services/queue-console.ts';
import { closeDesk, openDesk, pauseDesk } from '../services/queue-desks.ts';
import { addOpening, servicePoint } from '../services/queue-openings.ts';

const ticketId = (id: string) => {
  if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/.test(id)) throw new DomainError('not_found');
  return id;
};

const route = routeDocs({ tag: 'Workspace (staff)', auth: 'staff' });

export const staffQueueRoutes = new Hono<StaffEnv>()
  .use(requireStaff('advisor'))
  .get(
    '/',
    route({
      summary: 'The queue console: desks, waiting numbers, counts',
      query: pointQuerySchema,
      response: consoleViewSchema,
    }),
    async (c) => {
      const { db, queue, now } = c.get('deps');
      c.header('Cache-Control', 'no-store');
      const { point } = c.get('input').query();
      return c.json(
        await consoleView(db, queue, c.get('staff').user, now(), point ? servicePoint(queue, point).id : undefined),
      );
    },
  )
  .get(
    '/events',
    route({
      summary: 'The queue console, live (Server-Sent Events)',
      query: pointQuerySchema,
      produces: 'text/event-stream',
    }),
    async (c) => {
      const { db, queue, now } = c.get('deps');
      const user = c.get('staff').user;
      const point = servicePoint(queue, c.get('input').query().point ?? queue.servicePoints[0]!.id).id;
      return liveView(c, point, () => consoleView(db, queue, user, now(), point), 10_000, sessionStillValid(c));
    },
  )
  .post(
    '/desk',
    route({ summary: "Take a desk with today's languages", body: openDeskSchema, response: consoleViewSchema }),
    async (c) => {
      const input = await c.get('input').body();
      const { db, queue, now } = c.get('deps');
      await openDesk(db, queue, c.get('staff').user, input, now());
      return c.json(await consoleView(db, queue, c.get('staff').user, now()));
    },
  )
  .post(
    '/desk/pause',
    route({ summary: 'Pause or resume the desk', body: pauseDeskSchema, response: consoleViewSchema }),
    async (c) => {
      const { paused } = await c.get('input').body();
      const { db, queue, now } = c.get('deps');
      await pauseDesk(db, c.get('staff').user, paused);
      return c.json(await consoleView(db, queue, c.get('staff').user, now()));
    },
  )
  .post('/desk/close', route({ summary: 'Close the desk', response: consoleViewSchema }), async (c) => {
    const { db, queue, now } = c.get('deps');
    await closeDesk(db, c.get('staff').user, now());
    return c.json(await consoleView(db, queue, c.get('staff').user, now()));
  })
  .post('/call-next', route({ summary: 'Call the next person to the desk', response: calledSchema }), async (c) => {
    const { db, queue, now } = c.get('deps');
    const called = await callNext(db, queue, c.get('staff').user, now());
    return c.json({ called, view: await consoleView(db, queue, c.get('staff').user, now()) });
  })
  .post('/tickets/:id/recall', route({ summary: 'Call again', response: consoleViewSchema }), async (c) => {
    const { db, queue, now } = c.get('deps');
    await recall(db, c.get('staff').user, ticketId(c.req.param('id')), now());
    return c.json(await consoleView(db, queue, c.get('staff').user, now()));
  })
  .post('/tickets/:id/served', route({ summary: 'Served', response: consoleViewSchema }), async (c) => {
    const { db, queue, now } = c.get('deps');
    await finish(db, queue, c.get('staff').user, ticketId(c.req.param('id')), 'served', now());
    return c.json(await consoleView(db, queue, c.get('staff').user, now()));
  })
  .post('/tickets/:id/no-show', route({ summary: 'No-show', response: consoleViewSchema }), async (c) => {
    const { db, queue, now } = c.get('deps');
    await finish(db, queue, c.get('staff').user, ticketId(c.req.param('id')), 'no_show', now());
    return c.json(await consoleView(db, queue, c.get('staff').user, now()));
  })
  .post(
    '/tickets/:id/transfer',
    route({ summary: 'Transfer to another topic or desk', body: transferSchema, response: consoleViewSchema }),
    async (c) => {
      const to = await c.get('input').body();
      const { db, queue, now } = c.get('deps');
      await transfer(db, queue, c.get('staff').user, ticketId(c.req.param('id')), to);
      return c.json(await consoleView(db, queue, c.get('staff').user, now()));
    },
  )
  .post(
    '/openings',
    route({
      summary: 'An extra opening of the queue today',
      body: openingSchema,
      response: consoleViewSchema,
      status: 201,
    }),
    async (c) => {
      const input = await c.get('input').body();
      const { db, queue, now } = c.get('deps');
      await addOpening(
        db,
        queue,
        c.get('staff').user,
        input.servicePoint,
        input.until,
        now(),
        c.get('deps').queueHours,
      );
      return c.json(await consoleView(db, queue, c.get('staff').user, now(), input.servicePoint), 201);
    },
  );
