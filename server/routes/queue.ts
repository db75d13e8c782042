/**
 * The public queue API: the kiosk and the phone page take tickets, booked clients check in, the
 * ticket page and the display screen read their state once or live (Server-Sent Events).
 * Nothing here carries personal data. Ticket creation accepts JSON (the kiosk) and plain form
 * posts (the phone page works without JavaScript), answering a form with a redirect.
 */
import { Hono, type Context } from 'hono';
import type { AppEnv } from '../context.ts';
import { tokenShape } from '../http/paths.ts';
import { checkInSchema, takeTicketSchema } from '../../src/contracts/queue.ts';
import { feedbackSchema } from '../../src/contracts/feedback.ts';
import { giveFeedback } from '../services/feedback.ts';
import { DomainError } from '../domain/errors.ts';
import { isCodedError } from '../http/errors.ts';
import { routeDocs } from '../http/route-doc.ts';
import {
  checkedInSchema,
  displaySchema,
  openStateSchema,
  queueStatusSchema,
  statusSchema,
  ticketAnswerSchema,
  ticketTakenSchema,
} from '../../src/contracts/responses.ts';
import { backTo, formOrJson } from '../http/forms.ts';
import { clientIp } from '../http/client-ip.ts';
import { liveView } from '../http/live.ts';
import { hitRateLimit } from '../services/rate-limit.ts';
import { displayView } from '../services/queue-display.ts';
import { openState, servicePoint } from '../services/queue-openings.ts';
import { checkIn, leaveQueue, takeTicket, ticketPoint, ticketView } from '../services/queue-tickets.ts';

/** Tickets per address in 15 minutes: a kiosk serves many people, a script should not empty the day. */
const TICKETS_PER_IP = 40;

const body = formOrJson;

const noStore = <E extends AppEnv>(c: Context<E>) => c.header('Cache-Control', 'no-store');

const route = routeDocs({ tag: 'Walk-in queue', auth: 'public' });

export const queueRoutes = new Hono<AppEnv>()
  .use('/tickets/:token', tokenShape)
  .use('/tickets/:token/*', tokenShape)
  .get(
    '/points/:point/status',
    route({ summary: 'Whether the queue is open, how many wait, languages served now', response: queueStatusSchema }),
    async (c) => {
      const { db, queue, now } = c.var.deps;
      noStore(c);
      const view = await displayView(db, queue, c.req.param('point'), now());
      return c.json({
        servicePoint: view.servicePoint,
        open: view.open,
        waiting: view.waiting,
        languagesServed: view.languagesServed,
      });
    },
  )
  .post(
    '/points/:point/tickets',
    route({
      summary: 'Take a queue number (JSON, or a form post answered with a redirect)',
      body: takeTicketSchema,
      response: ticketTakenSchema,
      status: 201,
    }),
    async (c) => {
      const { form, data } = await body(c);
      const { db, queue, now, config } = c.var.deps;
      const pointId = c.req.param('point');
      servicePoint(queue, pointId);
      try {
        const input = c.var.input.parse(data);
        if (await hitRateLimit(db, 'queue-ticket', clientIp(c, config.TRUST_PROXY), TICKETS_PER_IP, 15 * 60_000, now()))
          throw new DomainError('rate_limited');
        const ticket = await takeTicket(
          db,
          queue,
          pointId,
          { topic: input.topic, language: input.language, channel: input.channel ?? 'phone' },
          now(),
        );
        const locale = input.locale ?? input.language;
        const url = `/${locale}/queue/${ticket.token}/`;
        if (form) return c.redirect(url, 303);
        return c.json({ ticket: { code: ticket.code }, token: ticket.token, url }, 201);
      } catch (err) {
        if (form && isCodedError(err))
          return backTo(c, data.locale, 'walk-in/queue/', `error=${encodeURIComponent(err.code)}`);
        throw err;
      }
    },
  )
  .post(
    '/points/:point/check-in',
    route({
      summary: 'A booked client checks in with the booking reference',
      body: checkInSchema,
      response: checkedInSchema,
      status: 201,
    }),
    async (c) => {
      const { reference } = await c.var.input.body();
      const { db, queue, now, config } = c.var.deps;
      if (await hitRateLimit(db, 'queue-check-in', clientIp(c, config.TRUST_PROXY), TICKETS_PER_IP, 15 * 60_000, now()))
        throw new DomainError('rate_limited');
      const ticket = await checkIn(db, queue, c.req.param('point'), reference, now());
      return c.json({ ticket: { code: ticket.code } }, 201);
    },
  )
  .get(
    '/points/:point/display',
    route({ summary: 'The display screen: current and recent calls', response: displaySchema }),
    async (c) => {
      const { db, queue, now } = c.var.deps;
      noStore(c);
      return c.json(await displayView(db, queue, c.req.param('point'), now()));
    },
  )
  .get(
    '/points/:point/display/events',
    route({ summary: 'The display screen, live (Server-Sent Events)', produces: 'text/event-stream' }),
    async (c) => {
      const { db, queue, now } = c.var.deps;
      const point = servicePoint(queue, c.req.param('point'));
      return liveView(c, point.id, () => displayView(db, queue, point.id, now()));
    },
  )
  .get(
    '/points/:point/open',
    route({ summary: 'When the queue at a service point is open', response: openStateSchema }),
    async (c) => {
      const { db, queue, now } = c.var.deps;
      noStore(c);
      return c.json(await openState(db, servicePoint(queue, c.req.param('point')), now()));
    },
  )
  .get(
    '/tickets/:token',
    route({ summary: 'A ticket: place in the queue, estimated wait, call', response: ticketAnswerSchema }),
    async (c) => {
      const { db, queue, now } = c.var.deps;
      noStore(c);
      return c.json({ ticket: await ticketView(db, queue, c.req.param('token'), now()) });
    },
  )
  .get(
    '/tickets/:token/events',
    route({ summary: 'A ticket, live (Server-Sent Events)', produces: 'text/event-stream' }),
    async (c) => {
      const { db, queue, now } = c.var.deps;
      const token = c.req.param('token');
      const point = await ticketPoint(db, token);
      return liveView(c, point, async () => ({ ticket: await ticketView(db, queue, token, now()) }));
    },
  )
  .post(
    '/tickets/:token/feedback',
    route({
      summary: 'The anonymous satisfaction answer after a walk-in visit',
      tag: 'Feedback',
      body: feedbackSchema,
      response: statusSchema,
      status: 201,
    }),
    async (c) => {
      const input = await c.var.input.body();
      await giveFeedback(c.var.deps.db, 'walk_in', c.req.param('token'), input, c.var.deps.now());
      return c.json({ status: 'thanks' }, 201);
    },
  )
  .post(
    '/tickets/:token/leave',
    route({ summary: 'Leave the queue (JSON, or a form post answered with a redirect)', response: statusSchema }),
    async (c) => {
      const { form, data } = await body(c);
      const token = c.req.param('token');
      try {
        await leaveQueue(c.var.deps.db, token, c.var.deps.now());
      } catch (err) {
        if (form && isCodedError(err) && err.code !== 'not_found')
          return backTo(c, data.locale, `queue/${token}/`, `error=${encodeURIComponent(err.code)}`);
        throw err;
      }
      if (form) return backTo(c, data.locale, `queue/${token}/`, 'done=left');
      return c.json({ status: 'left' });
    },
  );
