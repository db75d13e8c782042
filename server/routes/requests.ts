/**
 * Public ways in for the inbox: the employer form, the referral form for partners' staff, and the
 * partner systems' API (`Authorization: Bearer ihlp_…`). Each answers with a reference and the
 * date of the first contact; nothing about a case is ever shown publicly. Public forms have a
 * honeypot field and limits per address (server/domain/limits.ts; kept only as hashes salted with their window).
 */
import { Hono } from 'hono';
import type { AppEnv } from '../context.ts';
import { employerRequestSchema, partnerReferralSchema, referralFormSchema } from '../../src/contracts/requests.ts';
import { routeDocs } from '../http/route-doc.ts';
import { receivedSchema } from '../../src/contracts/responses.ts';
import { limitPublicWrite } from '../http/limits.ts';
import { spendBudget } from '../services/rate-limit.ts';
import { createEmployerRequest, createReferral } from '../services/requests.ts';
import { partnerForKey } from '../services/partners.ts';

const route = routeDocs({ tag: 'Requests', auth: 'public' });

export const requestRoutes = new Hono<AppEnv>()
  .post(
    '/employer',
    route({
      summary: 'An employer asks IHL to contact them',
      body: employerRequestSchema,
      response: receivedSchema,
      status: 201,
    }),
    async (c) => {
      const input = await c.get('input').body();
      await limitPublicWrite(c, 'employerRequest');
      const received = await createEmployerRequest(c.get('deps').db, input, c.get('deps').now());
      return c.json({ reference: received.reference, dueDate: received.dueDate }, 201);
    },
  )
  .post(
    '/referral',
    route({
      summary: "A partner's staff member refers a client (the public form)",
      body: referralFormSchema,
      response: receivedSchema,
      status: 201,
    }),
    async (c) => {
      const input = await c.get('input').body();
      await limitPublicWrite(c, 'referralForm');
      const received = await createReferral(
        c.get('deps').db,
        input,
        { source: 'form', partnerId: null, orgKind: input.partnerOrg, orgName: input.partnerName },
        c.get('deps').now(),
      );
      return c.json({ reference: received.reference, dueDate: received.dueDate }, 201);
    },
  );

export const partnerApiRoutes = new Hono<AppEnv>().post(
  '/referrals',
  route({
    summary: "A partner's system refers a client",
    tag: 'Partner API',
    auth: 'partner',
    body: partnerReferralSchema,
    response: receivedSchema,
    status: 201,
  }),
  async (c) => {
    const { db, now, config } = c.get('deps');
    const partner = await partnerForKey(db, c.req.header('authorization'), now());
    const input = await c.get('input').body();
    await spendBudget(db, 'partnerApi', partner.keyId, config.limits.partnerApi, now());
    const received = await createReferral(
      db,
      input,
      { source: 'api', partnerId: partner.id, orgKind: partner.org_kind, orgName: partner.name },
      now(),
    );
    return c.json({ reference: received.reference, dueDate: received.dueDate }, 201);
  },
);
