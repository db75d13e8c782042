/**
 * A data subject's request, on each engine: by a reference, an admin exports or erases everything
 * under it; by a contact, the portal first lists the candidate records (kind, day, initials) and the
 * admin picks which to export or erase, so a family sharing one phone is not exported or erased
 * together. The statistics stay; the audit log records that it happened with counts, never the
 * person's details; the erasure journal gets record ids only.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { testApp, type TestApp } from '../support/app.ts';
import { engine } from '../support/db.ts';
import { openGroup, personWithData } from '../support/person.ts';
import { staffAgent, staffCall, type Agent } from '../support/staff.ts';
import { seedDemo } from '../../server/db/seed.ts';
import type { PersonCandidate } from '../../src/contracts/person.ts';

let t: TestApp;
let admin: Agent;
let coordinator: Agent;

beforeAll(async () => {
  t = await testApp();
  await seedDemo(t.deps.db, { now: t.deps.now() });
  admin = await staffAgent(t, 'admin');
  coordinator = await staffAgent(t, 'coordinator');
});
afterAll(() => t.close());

const count = async (sql: string) =>
  (await t.deps.db.query<{ n: number }>(`select count(*)::int as n from ${sql}`)).rows[0]!.n;
const candidates = async (contact: string): Promise<PersonCandidate[]> => {
  const res = await staffCall(
    t,
    admin,
    'GET',
    `/api/staff/admin/person/candidates?contact=${encodeURIComponent(contact)}`,
  );
  expect(res.status).toBe(200);
  return res.body.candidates;
};
const picked = (list: PersonCandidate[]) => list.map(({ kind, id }) => ({ kind, id }));

describe(`export and erasure of one person's data (${engine})`, () => {
  test('by contact: the candidates only (kind, day, initials), then the picked records; by reference: everything under it; only admins', async () => {
    const mine = await personWithData(t, 'Aino Asiakas', '040 111 2222', 'Aino@Example.com');
    const byEmail = await candidates('AINO@example.com');
    expect(byEmail.map((c) => [c.kind, c.reference, c.initials])).toEqual(
      expect.arrayContaining([
        ['booking', mine.booking, 'A. A.'],
        ['request', mine.referral, 'A. A.'],
      ]),
    );
    expect(byEmail).toHaveLength(2);
    for (const c of byEmail) expect(c.date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    // Nothing but the descriptors: no name, contact or free text.
    expect(JSON.stringify(byEmail)).not.toMatch(/Aino|Asiakas|2222|example\.com/i);
    expect(await candidates('+358 40 111 2222')).toHaveLength(2);

    const exported = await staffCall(t, admin, 'POST', '/api/staff/admin/person/export', {
      records: picked(byEmail.filter((c) => c.kind === 'booking')),
    });
    expect(exported.status).toBe(200);
    expect(exported.body.bookings.map((b: { reference: string }) => b.reference)).toEqual([mine.booking]);
    expect(exported.body.requests).toEqual([]);

    const byReference = await staffCall(
      t,
      admin,
      'GET',
      `/api/staff/admin/person?reference=${mine.referral.toLowerCase()}`,
    );
    expect(byReference.body.requests).toHaveLength(1);
    expect(byReference.body.requests[0].personal.clientName).toBe('Aino Asiakas');
    expect((await staffCall(t, coordinator, 'GET', `/api/staff/admin/person?reference=${mine.booking}`)).status).toBe(
      403,
    );
    expect(
      (await staffCall(t, coordinator, 'GET', '/api/staff/admin/person/candidates?contact=aino@example.com')).status,
    ).toBe(403);
    expect((await staffCall(t, admin, 'GET', '/api/staff/admin/person')).status).toBe(422);
    // A contact no longer exports: it lists.
    expect((await staffCall(t, admin, 'GET', '/api/staff/admin/person?contact=aino@example.com')).status).toBe(422);
    expect((await staffCall(t, admin, 'GET', '/api/staff/admin/person/candidates?contact=not-a-contact')).status).toBe(
      422,
    );
    expect(
      (await staffCall(t, admin, 'POST', '/api/staff/admin/person/export', { records: [{ kind: 'booking', id: 'x' }] }))
        .status,
    ).toBe(422);
  });

  test('erasure removes the picked records and keeps the statistics; the audit log has counts, the journal ids, no details', async () => {
    await personWithData(t, 'Bertta Poistuva', '040 333 4444', 'bertta@example.com');
    const facts = await count('booking_facts');
    const anonymised = await count(`requests where kind = 'referral' and personal is null`);
    const lastAudit = (await t.deps.db.query<{ id: number }>('select coalesce(max(id), 0)::int as id from audit_log'))
      .rows[0]!.id;
    const found = await candidates('bertta@example.com');
    expect(
      (await staffCall(t, admin, 'POST', '/api/staff/admin/person/erase', { records: picked(found) })).status,
    ).toBe(422); // no confirmation
    // A whole contact is never erased at once.
    expect(
      (
        await staffCall(t, admin, 'POST', '/api/staff/admin/person/erase', {
          contact: 'bertta@example.com',
          confirm: true,
        })
      ).status,
    ).toBe(422);
    const erased = await staffCall(t, admin, 'POST', '/api/staff/admin/person/erase', {
      records: picked(found),
      confirm: true,
    });
    expect(erased.body.erased).toEqual({ bookings: 1, enrolments: 0, requests: 1, queueTexts: 0 });
    expect(await candidates('bertta@example.com')).toEqual([]);
    expect(await count('booking_facts')).toBe(facts + 1);
    expect(await count(`requests where kind = 'referral' and personal is null`)).toBe(anonymised + 1);
    const log = (
      await t.deps.db.query<{ action: string; detail: unknown }>(
        `select action, detail from audit_log where record_type = 'person' and id > $1 order by id`,
        [lastAudit],
      )
    ).rows;
    expect(log.map((l) => l.action)).toEqual(['list', 'delete', 'list']);
    expect(JSON.stringify(log)).not.toMatch(/bertta|Poistuva|4444/i);
    // The journal: the erased records' ids, nothing else.
    const dir = t.deps.config.ERASURE_JOURNAL!;
    const journal = fs
      .readdirSync(dir)
      .map((f) => fs.readFileSync(path.join(dir, f), 'utf8'))
      .join('');
    expect(journal).not.toMatch(/bertta|Poistuva|4444/i);
    for (const c of found) expect(journal).not.toContain(c.reference);
    const last = JSON.parse(journal.trim().split('\n').at(-1)!);
    expect(last).toEqual({
      at: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/),
      bookings: [found.find((c) => c.kind === 'booking')!.id],
      enrolments: [],
      requests: [found.find((c) => c.kind === 'request')!.id],
      queueTexts: [],
    });
  });

  test('two people sharing one phone: both are candidates; erasing one leaves the other', async () => {
    const group = await openGroup(t);
    const mother = await personWithData(t, 'Leila Perhe', '040 555 6666', 'leila@example.com', { enrolIn: group });
    const son = await personWithData(t, 'Omar Perhe', '040 555 6666', 'omar@example.com', { enrolIn: group });
    const shared = await candidates('040 555 6666');
    expect(shared.map((c) => c.initials).sort()).toEqual(['L. P.', 'L. P.', 'L. P.', 'O. P.', 'O. P.', 'O. P.']);
    const hers = shared.filter((c) => c.initials === 'L. P.');
    const erased = await staffCall(t, admin, 'POST', '/api/staff/admin/person/erase', {
      records: picked(hers),
      confirm: true,
    });
    expect(erased.body.erased).toEqual({ bookings: 1, enrolments: 1, requests: 1, queueTexts: 0 });
    const left = await candidates('040 555 6666');
    expect(left.map((c) => c.reference).sort()).toEqual([son.booking, son.enrolment, son.referral].sort());
    for (const ref of [mother.booking, mother.enrolment!])
      expect((await staffCall(t, admin, 'GET', `/api/staff/admin/person?reference=${ref}`)).body).toMatchObject({
        bookings: [],
        enrolments: [],
      });
    // By one reference, as before: that record only.
    const bySon = await staffCall(t, admin, 'POST', '/api/staff/admin/person/erase', {
      reference: son.booking,
      confirm: true,
    });
    expect(bySon.body.erased).toEqual({ bookings: 1, enrolments: 0, requests: 0, queueTexts: 0 });
    expect(await candidates('omar@example.com')).toHaveLength(2);
  });
});
