/**
 * "Today" is Helsinki's date and "21 days later" Helsinki's wall-clock time, on each engine. Each
 * case sits where a UTC date or 24-hour days gave another answer: between midnight and 02:00 (03:00
 * in summer) in Helsinki, when UTC is still on the day before, or across a DST change.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { testApp, type TestApp } from '../support/app.ts';
import { engine } from '../support/db.ts';
import { staffAgent, staffCall } from '../support/staff.ts';
import { foldAndDeleteTickets } from '../../server/services/retention.ts';

let clock = new Date('2027-03-01T08:00:00Z');
let t: TestApp;
beforeAll(async () => {
  t = await testApp({ now: () => clock });
});
afterAll(() => t.close());

describe(`Helsinki dates just after midnight (${engine})`, () => {
  test('the catalogue: at 00:30 on 1 June a group whose enrolment closed on 31 May is gone, and one opening on 1 June is open', async () => {
    const group = async (opens: string, closes: string) =>
      (
        await t.deps.db.query<{ id: string }>(
          `insert into course_groups (course_slug, language, format, place, capacity, enrol_opens, enrol_closes, created_at)
         values ('society-orientation', 'uk', 'in_person', 'Aleksanterinkatu 24B', 5, $1, $2, $3) returning id`,
          [opens, closes, clock],
        )
      ).rows[0]!.id;
    const closed = await group('2027-05-01', '2027-05-31');
    const opening = await group('2027-06-01', '2027-06-30');
    clock = new Date('2027-05-31T21:30:00Z'); // 00:30 EEST on 1 June; still 31 May in UTC
    const listed = (await t.json('/api/courses/groups?language=uk')).body.groups as {
      id: string;
      enrolOpen: boolean;
    }[];
    expect(listed.map((g) => g.id)).not.toContain(closed);
    expect(listed.find((g) => g.id === opening)?.enrolOpen).toBe(true);
    // The listing agrees with enrolling itself.
    const enrol = await t.json(`/api/courses/groups/${opening}/enrolments`, {
      method: 'POST',
      json: { name: 'Olena', email: 'olena@example.com', contactLanguage: 'uk', consent: true },
    });
    expect(enrol.status).toBe(201);
  });

  test('the walk-in schedule saved at 00:30 is "updated" that Helsinki day', async () => {
    clock = new Date('2027-01-14T22:30:00Z'); // Friday 15 January, 00:30 EET; still the 14th in UTC
    const coordinator = await staffAgent(t, 'coordinator');
    const current = await staffCall(t, coordinator, 'GET', '/api/staff/coordinator/walk-in');
    expect(
      (await staffCall(t, coordinator, 'PUT', '/api/staff/coordinator/walk-in', current.body.schedule)).status,
    ).toBe(200);
    expect((await t.json('/api/walk-in')).body.schedule.updated).toBe('2027-01-15');
  });

  test('retention: at 00:30 the queue tickets of the Helsinki day 31 days back go', async () => {
    const ticket = async (day: string, code: string) =>
      t.deps.db.query(
        `insert into queue_tickets (service_point, service_day, code, topic, language, channel, token_hash, status, created_at, queued_at)
         values ('palvelutori', $1, $2, 'general', 'fi', 'kiosk', $3, 'left', $4, $4)`,
        [day, code, `hash-${code}`, clock],
      );
    await ticket('2027-08-01', 'R-801');
    await ticket('2027-08-02', 'R-802');
    clock = new Date('2027-09-01T21:30:00Z'); // 2 September, 00:30 EEST: 1 August is 32 days back, 2 August 31
    expect(await foldAndDeleteTickets(t.deps.db, clock, 31)).toBe(1);
    const left = await t.deps.db.query<{ code: string }>(`select code from queue_tickets where code like 'R-8%'`);
    expect(left.rows).toEqual([{ code: 'R-802' }]);
  });
});

describe(`the employer's follow-up across a DST change (${engine})`, () => {
  test('contacted on Monday 15 March 2027 at 10:00, followed up on Monday 5 April at 10:00 summer time (21 days, 503 hours)', async () => {
    clock = new Date('2027-03-12T08:00:00Z');
    const created = await t.json('/api/requests/employer', {
      method: 'POST',
      headers: { 'x-forwarded-for': '198.51.100.77' },
      json: {
        company: 'Kevätkello Oy',
        businessId: '0112038-9',
        contactName: 'Kaisa Kello',
        email: 'kaisa@kevatkello.example',
        needs: ['recruiting'],
        positions: 1,
        sector: 'industry',
        languages: ['fi'],
        locale: 'fi',
      },
    });
    expect(created.status).toBe(201);
    clock = new Date('2027-03-15T08:00:00Z'); // 10:00 EET
    const advisor = await staffAgent(t, 'advisor');
    const item = (await staffCall(t, advisor, 'GET', '/api/staff/inbox')).body.items.find(
      (i: { reference: string }) => i.reference === created.body.reference,
    );
    const contacted = await staffCall(t, advisor, 'POST', `/api/staff/inbox/${item.id}/contacted`);
    expect(contacted.body.item.followUp.dueAt).toBe('2027-04-05T07:00:00.000Z'); // 10:00 EEST, not 11:00
  });
});
