/** The public course enrolment API (the catalogue pages come with the catalogue issue). */
import { Hono } from 'hono';
import type { AppEnv } from '../context.ts';
import { tokenShape } from '../http/paths.ts';
import { enrolmentRequestSchema } from '../../src/contracts/courses.ts';
import { DomainError } from '../domain/errors.ts';
import { isCodedError } from '../http/errors.ts';
import { routeDocs } from '../http/route-doc.ts';
import {
  courseGroupsSchema,
  enrolmentCreatedSchema,
  seatsSchema,
  statusSchema,
} from '../../src/contracts/responses.ts';
import { backTo, formFields, holdConfirmation, isFormPost, manageAction } from '../http/forms.ts';
import * as z from 'zod/mini';
import { confirmRequestSchema, languageCodeSchema } from '../../src/contracts/booking.ts';
import { cancelEnrolment, confirmEnrolment, enrol, listGroups, seatsLeft } from '../services/enrolments.ts';
import { limitPublicWrite, refuseForeignPhone } from '../http/limits.ts';

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const groupId = (id: string) => {
  if (!uuid.test(id)) throw new DomainError('not_found');
  return id;
};

const groupFilter = z.object({
  language: z.optional(languageCodeSchema),
  month: z.optional(z.string().check(z.regex(/^\d{4}-(0[1-9]|1[0-2])$/))),
  format: z.optional(z.enum(['in_person', 'online', 'hybrid'])),
});

const route = routeDocs({ tag: 'Courses', auth: 'public' });

export const courseRoutes = new Hono<AppEnv>()
  .use('/enrolments/manage/:token/*', tokenShape)
  .get(
    '/groups',
    route({
      summary: 'Society-orientation groups with their free seats',
      query: groupFilter,
      response: courseGroupsSchema,
    }),
    async (c) => {
      c.header('Cache-Control', 'no-store');
      return c.json({ groups: await listGroups(c.get('deps').db, c.get('input').query(), c.get('deps').now()) });
    },
  )
  .get('/groups/:id/seats', route({ summary: 'Seats left in a group', response: seatsSchema }), async (c) => {
    c.header('Cache-Control', 'no-store');
    return c.json(await seatsLeft(c.get('deps').db, groupId(c.req.param('id')), c.get('deps').now()));
  })
  .post(
    '/groups/:id/enrolments',
    route({
      summary: 'Enrol (or join the waitlist)',
      body: enrolmentRequestSchema,
      response: enrolmentCreatedSchema,
      status: 201,
    }),
    async (c) => {
      const req = await c.get('input').body();
      if (req.website) throw new DomainError('validation_failed');
      const id = groupId(c.req.param('id'));
      refuseForeignPhone(c, req.phone);
      await limitPublicWrite(c, 'enrolment');
      const { db, now, config } = c.get('deps');
      const created = await enrol(
        db,
        { groupId: id, ...req, locale: c.req.header('x-locale') },
        now(),
        config.limits.activePerContact,
        // On the public site a contact not confirmed before only holds the place (server/domain/holds.ts).
        'hold',
      );
      return c.json(
        {
          reference: created.reference,
          status: created.status,
          manageToken: created.token,
          confirmBy: created.confirmBy,
        },
        201,
      );
    },
  )
  .post(
    '/enrolments/manage/:token/confirm',
    route({
      summary:
        'Confirm a held enrolment with the 6-digit code or the link sent to its contact (JSON, or a form post answered with a redirect)',
      body: confirmRequestSchema,
      response: statusSchema,
    }),
    async (c) => {
      const token = c.req.param('token');
      return manageAction(
        c,
        { page: `courses/manage/${token}/`, done: 'confirmed' },
        (data) => {
          const { proof, locale } = holdConfirmation(c.get('input').parse, data);
          return confirmEnrolment(c.get('deps').db, token, proof, c.get('deps').now(), locale);
        },
        () => c.json({ status: 'confirmed' }),
      );
    },
  )
  .post(
    '/enrolments/manage/:token/cancel',
    route({ summary: 'Cancel an enrolment (JSON, or a form post answered with a redirect)', response: statusSchema }),
    async (c) => {
      const token = c.req.param('token');
      if (!isFormPost(c)) return c.json(await cancelEnrolment(c.get('deps').db, token, c.get('deps').now()));
      // The manage page posts a plain form (no JavaScript needed).
      const form = await formFields(c);
      const back = (query: string) => backTo(c, form.locale, `courses/manage/${token}/`, query);
      if (form.confirm !== 'yes') return back('error=confirm');
      try {
        await cancelEnrolment(c.get('deps').db, token, c.get('deps').now());
        return back('done=cancelled');
      } catch (err) {
        if (isCodedError(err)) return back(`error=${err.code}`);
        throw err;
      }
    },
  );
