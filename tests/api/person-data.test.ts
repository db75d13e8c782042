/**
 * A data subject's request, on each engine: an admin exports everything held on one person (by
 * reference or by contact) and erases it; the statistics stay; the audit log records that it
 * happened with counts, never the person's details.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { testApp, type TestApp } from '../support/app.ts';
import { engine } from '../support/db.ts';
import { staffAgent, staffCall, type Agent } from '../support/staff.ts';
import { seedDemo } from '../../server/db/seed.ts';
import { REFERRAL_CONSENT_VERSION } from '../../src/contracts/requests.ts';

let t: TestApp;
let admin: Agent;
let coordinator: Agent;
/** A person of the test's own: a booking and a referral under one name and contact. */
async function personWithData(name: string, phone: string, email: string) {
  const slots = await t.json('/api/bookings/slots?language=fi&mode=phone');
  const taken = new Set(
    (await t.deps.db.query<{ starts_at: Date }>(`select starts_at from bookings where status = 'active'`)).rows.map(
      (r) => new Date(r.starts_at).toISOString(),
    ),
  );
  const slot = slots.body.days
    .flatMap((d: { times: { slotId: string; start: string }[] }) => d.times)
    .find((x: { start: string }) => !taken.has(x.start));
  const booked = await t.json('/api/bookings', {
    method: 'POST',
    json: {
      slotId: slot.slotId,
      serviceLanguage: 'fi',
      mode: 'phone',
      name,
      phone,
      email,
      contactLanguage: 'fi',
      locale: 'fi',
    },
  });
  expect(booked.status).toBe(201);
  const referral = await t.json('/api/requests/referral', {
    method: 'POST',
    json: {
      partnerOrg: 'kela',
      partnerName: 'Kela',
      referrerName: 'Ref',
      referrerEmail: 'ref@kela.example',
      clientName: name,
      clientEmail: email.toLowerCase(),
      clientLanguage: 'fi',
      interpreterNeeded: false,
      reasons: ['work'],
      consent: true,
      consentVersion: REFERRAL_CONSENT_VERSION,
      locale: 'fi',
    },
  });
  expect(referral.status).toBe(201);
  return booked.body.booking.reference as string;
}

beforeAll(async () => {
  t = await testApp();
  await seedDemo(t.deps.db, { now: t.deps.now() });
  admin = await staffAgent(t, 'admin');
  coordinator = await staffAgent(t, 'coordinator');
});
afterAll(() => t.close());

const count = async (sql: string) =>
  (await t.deps.db.query<{ n: number }>(`select count(*)::int as n from ${sql}`)).rows[0]!.n;

describe(`export and erasure of one person's data (${engine})`, () => {
  test('by contact: the booking and the referral; by reference: the booking; only admins', async () => {
    const reference = await personWithData('Aino Asiakas', '040 111 2222', 'Aino@Example.com');
    const byEmail = await staffCall(
      t,
      admin,
      'GET',
      `/api/staff/admin/person?contact=${encodeURIComponent('AINO@example.com')}`,
    );
    expect(byEmail.status).toBe(200);
    expect(byEmail.body.bookings.map((b: { reference: string }) => b.reference)).toEqual([reference]);
    expect(byEmail.body.requests).toHaveLength(1);
    expect(byEmail.body.requests[0].personal.clientName).toBe('Aino Asiakas');
    const byPhone = await staffCall(
      t,
      admin,
      'GET',
      `/api/staff/admin/person?contact=${encodeURIComponent('+358 40 111 2222')}`,
    );
    expect(byPhone.body.bookings).toHaveLength(1);
    const byReference = await staffCall(
      t,
      admin,
      'GET',
      `/api/staff/admin/person?reference=${reference.toLowerCase()}`,
    );
    expect(byReference.body.bookings).toHaveLength(1);
    expect((await staffCall(t, coordinator, 'GET', `/api/staff/admin/person?reference=${reference}`)).status).toBe(403);
    expect((await staffCall(t, admin, 'GET', '/api/staff/admin/person')).status).toBe(422);
    expect((await staffCall(t, admin, 'GET', '/api/staff/admin/person?contact=not-a-contact')).status).toBe(422);
  });

  test('erasure removes the person and keeps the statistics; the audit log has counts, no details', async () => {
    await personWithData('Bertta Poistuva', '040 333 4444', 'bertta@example.com');
    const facts = await count('booking_facts');
    const anonymised = await count(`requests where kind = 'referral' and personal is null`);
    const lastAudit = (await t.deps.db.query<{ id: number }>('select coalesce(max(id), 0)::int as id from audit_log'))
      .rows[0]!.id;
    expect(
      (await staffCall(t, admin, 'POST', '/api/staff/admin/person/erase', { contact: 'bertta@example.com' })).status,
    ).toBe(422); // no confirmation
    const erased = await staffCall(t, admin, 'POST', '/api/staff/admin/person/erase', {
      contact: 'bertta@example.com',
      confirm: true,
    });
    expect(erased.body.erased).toEqual({ bookings: 1, enrolments: 0, requests: 1, queueTexts: 0 });
    const after = await staffCall(t, admin, 'GET', `/api/staff/admin/person?contact=bertta@example.com`);
    expect(after.body).toMatchObject({ bookings: [], enrolments: [], requests: [] });
    expect(await count('booking_facts')).toBe(facts + 1);
    expect(await count(`requests where kind = 'referral' and personal is null`)).toBe(anonymised + 1);
    const log = (
      await t.deps.db.query<{ action: string; detail: unknown }>(
        `select action, detail from audit_log where record_type = 'person' and id > $1 order by id`,
        [lastAudit],
      )
    ).rows;
    expect(log.map((l) => l.action)).toEqual(['delete', 'export']);
    expect(JSON.stringify(log)).not.toMatch(/bertta|Poistuva|4444/i);
  });
});
