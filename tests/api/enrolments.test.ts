/**
 * Course seats on each engine: 30 parallel enrolments for the last 3 seats give exactly 3
 * enrolled and 27 waitlisted in arrival order; a cancellation promotes exactly one; and the
 * database itself refuses an overbooking written directly.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { confirmHeldEnrolment } from '../support/holds.ts';
import { newGroup as newCourseGroup } from '../support/courses.ts';
import { testApp, type TestApp } from '../support/app.ts';
import { engine } from '../support/db.ts';

let t: TestApp;
let group = '';
const clock = new Date('2026-11-23T08:00:00Z');
beforeAll(async () => {
  t = await testApp({ now: () => clock });
  const g = await t.deps.db.query<{ id: string }>(
    `insert into course_groups (course_slug, language, format, place, capacity, enrol_opens, enrol_closes, created_at)
     values ('society-orientation', 'ar', 'in_person', 'Aleksanterinkatu 24B', 5, '2026-11-01', '2026-12-31', $1) returning id`,
    [clock],
  );
  group = g.rows[0]!.id;
});
afterAll(() => t.close());

const enrolBody = (i: number) => ({
  name: `Osallistuja ${i}`,
  email: `p${i}@example.com`,
  contactLanguage: 'ar',
  consent: true,
});

describe(`course seats (${engine})`, () => {
  // Each test fills a group of its own, so the tests hold in any order.
  const newGroup = (capacity: number) => newCourseGroup(t, capacity, clock);
  const enrolIn = (groupId: string, i: number) =>
    t.json(`/api/courses/groups/${groupId}/enrolments`, { method: 'POST', json: enrolBody(i) });

  test('two early enrolments take two of five seats', async () => {
    const mine = await newGroup(5);
    for (const i of [100, 101]) expect((await enrolIn(mine, i)).body.status).toBe('enrolled');
    expect((await t.json(`/api/courses/groups/${mine}/seats`)).body).toEqual({ capacity: 5, enrolled: 2, waiting: 0 });
  });

  test('30 parallel enrolments for the last 3 seats: exactly 3 enrolled, 27 waitlisted, in arrival order', async () => {
    const mine = await newGroup(5);
    for (const i of [100, 101]) await enrolIn(mine, i);
    const results = await Promise.all(Array.from({ length: 30 }, (_, i) => enrolIn(mine, i)));
    expect(results.every((r) => r.status === 201)).toBe(true);
    expect(results.filter((r) => r.body.status === 'enrolled')).toHaveLength(3);
    expect(results.filter((r) => r.body.status === 'waitlisted')).toHaveLength(27);
    const rows = await t.deps.db.query<{ status: string; arrival: number }>(
      `select status, arrival from enrolments where group_id = $1 order by arrival`,
      [mine],
    );
    // Arrival order is the order seats were given: every enrolled person arrived before every waiting one.
    const statuses = rows.rows.map((r) => r.status);
    expect(statuses.slice(0, 5)).toEqual(['enrolled', 'enrolled', 'enrolled', 'enrolled', 'enrolled']);
    expect(statuses.slice(5).every((s) => s === 'waitlisted')).toBe(true);
    expect((await t.json(`/api/courses/groups/${mine}/seats`)).body).toEqual({ capacity: 5, enrolled: 5, waiting: 27 });
  });

  test('a cancellation promotes exactly one, the first in the waitlist', async () => {
    const mine = await newGroup(2);
    for (const i of [200, 201]) expect((await enrolIn(mine, i)).body.status).toBe('enrolled');
    for (const i of [202, 203]) expect((await enrolIn(mine, i)).body.status).toBe('waitlisted');
    const enrolledRow = await t.deps.db.query<{ id: string }>(
      `select id from enrolments where group_id = $1 and status = 'enrolled' order by arrival limit 1`,
      [mine],
    );
    const firstWaiting = await t.deps.db.query<{ id: string }>(
      `select id from enrolments where group_id = $1 and status = 'waitlisted' order by arrival limit 1`,
      [mine],
    );
    // Cancel the first enrolled person through their manage token: set a known one (of the shape
    // the portal makes) for the test.
    const token = 'known-token-for-this-testxxxxxxxxxxxxxxxxxx';
    await t.deps.db.query(
      `update enrolments set manage_token_hash = encode(sha256($2::text::bytea), 'hex') where id = $1`,
      [enrolledRow.rows[0]!.id, token],
    );
    const res = await t.json(`/api/courses/enrolments/manage/${token}/cancel`, { method: 'POST', json: {} });
    expect(res.status).toBe(200);
    const promoted = await t.deps.db.query<{ id: string; status: string }>(
      `select id, status from enrolments where group_id = $1 and promoted_at is not null`,
      [mine],
    );
    expect(promoted.rows).toEqual([{ id: firstWaiting.rows[0]!.id, status: 'enrolled' }]);
    expect((await t.json(`/api/courses/groups/${mine}/seats`)).body).toEqual({ capacity: 2, enrolled: 2, waiting: 1 });
    const told = await t.deps.db.query<{ n: number }>(
      `select count(*)::int as n from outbox where kind = 'enrolment_promoted' and enrolment_id = $1`,
      [firstWaiting.rows[0]!.id],
    );
    expect(told.rows[0]!.n).toBe(1);
  });

  test('the database refuses an extra enrolled row written directly', async () => {
    const mine = await newGroup(1);
    expect((await enrolIn(mine, 300)).body.status).toBe('enrolled');
    await expect(
      t.deps.db.query(
        `insert into enrolments (group_id, reference, manage_token_hash, arrival, status, client_name, client_email, contact_language, consent_version, created_at)
         values ($1, 'XXX-XXX', 'direct', nextval('enrolment_arrival'), 'enrolled', 'Direct', 'd@example.com', 'fi', 'x', $2)`,
        [mine, clock],
      ),
    ).rejects.toThrow(/check constraint|enrolled_count/);
    await expect(
      t.deps.db.query(`update course_groups set enrolled_count = capacity + 1 where id = $1`, [mine]),
    ).rejects.toThrow();
  });

  test('consent is required, and bad input is a 4xx that writes nothing', async () => {
    const before = (await t.deps.db.query<{ n: number }>('select count(*)::int as n from enrolments')).rows[0]!.n;
    for (const body of [
      { ...enrolBody(1), consent: false },
      { name: 'x' },
      { ...enrolBody(2), email: 'nope', phone: undefined },
      'not json',
    ]) {
      const res = await t.json(`/api/courses/groups/${group}/enrolments`, { method: 'POST', json: body });
      expect(res.status).toBeGreaterThanOrEqual(400);
      expect(res.status).toBeLessThan(500);
    }
    // The missing consent is named as such (not "choose one of the options"), in the requester's language.
    const noConsent = await t.json(`/api/courses/groups/${group}/enrolments`, {
      method: 'POST',
      json: { ...enrolBody(3), consent: false },
      locale: 'so',
    });
    expect(noConsent.body.error.fields.consent).toEqual({
      code: 'consent_required',
      message: 'Calaamadee sanduuqa si aad u bixiso ogolaanshahaaga.',
    });
    expect((await t.json('/api/courses/groups/not-a-uuid/seats')).status).toBe(404);
    expect((await t.deps.db.query<{ n: number }>('select count(*)::int as n from enrolments')).rows[0]!.n).toBe(before);
  });
});

describe(`course messages (${engine})`, () => {
  test('an enrolment writes its confirmation with a manage link, and the calendar file holds every session', async () => {
    const g = await t.deps.db.query<{ id: string }>(
      `insert into course_groups (course_slug, language, format, place, capacity, enrol_opens, enrol_closes, created_at)
       values ('digital-skills', 'uk', 'in_person', 'Aleksanterinkatu 24B', 10, '2026-11-01', '2026-12-31', $1) returning id`,
      [clock],
    );
    for (const day of ['2026-12-01', '2026-12-08', '2026-12-15']) {
      await t.deps.db.query(
        `insert into course_sessions (group_id, starts_at, ends_at) values ($1, ($2::date + time '09:00') at time zone 'Europe/Helsinki', ($2::date + time '12:00') at time zone 'Europe/Helsinki')`,
        [g.rows[0]!.id, day],
      );
    }
    const res = await t.json(`/api/courses/groups/${g.rows[0]!.id}/enrolments`, {
      method: 'POST',
      locale: 'uk',
      json: { name: 'Oksana Test', email: 'oksana@example.com', contactLanguage: 'uk', consent: true },
    });
    expect(res.body.status).toBe('enrolled');
    // A new contact: the place is held until confirmed with the code sent (tests/api/holds.test.ts).
    expect(res.body.confirmBy).not.toBeNull();
    await confirmHeldEnrolment(t, res.body.manageToken);
    const { processOutbox } = await import('../../server/workers/outbox.ts');
    const sent: { to: string; subject: string; text: string; ics?: { content: string; method: string } }[] = [];
    const deps = {
      db: t.deps.db,
      log: t.deps.log,
      transports: { email: async (m: (typeof sent)[number]) => void sent.push(m), sms: async () => {} },
      baseUrl: 'https://portal.example',
      from: 'x@portal.example',
      now: () => clock,
    };
    for (;;) {
      const result = await processOutbox(deps);
      expect(result.failed).toBe(0);
      if (result.sent === 0) break;
    }
    const mail = sent.find((m) => m.to === 'oksana@example.com' && m.ics)!;
    expect(mail.text).toContain(`/uk/courses/manage/${res.body.manageToken}/`);
    expect(mail.text).toMatch(/[\u0400-\u04FF]/);
    expect(mail.ics!.method).toBe('REQUEST');
    expect(mail.ics!.content.match(/BEGIN:VEVENT/g)).toHaveLength(3);
  });
});
