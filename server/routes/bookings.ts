/**
 * The public booking API. Thin: validate with the shared contract, call the booking service,
 * answer. The manage routes accept JSON (the island) and plain form posts (the manage page works
 * without JavaScript), answering a form with a redirect back to the page.
 */
import { Hono } from 'hono';
import type { AppEnv } from '../context.ts';
import { tokenShape } from '../http/paths.ts';
import {
  bookingRequestSchema,
  changeRequestSchema,
  confirmRequestSchema,
  resendLinkSchema,
  slotQuerySchema,
} from '../../src/contracts/booking.ts';
import { DomainError } from '../domain/errors.ts';
import { routeDocs } from '../http/route-doc.ts';
import {
  bookingAnswerSchema,
  bookingCreatedSchema,
  bookingOptionsSchema,
  slotsResponseSchema,
  statusSchema,
} from '../../src/contracts/responses.ts';
import { holdConfirmation, manageAction } from '../http/forms.ts';
import { manageUrl, renderBookingMessage } from '../messages/booking-messages.ts';
import {
  cancelBooking,
  changeBooking,
  confirmBooking,
  createBooking,
  findByToken,
  resendManageLink,
  toView,
} from '../services/bookings.ts';
import { bookingOptions } from '../services/free-slots.ts';
import { sendCached } from '../http/cached-answer.ts';
import { jsonAnswer } from '../http/answers.ts';
import { staffBehindPublicForm } from '../http/staff-auth.ts';
import { feedbackRoute } from './feedback.ts';
import { limitPublicWrite, refuseForeignPhone } from '../http/limits.ts';

const route = routeDocs({ tag: 'Bookings', auth: 'public' });

/** The manage page a form post goes back to. */
const managePage = (token: string) => `booking/manage/${token}/`;

export const bookingRoutes = new Hono<AppEnv>()
  .use('/manage/:token', tokenShape)
  .use('/manage/:token/*', tokenShape)
  .get(
    '/options',
    route({ summary: 'Languages and meeting modes that can be booked', response: bookingOptionsSchema }),
    async (c) => c.json(await bookingOptions(c.get('deps').db)),
  )
  .get(
    '/slots',
    route({ summary: 'Free times for a language and mode', query: slotQuerySchema, response: slotsResponseSchema }),
    async (c) => {
      const { language, mode } = c.get('input').query();
      const { freeTimes, now } = c.get('deps');
      return sendCached(c, await freeTimes.answer(language, mode, now()));
    },
  )
  .post(
    '/',
    route({
      summary: 'Book an integration-plan assessment',
      body: bookingRequestSchema,
      response: bookingCreatedSchema,
      status: 201,
    }),
    async (c) => {
      const req = await c.get('input').body();
      const { db, config, now } = c.get('deps');
      refuseForeignPhone(c, req.phone);
      await limitPublicWrite(c, 'booking');
      const staff = await staffBehindPublicForm(c);
      const created = await createBooking(db, req, now(), config.booking, c.get('deps').freeTimes, staff?.user);
      // Relative, like icsUrl: the page shows it on its own origin (emails carry PUBLIC_BASE_URL's).
      const url = manageUrl('', created.locale, created.token);
      return jsonAnswer(
        c,
        { booking: created.view, manageUrl: url, icsUrl: `/api/bookings/manage/${created.token}/calendar.ics` },
        201,
      );
    },
  )
  .post(
    '/resend-link',
    route({
      summary: 'Send the manage link again to the contact on record',
      body: resendLinkSchema,
      response: statusSchema,
      status: 202,
    }),
    async (c) => {
      const req = await c.get('input').body();
      refuseForeignPhone(c, req.phone);
      await limitPublicWrite(c, 'resendLink');
      await resendManageLink(c.get('deps').db, req, c.get('deps').now());
      return c.json({ status: 'accepted' }, 202);
    },
  )
  .route('/manage/:token/feedback', feedbackRoute('booking', 'The anonymous satisfaction answer after a booking'))
  .get(
    '/manage/:token',
    route({ summary: 'A booking by its manage token', response: bookingAnswerSchema }),
    async (c) => {
      const { db, config, now } = c.get('deps');
      const row = await findByToken(db, c.req.param('token'));
      if (!row) throw new DomainError('not_found');
      c.header('Cache-Control', 'no-store');
      return c.json({ booking: toView(row, now(), config.booking) });
    },
  )
  .get(
    '/manage/:token/calendar.ics',
    route({ summary: 'The booking as a calendar file', produces: 'text/calendar' }),
    async (c) => {
      const { db, config } = c.get('deps');
      const token = c.req.param('token');
      const row = await findByToken(db, token);
      if (!row) throw new DomainError('not_found');
      const msg = renderBookingMessage(row.status === 'cancelled' ? 'booking_cancelled' : 'booking_confirmed', row, {
        baseUrl: config.PUBLIC_BASE_URL,
        token,
      });
      return c.body(msg.ics!.content, 200, {
        'Content-Type': `text/calendar; charset=utf-8; method=${msg.ics!.method}`,
        'Content-Disposition': 'attachment; filename="international-house-lahti.ics"',
        'Cache-Control': 'no-store',
      });
    },
  )
  .post(
    '/manage/:token/cancel',
    route({
      summary: 'Cancel the booking (JSON, or a form post answered with a redirect)',
      response: bookingAnswerSchema,
    }),
    async (c) => {
      const token = c.req.param('token');
      const { db, config, now, freeTimes } = c.get('deps');
      return manageAction(
        c,
        { page: managePage(token), done: 'cancelled', confirmBox: true },
        () => cancelBooking(db, token, now(), config.booking, freeTimes),
        (booking) => c.json({ booking }),
      );
    },
  )
  .post(
    '/manage/:token/confirm',
    route({
      summary:
        'Confirm a held booking with the 6-digit code or the link sent to its contact (JSON, or a form post answered with a redirect)',
      body: confirmRequestSchema,
      response: bookingAnswerSchema,
    }),
    async (c) => {
      const token = c.req.param('token');
      const { db, config, now } = c.get('deps');
      return manageAction(
        c,
        { page: managePage(token), done: 'confirmed' },
        (data) => {
          const { proof, locale } = holdConfirmation(c.get('input').parse, data);
          return confirmBooking(db, token, proof, now(), config.booking, locale);
        },
        (booking) => c.json({ booking }),
      );
    },
  )
  .post(
    '/manage/:token/change',
    route({
      summary: 'Move the booking to another free time (JSON, or a form post answered with a redirect)',
      body: changeRequestSchema,
      response: bookingAnswerSchema,
    }),
    async (c) => {
      const token = c.req.param('token');
      const { db, config, now, freeTimes } = c.get('deps');
      return manageAction(
        c,
        { page: managePage(token), done: 'changed' },
        (data) => {
          const { slotId } = c.get('input').parse({ slotId: data.slotId });
          return changeBooking(db, token, slotId, now(), config.booking, freeTimes);
        },
        (booking) => c.json({ booking }),
      );
    },
  );
