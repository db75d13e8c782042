/**
 * The public queue API: the kiosk and the phone page take tickets, booked clients check in, the
 * ticket page and the display screen read their state once or live (Server-Sent Events).
 * Nothing here carries personal data. Ticket creation accepts JSON (the kiosk) and plain form
 * posts (the phone page works without JavaScript), answering a form with a redirect.
 */
import { jsonAnswer } from '../http/answers.ts';
import { Hono, type Context } from 'hono';
import type { AppEnv } from '../context.ts';
import { tokenShape } from '../http/paths.ts';
import { checkInSchema, qrQuerySchema, smsOptInSchema, takeTicketSchema } from '../../src/contracts/queue.ts';
import { feedbackRoute } from './feedback.ts';
import { isCodedError } from '../http/errors.ts';
import { routeDocs } from '../http/route-doc.ts';
import { isLocale, type LocaleCode } from '../../src/i18n/locales.ts';
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
import { limitPublicWrite, refuseForeignPhone } from '../http/limits.ts';
import { liveFeed, liveQueueOf } from '../http/live.ts';
import { displayView } from '../services/queue-display.ts';
import { openState, servicePoint } from '../services/queue-openings.ts';
import { checkIn, leaveQueue, takeTicket, ticketRef, ticketView } from '../services/queue-tickets.ts';
import { followBySms, stopSms } from '../services/queue-sms.ts';
import { joinUrl, qrSvg, ticketPageUrl, ticketQr, withJoinUrl } from '../services/queue-qr.ts';

const body = formOrJson;

const noStore = <E extends AppEnv>(c: Context<E>) => c.header('Cache-Control', 'no-store');

const route = routeDocs({ tag: 'Walk-in queue', auth: 'public' });

/** An SVG image made for this request (a QR code): never cached, it carries a page token. */
const svg = <E extends AppEnv>(c: Context<E>, body: string) => {
  noStore(c);
  return c.body(body, 200, { 'Content-Type': 'image/svg+xml; charset=utf-8' });
};

