/**
 * Reliability: hostile input, on each engine. Property-based requests (fast-check) against every
 * public and partner endpoint that takes input: any JSON value, objects with the right field
 * names and wrong values, oversized and odd strings, wrong content types, broken JSON. The answer
 * is never a 500, and a rejected request writes nothing.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { testApp, type TestApp } from '../support/app.ts';
import { engine } from '../support/db.ts';
import { seedDemo } from '../../server/db/seed.ts';
import { createApiKey, createPartner } from '../../server/services/partners.ts';
import { createStaffUser } from '../../server/services/auth.ts';

let t: TestApp;
let partnerKey = '';
const TABLES = ['bookings', 'enrolments', 'queue_tickets', 'requests', 'feedback', 'outbox', 'booking_facts'];

beforeAll(async () => {
  t = await testApp({ env: { TRUST_PROXY: 'true' } });
  await seedDemo(t.deps.db, { now: t.deps.now() });
  const admin = await createStaffUser(
    t.deps.db,
    {
      email: 'hostile-admin@ihl.example',
      displayName: 'Admin',
      role: 'admin',
      languages: ['fi'],
      password: 'kolme vihreää omenaa pöydällä',
    },
    t.deps.now(),
  );
  const partner = await createPartner(t.deps.db, admin, { name: 'Hostile Partner', orgKind: 'ngo' }, t.deps.now());
  partnerKey = (await createApiKey(t.deps.db, admin, partner.id, t.deps.now())).key;
});
afterAll(() => t.close());

async function counts() {
  const out: Record<string, number> = {};
  for (const table of TABLES)
    out[table] = Number((await t.deps.db.query<{ n: number }>(`select count(*)::int as n from ${table}`)).rows[0]!.n);
  return out;
}

/** Field names the endpoints know, so generated objects reach the validators, not just "unknown field". */
const FIELDS = [
  'name',
  'code',
  'link',
  'email',
  'phone',
  'slotId',
  'serviceLanguage',
  'mode',
  'contactLanguage',
  'locale',
  'consent',
  'website',
  'topic',
  'language',
  'channel',
  'reference',
  'company',
  'businessId',
  'contactName',
  'needs',
  'positions',
  'sector',
  'languages',
  'message',
  'partnerOrg',
  'partnerName',
  'referrerName',
  'referrerEmail',
  'clientName',
  'clientPhone',
  'clientEmail',
  'clientLanguage',
  'interpreterNeeded',
  'reasons',
  'note',
  'consentGiven',
  'consentVersion',
  'score',
  'comment',
];
const nasty = fc.oneof(
  fc.string({ maxLength: 50 }),
  fc.string({ unit: 'grapheme', maxLength: 30 }),
  fc.constantFrom(
    '',
    ' ',
    '\u0000',
    '\u202e',
    '<script>alert(1)</script>',
    "'; drop table bookings; --",
    'x'.repeat(5000),
    '0112038-9',
    '+358401234567',
    'a@b.fi',
    'fi',
    'ar',
    'general',
    'true',
  ),
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.array(fc.string({ maxLength: 10 }), { maxLength: 5 }),
  fc.object({ maxDepth: 2 }),
);
const body = fc.oneof(fc.dictionary(fc.constantFrom(...FIELDS), nasty, { maxKeys: 14 }), fc.jsonValue({ maxDepth: 3 }));

function endpoints() {
  return [
    ['/api/bookings', {}],
    ['/api/bookings/resend-link', {}],
    ['/api/courses/groups/00000000-0000-4000-8000-000000000000/enrolments', {}],
    ['/api/queue/points/palvelutori/tickets', {}],
    ['/api/queue/points/aleksanterinkatu-24b/check-in', {}],
    ['/api/requests/employer', {}],
    ['/api/requests/referral', {}],
    ['/api/partner/v1/referrals', { authorization: `Bearer ${partnerKey}` }],
    ['/api/bookings/manage/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA/feedback', {}],
    ['/api/queue/tickets/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA/feedback', {}],
    ['/api/queue/tickets/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA/leave', {}],
    ['/api/bookings/manage/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA/change', {}],
    ['/api/bookings/manage/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA/cancel', {}],
    ['/api/courses/enrolments/manage/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA/cancel', {}],
    // Confirming a hold (README "Security"): a code or a link of any shape, never a 500.
    ['/api/bookings/manage/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA/confirm', {}],
    ['/api/courses/enrolments/manage/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA/confirm', {}],
    ['/api/staff/login', {}],
    ['/api/staff/password-reset', {}],
  ] as const;
}

describe(`hostile input (${engine})`, () => {
  test('random JSON bodies never give a 500, and a rejection writes nothing', async () => {
    let ip = 0;
    for (const [path, headers] of endpoints()) {
      await fc.assert(
        fc.asyncProperty(body, async (json) => {
          const before = await counts();
          const res = await t.app.request(path, {
            method: 'POST',
            headers: { 'content-type': 'application/json', 'x-forwarded-for': `192.0.2.${++ip % 250}`, ...headers },
            body: JSON.stringify(json),
          });
          expect(res.status, `${path} ${JSON.stringify(json).slice(0, 200)}`).toBeLessThan(500);
          const answer = await res.json();
          if (res.status >= 400) {
            expect(answer.error?.code, path).toBeTypeOf('string');
            expect(await counts(), `${path}: a rejected request wrote something`).toEqual(before);
          }
        }),
        { numRuns: 60 },
      );
    }
  }, 300_000);

  test('broken bodies and wrong content types get a 4xx in the one error format', async () => {
    const bodies = fc.oneof(
      fc.string({ maxLength: 200 }),
      fc.constantFrom('{', '{"name":', '[]]', '\u0000', 'null', '"x"', '1e999999'),
    );
    const types = fc.constantFrom(
      'application/json',
      'text/plain',
      'application/x-www-form-urlencoded',
      'multipart/form-data',
      '',
      'application/json; charset=latin1',
    );
    for (const [path, headers] of endpoints()) {
      await fc.assert(
        fc.asyncProperty(bodies, types, async (raw, type) => {
          const before = await counts();
          const res = await t.app.request(path, {
            method: 'POST',
            headers: { ...(type ? { 'content-type': type } : {}), 'sec-fetch-site': 'same-origin', ...headers },
            body: raw,
          });
          expect(res.status, `${path} ${type} ${JSON.stringify(raw)}`).toBeLessThan(500);
          if (res.status >= 400 && res.headers.get('content-type')?.startsWith('application/json'))
            expect((await res.json()).error?.code).toBeTypeOf('string');
          if (res.status >= 400) expect(await counts()).toEqual(before);
        }),
        { numRuns: 25 },
      );
    }
  }, 300_000);

  test('path parameters of any shape: never a 500', async () => {
    const segment = fc.oneof(
      fc.string({ maxLength: 60 }),
      fc.constantFrom('..', '%00', '%2e%2e', 'a'.repeat(500), '00000000-0000-4000-8000-000000000000'),
    );
    const paths = [
      '/api/bookings/manage/{}',
      '/api/bookings/manage/{}/calendar.ics',
      '/api/queue/tickets/{}',
      '/api/queue/points/{}/status',
      '/api/courses/groups/{}/seats',
      '/api/queue/points/{}/display',
    ];
    for (const template of paths) {
      await fc.assert(
        fc.asyncProperty(segment, async (s) => {
          const res = await t.app.request(template.replace('{}', encodeURIComponent(s)));
          expect(res.status, `${template} ${JSON.stringify(s)}`).toBeLessThan(500);
          await res.body?.cancel();
        }),
        { numRuns: 40 },
      );
    }
  }, 120_000);
});
