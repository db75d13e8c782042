/** The public course enrolment API (the catalogue pages come with the catalogue issue). */
import { Hono } from 'hono';
import type { AppEnv } from '../context.ts';
import { enrolmentRequestSchema } from '../../src/contracts/courses.ts';
import { ApiError } from '../http/errors.ts';
import { parseQuery, parseWith, readJson } from '../http/validate.ts';
import * as z from 'zod/mini';
import { languageCodeSchema } from '../../src/contracts/booking.ts';
import { cancelEnrolment, enrol, listGroups, seatsLeft } from '../services/enrolments.ts';

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const groupId = (id: string) => {
  if (!uuid.test(id)) throw new ApiError('not_found');
  return id;
};

const groupFilter = z.object({
  language: z.optional(languageCodeSchema),
  month: z.optional(z.string().check(z.regex(/^\d{4}-(0[1-9]|1[0-2])$/))),
  format: z.optional(z.enum(['in_person', 'online', 'hybrid'])),
});

export const courseRoutes = new Hono<AppEnv>()
  .get('/groups', async (c) => {
    c.header('Cache-Control', 'no-store');
    return c.json({ groups: await listGroups(c.var.deps.db, parseQuery(c, groupFilter), c.var.deps.now()) });
  })
  .get('/groups/:id/seats', async (c) => {
    c.header('Cache-Control', 'no-store');
    return c.json(await seatsLeft(c.var.deps.db, groupId(c.req.param('id'))));
  })
  .post('/groups/:id/enrolments', async (c) => {
    const req = parseWith(enrolmentRequestSchema, await readJson(c));
    if (req.website) throw new ApiError('validation_failed');
    const created = await enrol(c.var.deps.db, { groupId: groupId(c.req.param('id')), ...req, locale: c.req.header('x-locale') }, c.var.deps.now());
    return c.json({ reference: created.reference, status: created.status, manageToken: created.token }, 201);
  })
  .post('/enrolments/manage/:token/cancel', async (c) => {
    const token = c.req.param('token');
    // The manage page posts a plain form (no JavaScript needed); the island posts JSON.
    if (/^application\/x-www-form-urlencoded/i.test(c.req.header('content-type') ?? '')) {
      const site = c.req.header('sec-fetch-site');
      if (site && site !== 'same-origin' && site !== 'none') throw new ApiError('forbidden_origin', { status: 403, messageKey: 'errors.validation' });
      const form = await c.req.parseBody();
      const locale = typeof form.locale === 'string' && /^[a-z]{2,3}$/.test(form.locale) ? form.locale : 'fi';
      if (form.confirm !== 'yes') return c.redirect(`/${locale}/courses/manage/${token}/?error=confirm`, 303);
      try {
        await cancelEnrolment(c.var.deps.db, token, c.var.deps.now());
        return c.redirect(`/${locale}/courses/manage/${token}/?done=cancelled`, 303);
      } catch (err) {
        if (err instanceof ApiError) return c.redirect(`/${locale}/courses/manage/${token}/?error=${err.code}`, 303);
        throw err;
      }
    }
    return c.json(await cancelEnrolment(c.var.deps.db, token, c.var.deps.now()));
  });