export const queueRoutes = new Hono<AppEnv>()
  .use('/tickets/:token', tokenShape)
  .use('/tickets/:token/*', tokenShape)
  .get(
    '/points/:point/status',
    route({ summary: 'Whether the queue is open, how many wait, languages served now', response: queueStatusSchema }),
    async (c) => {
      const { db, queue, now } = c.get('deps');
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
      const { db, queue, now } = c.get('deps');
      const pointId = c.req.param('point');
      servicePoint(queue, pointId);
      try {
        const input = c.get('input').parse(data);
        await limitPublicWrite(c, 'queueTicket');
        const ticket = await takeTicket(
          db,
          queue,
          pointId,
          { topic: input.topic, language: input.language, channel: input.channel ?? 'phone' },
          now(),
          c.get('deps').queueHours,
        );
        const locale = input.locale ?? input.language;
        const url = `/${locale}/queue/${ticket.token}/`;
        if (form) return c.redirect(url, 303);
        const pageUrl = ticketPageUrl(c.get('deps').config.PUBLIC_BASE_URL, locale, ticket.token);
        return jsonAnswer(c, { ticket: { code: ticket.code }, token: ticket.token, url, pageUrl }, 201);
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
      const { reference } = await c.get('input').body();
      const { db, queue, now } = c.get('deps');
      await limitPublicWrite(c, 'queueCheckIn');
      const ticket = await checkIn(db, queue, c.req.param('point'), reference, now());
      if (!ticket.token) return c.json({ ticket: { code: ticket.code } }, 201);
      // The kiosk's language for the page; the booking's service language until it says.
      const locale = c.req.header('x-locale');
      const { url } = await ticketQr(
        db,
        c.get('deps').config.PUBLIC_BASE_URL,
        ticket.token,
        isLocale(locale) ? locale : undefined,
      );
      return c.json({ ticket: { code: ticket.code }, token: ticket.token, pageUrl: url }, 201);
    },
  )
  .get(
    '/points/:point/display',
    route({ summary: 'The display screen: current and recent calls', response: displaySchema }),
    async (c) => {
      const { db, queue, now, config } = c.get('deps');
      noStore(c);
      return c.json(
        withJoinUrl(queue, config.PUBLIC_BASE_URL, await displayView(db, queue, c.req.param('point'), now())),
      );
    },
  )
  .get(
    '/points/:point/join-qr.svg',
    route({
      summary: "The display's QR code: the phone page for joining the queue (SVG)",
      query: qrQuerySchema,
      produces: 'image/svg+xml',
    }),
    async (c) => {
      const { queue, config } = c.get('deps');
      const locale = (c.get('input').query().locale ?? 'fi') as LocaleCode;
      return svg(c, await qrSvg(joinUrl(queue, config.PUBLIC_BASE_URL, c.req.param('point'), locale)));
    },
  )
  .get(
    '/points/:point/display/events',
    route({ summary: 'The display screen, live (Server-Sent Events)', produces: 'text/event-stream' }),
    async (c) => {
      const point = servicePoint(c.get('deps').queue, c.req.param('point'));
      return liveFeed(c, (watcher) => liveQueueOf(c.get('deps')).display(point.id, watcher));
    },
  )
  .get(
    '/points/:point/open',
    route({ summary: 'When the queue at a service point is open', response: openStateSchema }),
    async (c) => {
      const { db, queue, now } = c.get('deps');
      noStore(c);
      return c.json(await openState(db, servicePoint(queue, c.req.param('point')), now()));
    },
  )
  .get(
    '/tickets/:token',
    route({ summary: 'A ticket: place in the queue, estimated wait, call', response: ticketAnswerSchema }),
    async (c) => {
      const { db, queue, now } = c.get('deps');
      noStore(c);
      return c.json({ ticket: await ticketView(db, queue, c.req.param('token'), now()) });
    },
  )
  .get(
    '/tickets/:token/qr.svg',
    route({
      summary: "A ticket's QR code: its live page, in the kiosk's language (SVG; only the page token in it)",
      query: qrQuerySchema,
      produces: 'image/svg+xml',
    }),
    async (c) => {
      const { db, config } = c.get('deps');
      const locale = c.get('input').query().locale as LocaleCode | undefined;
      return svg(c, (await ticketQr(db, config.PUBLIC_BASE_URL, c.req.param('token'), locale)).svg);
    },
  )
  .get(
    '/tickets/:token/events',
    route({ summary: 'A ticket, live (Server-Sent Events)', produces: 'text/event-stream' }),
    async (c) => {
      const ticket = await ticketRef(c.get('deps').db, c.req.param('token'));
      return liveFeed(c, (watcher) => liveQueueOf(c.get('deps')).ticket(ticket.servicePoint, ticket.id, watcher));
    },
  )
  .route(
    '/tickets/:token/feedback',
    feedbackRoute('walk_in', 'The anonymous satisfaction answer after a walk-in visit'),
  )
  .post(
    '/tickets/:token/leave',
    route({ summary: 'Leave the queue (JSON, or a form post answered with a redirect)', response: statusSchema }),
    async (c) => {
      const { form, data } = await body(c);
      const token = c.req.param('token');
      try {
        await leaveQueue(c.get('deps').db, token, c.get('deps').now());
      } catch (err) {
        if (form && isCodedError(err) && err.code !== 'not_found')
          return backTo(c, data.locale, `queue/${token}/`, `error=${encodeURIComponent(err.code)}`);
        throw err;
      }
      if (form) return backTo(c, data.locale, `queue/${token}/`, 'done=left');
      return c.json({ status: 'left' });
    },
  )
  .post(
    '/tickets/:token/sms',
    route({
      summary: 'Text messages when the turn nears and at the call (JSON, or a form post answered with a redirect)',
      body: smsOptInSchema,
      response: statusSchema,
      status: 201,
    }),
    async (c) => {
      const { form, data } = await body(c);
      const { db, now } = c.get('deps');
      const token = c.req.param('token');
      try {
        const input = c.get('input').parse(data);
        refuseForeignPhone(c, input.phone);
        await limitPublicWrite(c, 'queueSms');
        await followBySms(db, token, input, now());
      } catch (err) {
        if (form && isCodedError(err) && err.code !== 'not_found')
          return backTo(c, data.locale, `queue/${token}/`, `error=${encodeURIComponent(err.code)}`);
        throw err;
      }
      if (form) return backTo(c, data.locale, `queue/${token}/`, 'done=sms');
      return c.json({ status: 'following' }, 201);
    },
  )
  .post(
    '/tickets/:token/sms/stop',
    route({ summary: 'No more text messages: the number is deleted at once', response: statusSchema }),
    async (c) => {
      const { form, data } = await body(c);
      const token = c.req.param('token');
      await stopSms(c.get('deps').db, token);
      if (form) return backTo(c, data.locale, `queue/${token}/`, 'done=smsStopped');
      return c.json({ status: 'stopped' });
    },
  );
