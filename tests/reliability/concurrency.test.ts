/**
 * Reliability: concurrency under parallel load, on each engine. Many people booking the same
 * time, enrolling in the last seats, and advisors calling next at once: nothing is ever given
 * twice, and what the database holds matches what the API answered.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { testApp, type TestApp } from '../support/app.ts';
import { engine } from '../support/db.ts';
import { STAFF_PASSWORD, staffCall, type Agent } from '../support/staff.ts';
import { seedDemo } from '../../server/db/seed.ts';
import { createStaffUser } from '../../server/services/auth.ts';

let t: TestApp;
beforeAll(async () => {
  t = await testApp();
  await seedDemo(t.deps.db, { now: t.deps.now() });
});
afterAll(() => t.close());

const person = (i: number) => ({
  name: `Parallel Person ${i}`,
  email: `parallel-${i}-${Math.random().toString(36).slice(2)}@example.invalid`,
});

describe(`concurrency (${engine})`, () => {
  test('40 people book the same time at once: one gets it, 39 are told it was taken', async () => {
    const slots = await t.json('/api/bookings/slots?language=fi&mode=phone');
    const slot = slots.body.days[0].times[0];
    const answers = await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        t.json('/api/bookings', {
          method: 'POST',
          json: {
            slotId: slot.slotId,
            serviceLanguage: 'fi',
            mode: 'phone',
            contactLanguage: 'fi',
            locale: 'fi',
            ...person(i),
          },
        }),
      ),
    );
    const statuses = answers.map((a) => a.status);
    expect(statuses.filter((s) => s === 201)).toHaveLength(1);
    expect(statuses.filter((s) => s === 409)).toHaveLength(39);
    const held = await t.deps.db.query(`select 1 from bookings where status = 'active' and starts_at = $1`, [
      slot.start,
    ]);
    expect(held.rows).toHaveLength(1);
  });

  test('25 people enrol in a group with 3 seats left at once: exactly 3 seats, the rest waitlisted in order', async () => {
    const group = (
      await t.deps.db.query<{ id: string; capacity: number; enrolled_count: number }>(
        `select id, capacity, enrolled_count from course_groups where status = 'open' order by capacity limit 1`,
      )
    ).rows[0]!;
    await t.deps.db.query('update course_groups set capacity = enrolled_count + 3 where id = $1', [group.id]);
    const answers = await Promise.all(
      Array.from({ length: 25 }, (_, i) =>
        t.json(`/api/courses/groups/${group.id}/enrolments`, {
          method: 'POST',
          json: { ...person(100 + i), contactLanguage: 'fi', consent: true },
        }),
      ),
    );
    expect(answers.every((a) => a.status === 201)).toBe(true);
    const statuses = answers.map((a) => a.body.enrolment?.status ?? a.body.status);
    expect(statuses.filter((s) => s === 'enrolled')).toHaveLength(3);
    expect(statuses.filter((s) => s === 'waitlisted')).toHaveLength(22);
    const after = (
      await t.deps.db.query<{ capacity: number; enrolled_count: number }>(
        'select capacity, enrolled_count from course_groups where id = $1',
        [group.id],
      )
    ).rows[0]!;
    expect(after.enrolled_count).toBe(after.capacity);
    const real = await t.deps.db.query(`select 1 from enrolments where group_id = $1 and status = 'enrolled'`, [
      group.id,
    ]);
    expect(real.rows).toHaveLength(after.capacity);
  });

  test('four advisors call next at once, 15 rounds over 20 waiting tickets (two more advisors find their desks taken): each ticket called once', async () => {
    const agents: Agent[] = [];
    await t.deps.db.query(
      `insert into queue_openings (service_point, opens_at, closes_at, created_at) values ('palvelutori', $1, $2, $1)`,
      [new Date(t.deps.now().getTime() - 3_600_000), new Date(t.deps.now().getTime() + 3_600_000)],
    );
    for (let i = 0; i < 6; i++) {
      const email = `caller-${i}@ihl.example`;
      await createStaffUser(
        t.deps.db,
        { email, displayName: `Caller ${i}`, role: 'advisor', languages: ['fi'], password: STAFF_PASSWORD },
        t.deps.now(),
      );
      const res = await t.app.request('/api/staff/login', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email, password: STAFF_PASSWORD }),
      });
      const agent = {
        cookie: res.headers.get('set-cookie')!.split(';')[0]!,
        csrf: ((await res.json()) as { csrfToken: string }).csrfToken,
      };
      agents.push(agent);
      expect(
        (
          await staffCall(t, agent, 'POST', '/api/staff/queue/desk', {
            servicePoint: 'palvelutori',
            desk: String(1 + (i % 4)),
            languages: ['fi'],
          })
        ).status,
      ).toBe(i < 4 ? 200 : 409);
    }
    for (let i = 0; i < 20; i++)
      expect(
        (
          await t.json('/api/queue/points/palvelutori/tickets', {
            method: 'POST',
            json: { topic: 'general', language: 'fi' },
            headers: { 'x-forwarded-for': `10.0.0.${i}` },
          })
        ).status,
      ).toBe(201);
    const desks = agents.slice(0, 4);
    const called: string[] = [];
    for (let round = 0; round < 15; round++) {
      const answers = await Promise.all(desks.map((a) => staffCall(t, a, 'POST', '/api/staff/queue/call-next', {})));
      for (const [i, a] of answers.entries()) {
        if (a.status !== 200 || !a.body.called) continue;
        called.push(a.body.called.code);
        await staffCall(t, desks[i]!, 'POST', `/api/staff/queue/tickets/${a.body.called.id}/served`);
      }
    }
    expect(called).toHaveLength(20);
    expect(new Set(called).size).toBe(20);
    const served = await t.deps.db.query(`select 1 from queue_tickets where status = 'served'`);
    expect(served.rows).toHaveLength(20);
  });
});
