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
let reference = '';

beforeAll(async () => {
  t = await testApp();
  await seedDemo(t.deps.db, { now: t.deps.now() });
  admin = await staffAgent(t, 'admin');
  coordinator = await staffAgent(t, 'coordinator');
  const slots = await t.json('/api/bookings/slots?language=fi&mode=phone');
  const slot = slots.body.days[0].times[0];
  const booked = await t.json('/api/bookings', { method: 'POST', json: { slotId: slot.slotId, serviceLanguage: 'fi', mode: 'phone', name: 'Aino Asiakas', phone: '040 111 2222', email: 'Aino@Example.com', contactLanguage: 'fi', locale: 'fi' } });
  expect(booked.status).toBe(201);
  reference = booked.body.booking.reference;
  const referral = await t.json('/api/requests/referral', {
    method: 'POST',
    json: { partnerOrg: 'kela', partnerName: 'Kela', referrerName: 'Ref', referrerEmail: 'ref@kela.example', clientName: 'Aino Asiakas', clientEmail: 'aino@example.com', clientLanguage: 'fi', interpreterNeeded: false, reasons: ['work'], consent: true, consentVersion: REFERRAL_CONSENT_VERSION, locale: 'fi' },
  });
  expect(referral.status).toBe(201);
});
afterAll(() => t.close());

describe(`export and erasure of one person's data (${engine})`, () => {
  test('by contact: the booking and the referral; by reference: the booking; only admins', async () => {
    const byEmail = await staffCall(t, admin, 'GET', `/api/staff/admin/person?contact=${encodeURIComponent('AINO@example.com')}`);
    expect(byEmail.status).toBe(200);
    expect(byEmail.body.bookings.map((b: { reference: string }) => b.reference)).toEqual([reference]);
    expect(byEmail.body.requests).toHaveLength(1);
    expect(byEmail.body.requests[0].personal.clientName).toBe('Aino Asiakas');
    const byPhone = await staffCall(t, admin, 'GET', `/api/staff/admin/person?contact=${encodeURIComponent('+358 40 111 2222')}`);
    expect(byPhone.body.bookings).toHaveLength(1);
    const byReference = await staffCall(t, admin, 'GET', `/api/staff/admin/person?reference=${reference.toLowerCase()}`);
    expect(byReference.body.bookings).toHaveLength(1);
    expect((await staffCall(t, coordinator, 'GET', `/api/staff/admin/person?reference=${reference}`)).status).toBe(403);
    expect((await staffCall(t, admin, 'GET', '/api/staff/admin/person')).status).toBe(422);
    expect((await staffCall(t, admin, 'GET', '/api/staff/admin/person?contact=not-a-contact')).status).toBe(422);
  });

  test('erasure removes the person and keeps the statistics; the audit log has counts, no details', async () => {
    expect((await staffCall(t, admin, 'POST', '/api/staff/admin/person/erase', { contact: 'aino@example.com' })).status).toBe(422); // no confirmation
    const erased = await staffCall(t, admin, 'POST', '/api/staff/admin/person/erase', { contact: 'aino@example.com', confirm: true });
    expect(erased.body.erased).toEqual({ bookings: 1, enrolments: 0, requests: 1 });
    const after = await staffCall(t, admin, 'GET', `/api/staff/admin/person?contact=aino@example.com`);
    expect(after.body).toMatchObject({ bookings: [], enrolments: [], requests: [] });
    expect((await t.deps.db.query('select 1 from booking_facts')).rows).toHaveLength(1);
    expect((await t.deps.db.query(`select 1 from requests where kind = 'referral' and personal is null`)).rows).toHaveLength(1);
    const log = (await t.deps.db.query<{ action: string; detail: unknown }>(`select action, detail from audit_log where record_type = 'person' order by id`)).rows;
    expect(log.map((l) => l.action)).toEqual(['export', 'export', 'export', 'delete', 'export']);
    expect(JSON.stringify(log)).not.toMatch(/aino|Asiakas|2222/i);
  });
});
