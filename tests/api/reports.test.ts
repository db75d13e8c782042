/**
 * The managers' reports on each engine, over seeded data whose every figure was worked out by
 * hand (in the comments): small counts shown as "<5", statistics withheld for groups under 5, the
 * CSV equal to the page, the same numbers after retention has deleted the records, the anonymous
 * satisfaction answers, and 403 for advisors.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { testApp, type TestApp } from '../support/app.ts';
import { engine } from '../support/db.ts';
import { staffAgent, staffCall, type Agent } from '../support/staff.ts';
import { createStaffUser } from '../../server/services/auth.ts';
import { enforceRetention, foldAndDeleteTickets, purgeAuditLog } from '../../server/services/retention.ts';
import { retentionSchedule } from '../../src/domain/retention-schedule.ts';
import { advisorWorkload, buildReports, type ReportTable } from '../../server/services/reports.ts';
import { tableLeaks } from '../support/disclosure-attack.ts';
import { helsinkiDay } from '../../src/domain/calendar.ts';

let t: TestApp;
let coordinator: Agent & { id: string };
let advisor: Agent;
const DAY = 86_400_000;
const PERIOD = '?from=2026-07&to=2026-12';
let seq = 0;

async function booking(
  advisorId: string,
  startsAt: string,
  language: string,
  status: string,
  createdAt: string,
  daysToFirstFree: number,
) {
  const n = ++seq;
  const created = new Date(createdAt);
  await t.deps.db.query(
    `insert into bookings (reference, manage_token_hash, advisor_id, starts_at, ends_at, mode, service_language, status, client_name, client_phone, contact_language, created_at, earliest_offered_at, updated_at)
     values ($1, $2, $3, $4, $5, 'phone', $6, $7, 'Seed Person', '+358401234567', 'fi', $8, $9, $8)`,
    [
      `S${String(n).padStart(2, '0')}-AAA`,
      `seed-${n}`,
      advisorId,
      new Date(new Date(startsAt).getTime() + n * 3_600_000),
      new Date(new Date(startsAt).getTime() + n * 3_600_000 + 3_600_000),
      language,
      status,
      created,
      new Date(created.getTime() + daysToFirstFree * DAY),
    ],
  );
}

async function ticket(language: string, topic: string, status: string, day: string, waitMinutes: number) {
  const n = ++seq;
  const created = new Date(`${day}T08:00:00Z`);
  await t.deps.db.query(
    `insert into queue_tickets (service_point, service_day, code, topic, language, channel, token_hash, status, created_at, queued_at, first_called_at, called_at, called_desk, ended_at)
     values ('palvelutori', $1, $2, $3, $4, 'kiosk', $5, $6, $7, $7, $8, $8, '1', $8)`,
    [day, `X-${n}`, topic, language, `tk-${n}`, status, created, new Date(created.getTime() + waitMinutes * 60_000)],
  );
}

async function group(
  language: string,
  capacity: number,
  firstSession: string,
  enrolled: number,
  attended: number,
  waitlisted = 0,
) {
  const g = (
    await t.deps.db.query<{ id: string }>(
      `insert into course_groups (course_slug, language, format, capacity, enrol_opens, enrol_closes, created_at)
     values ('society-orientation', $1, 'in_person', $2, '2026-08-01', '2026-09-30', $3) returning id`,
      [language, capacity, new Date('2026-08-01T08:00:00Z')],
    )
  ).rows[0]!.id;
  const s = (
    await t.deps.db.query<{ id: string }>(
      `insert into course_sessions (group_id, starts_at, ends_at) values ($1, $2, $3) returning id`,
      [g, new Date(firstSession), new Date(new Date(firstSession).getTime() + 3 * 3_600_000)],
    )
  ).rows[0]!.id;
  for (let i = 0; i < enrolled + waitlisted; i++) {
    const n = ++seq;
    const e = (
      await t.deps.db.query<{ id: string }>(
        `insert into enrolments (group_id, reference, manage_token_hash, arrival, status, client_name, client_phone, contact_language, consent_version, created_at)
       values ($1, $2, $3, nextval('enrolment_arrival'), $4, 'Seed', '+358401234567', 'fi', 'v1', $5) returning id`,
        [
          g,
          `E${String(n).padStart(2, '0')}-BBB`,
          `en-${n}`,
          i < enrolled ? 'enrolled' : 'waitlisted',
          new Date('2026-08-15T08:00:00Z'),
        ],
      )
    ).rows[0]!.id;
    if (i < attended)
      await t.deps.db.query(
        'insert into attendance (enrolment_id, session_id, present, marked_at) values ($1, $2, true, $3)',
        [e, s, new Date(firstSession)],
      );
  }
}

async function request(
  kind: 'referral' | 'employer',
  orgKind: string | null,
  source: 'form' | 'api',
  received: string,
  contactedDaysLate: number | null,
  followedUp = false,
) {
  const n = ++seq;
  const receivedAt = new Date(received);
  const due = new Date(receivedAt.getTime() + 3 * DAY);
  const id = (
    await t.deps.db.query<{ id: string }>(
      `insert into requests (kind, reference, source, received_at, due_at, contacted_at, status, org_kind, org_name, consent_version, personal)
     values ($1, $2, $3, $4, $5, $6, $7, $8, 'Seed org', $9, '{}') returning id`,
      [
        kind,
        `R${String(n).padStart(2, '0')}-CCC`,
        source,
        receivedAt,
        due,
        contactedDaysLate === null ? null : new Date(due.getTime() + contactedDaysLate * DAY),
        contactedDaysLate === null ? 'new' : 'contacted',
        orgKind,
        kind === 'referral' ? 'v1' : null,
      ],
    )
  ).rows[0]!.id;
  if (followedUp)
    await t.deps.db.query(
      `insert into request_tasks (request_id, kind, due_at, done_at) values ($1, 'follow_up', $2, $2)`,
      [id, receivedAt],
    );
}

beforeAll(async () => {
  t = await testApp();
  coordinator = await staffAgent(t, 'coordinator');
  advisor = await staffAgent(t, 'advisor');
  const a = (
    await createStaffUser(
      t.deps.db,
      {
        email: 'seed@ihl.example',
        displayName: 'Seed',
        role: 'advisor',
        languages: ['fi'],
        password: 'kolme vihreää omenaa pöydällä',
      },
      t.deps.now(),
    )
  ).id;
  // September, Arabic: 3 attended, 2 no-shows, 1 active, 1 cancelled → booked 6, held "<5", no-show "<5".
  // Days to the first free time (made in September): 1 2 3 4 5 6 10, and Finnish 7 8.
  for (const [status, d] of [
    ['attended', 1],
    ['attended', 2],
    ['attended', 3],
    ['no_show', 4],
    ['no_show', 5],
    ['active', 6],
    ['cancelled', 10],
  ] as const) {
    await booking(a, '2026-09-15T07:00:00Z', 'ar', status, '2026-09-01T08:00:00Z', d);
  }
  // September, Finnish: 2 attended → "<5", "<5", 0.
  await booking(a, '2026-09-20T07:00:00Z', 'fi', 'attended', '2026-09-02T08:00:00Z', 7);
  await booking(a, '2026-09-20T07:00:00Z', 'fi', 'attended', '2026-09-02T08:00:00Z', 8);
  // October, Somali: 5 attended, made in October, each 2 days from the first free time.
  for (let i = 0; i < 5; i++) await booking(a, '2026-10-20T07:00:00Z', 'so', 'attended', '2026-10-05T08:00:00Z', 2);
  // Outside the period (the quarter before): not counted anywhere.
  await booking(a, '2026-06-20T07:00:00Z', 'so', 'attended', '2026-06-05T08:00:00Z', 30);

  // Walk-in: Somali general, 5 served, waits 10 20 30 40 50 → median 30, p90 46; Thai family 2 served.
  for (const w of [10, 20, 30, 40, 50]) await ticket('so', 'general', 'served', '2026-10-07', w);
  await ticket('th', 'family', 'served', '2026-10-07', 5);
  await ticket('th', 'family', 'served', '2026-10-08', 15);

  // Orientation: Arabic group of 20 seats, 6 enrolled (5 present once), 1 waitlisted; Russian 10 seats, 3 enrolled.
  await group('ar', 20, '2026-10-05T07:00:00Z', 6, 5, 1);
  await group('ru', 10, '2026-09-14T07:00:00Z', 3, 0);

  // Referrals: Kela by form, 6 (5 in time, 1 a day late); NGOs by API, 2 in time.
  for (let i = 0; i < 5; i++) await request('referral', 'kela', 'form', '2026-09-07T08:00:00Z', -1);
  await request('referral', 'kela', 'form', '2026-09-07T08:00:00Z', 1);
  await request('referral', 'ngo', 'api', '2026-10-07T08:00:00Z', -2);
  await request('referral', 'ngo', 'api', '2026-10-07T08:00:00Z', 0);
  // Employers in October: 5, 4 answered in time, 1 late; 3 followed up.
  for (let i = 0; i < 4; i++) await request('employer', null, 'form', '2026-10-12T08:00:00Z', -1, i < 3);
  await request('employer', null, 'form', '2026-10-12T08:00:00Z', 2);

  // Workload's denominator: the seed advisor's weekly hours valid mid-August to October, extra
  // hours on 3 November; the coordinator at the walk-in desk on 7 October.
  await t.deps.db.query(
    `insert into availability_templates (advisor_id, weekday, start_time, end_time, modes, languages, valid_from, valid_until, created_at)
     values ($1, 2, '09:00', '12:00', '{phone}', '{ar}', '2026-08-15', '2026-10-31', $2)`,
    [a, t.deps.now()],
  );
  await t.deps.db.query(
    `insert into availability_exceptions (advisor_id, date, kind, start_time, end_time, modes, languages, created_at)
     values ($1, '2026-11-03', 'extra', '09:00', '11:00', '{phone}', '{ar}', $2)`,
    [a, t.deps.now()],
  );
  await t.deps.db.query(
    `insert into queue_desks (service_point, desk, staff_id, languages, started_at, ended_at)
     values ('palvelutori', '9', $1, '{fi}', '2026-10-07T06:00:00Z', '2026-10-07T14:00:00Z')`,
    [coordinator.id],
  );
  // Satisfaction: after bookings 5 5 4 4 3 (mean 4.2); after walk-in visits 2 answers.
  for (const s of [5, 5, 4, 4, 3])
    await t.deps.db.query(
      `insert into feedback (context, score, language, month) values ('booking', $1, 'fi', '2026-10-01')`,
      [s],
    );
  for (const s of [1, 5])
    await t.deps.db.query(
      `insert into feedback (context, score, language, month) values ('walk_in', $1, 'so', '2026-10-01')`,
      [s],
    );
});
afterAll(() => t.close());

// The third and fourth quarter of 2026. Beside the "<5" of the threshold, cells that would give a
// hidden count away are withheld (null; server/domain/disclosure.ts): the breakdown of a group under
// 5, the employers' share (80 % of 5 was 4), the booking answers' mean and number (4.2 over 5
// answers pinned each score's count).
const EXPECTED: Record<string, unknown[][]> = {
  assessments: [
    ['2026-09', 'ar', 6, '<5', '<5'],
    ['2026-09', 'fi', '<5', null, null],
    ['2026-10', 'so', 5, 5, 0],
  ],
  daysToFirstFree: [
    ['2026-09', 9, 5, 8.4],
    ['2026-10', 5, 2, 2],
  ],
  walkIn: [
    ['2026-Q4', 'so', 'general', 5, 30, 46],
    ['2026-Q4', 'th', 'family', '<5', null, null],
  ],
  orientation: [
    ['2026-Q3', 'ru', 10, '<5', null],
    ['2026-Q4', 'ar', 20, 6, 5],
  ],
  referrals: [
    ['2026-Q3', 'kela', 'form', 6, 5, 83],
    ['2026-Q4', 'ngo', 'api', '<5', null, null],
  ],
  employers: [['2026-10', 5, '<5', null, '<5']],
  satisfaction: [
    ['2026-Q4', 'booking', null, null, 0, 0, '<5', '<5', '<5'],
    ['2026-Q4', 'walk_in', '<5', null, null, null, null, null, null],
  ],
  // Services: September 5 held + 6 referrals contacted; October 5 held + 7 walk-in visits + 2
  // referrals + 5 employer requests. Advisors: the seed advisor August to November, the coordinator
  // in October. 0 services of 1 advisor: no ratio (a group under 5).
  workload: [
    ['2026-08', 1, 0, null],
    ['2026-09', 1, 11, 11],
    ['2026-10', 2, 19, 9.5],
    ['2026-11', 1, 0, null],
  ],
};

function parseCsv(text: string): unknown[][] {
  const [, ...lines] = text.trim().split('\r\n');
  return lines.map((l) => l.split(',').map((v) => (v === '' ? null : /^-?\d+(\.\d+)?$/.test(v) ? Number(v) : v)));
}

describe(`reports (${engine})`, () => {
  test('every table matches the hand-computed figures, with small counts as "<5" and statistics of small groups withheld', async () => {
    const res = await staffCall(t, coordinator, 'GET', `/api/staff/coordinator/reports${PERIOD}`);
    expect(res.status).toBe(200);
    const tables = Object.fromEntries(res.body.tables.map((x: { id: string; rows: unknown[][] }) => [x.id, x.rows]));
    expect(tables).toEqual(EXPECTED);
  });

  test('no hidden count of any table can be worked out from the rest of the table', async () => {
    const res = await staffCall(t, coordinator, 'GET', `/api/staff/coordinator/reports${PERIOD}`);
    expect(res.body.tables.flatMap((table: ReportTable) => tableLeaks(table))).toEqual([]);
  });

  test('each CSV has the same cells as the page', async () => {
    for (const [id, rows] of Object.entries(EXPECTED)) {
      const res = await t.app.request(`/api/staff/coordinator/reports/${id}.csv${PERIOD}`, {
        headers: { cookie: coordinator.cookie },
      });
      expect(res.status, id).toBe(200);
      expect(res.headers.get('content-type')).toMatch(/^text\/csv/);
      expect(parseCsv(await res.text()), id).toEqual(rows);
    }
    const exports = await t.deps.db.query(`select 1 from audit_log where action = 'export' and record_type = 'report'`);
    expect(exports.rows.length).toBe(Object.keys(EXPECTED).length);
  });

  test('advisors get 403; a bad period gets a field error', async () => {
    expect((await staffCall(t, advisor, 'GET', `/api/staff/coordinator/reports${PERIOD}`)).status).toBe(403);
    const bad = await staffCall(t, coordinator, 'GET', '/api/staff/coordinator/reports?from=2026-10&to=2026-09');
    expect(bad.status).toBe(422);
    expect(Object.keys(bad.body.error.fields)).toEqual(['to']);
    // Whole quarters only: a period starting in August could be subtracted from one starting in July.
    const partial = await staffCall(t, coordinator, 'GET', '/api/staff/coordinator/reports?from=2026-08&to=2026-11');
    expect(partial.status).toBe(422);
    expect(Object.keys(partial.body.error.fields).sort()).toEqual(['from', 'to']);
  });

  test('per-advisor workload: for coordinators only, audited, and in no CSV', async () => {
    const res = await staffCall(t, coordinator, 'GET', `/api/staff/coordinator/workload${PERIOD}`);
    expect(res.status).toBe(200);
    const line = (r: Record<string, unknown>) =>
      [r.month, r.advisor, r.assessments, r.walkIn, r.requests, r.services, r.available].join(' ');
    // Ticket callers and request assignees were not set in the seed: they are nobody's (null).
    expect(res.body.rows.map(line)).toEqual([
      '2026-08 Seed 0 0 0 0 true',
      '2026-09 Seed 5 0 0 5 true',
      '2026-09  0 0 6 6 false',
      '2026-10 Seed 5 0 0 5 true',
      '2026-10 Test coordinator 0 0 0 0 true',
      '2026-10  0 7 7 14 false',
      '2026-11 Seed 0 0 0 0 true',
    ]);
    const views = await t.deps.db.query(`select 1 from audit_log where action = 'view' and record_id = 'workload'`);
    expect(views.rows.length).toBeGreaterThan(0);
    expect((await staffCall(t, advisor, 'GET', `/api/staff/coordinator/workload${PERIOD}`)).status).toBe(403);
    const csv = await t.app.request(`/api/staff/coordinator/reports/advisorWorkload.csv${PERIOD}`, {
      headers: { cookie: coordinator.cookie },
    });
    expect(csv.status).toBe(404);
  });

  test("last year's report gives the same numbers after the retention schedule has deleted the records", async () => {
    const before = await buildReports(t.deps.db, { from: '2026-07', to: '2026-12' });
    const perAdvisor = await advisorWorkload(t.deps.db, { from: '2026-07', to: '2026-12' });
    const later = new Date('2028-01-01T00:00:00Z');
    const deleted = await enforceRetention(t.deps.db, retentionSchedule, later);
    // The sample schedule: bookings, enrolments 365 days; tickets 730 (kept: October 2026 is 447 days back); audit 1095.
    expect(deleted).toMatchObject({ bookings: 15, enrolments: 10, queueTickets: 0, auditLog: 0 });
    expect(await foldAndDeleteTickets(t.deps.db, later, 365)).toBe(7);
    // Nothing older than a year is left (rows other tests made this year are not this test's).
    const yearBefore = new Date(later.getTime() - 365 * DAY);
    expect((await t.deps.db.query('select 1 from bookings where ends_at < $1', [yearBefore])).rows.length).toBe(0);
    expect((await t.deps.db.query('select 1 from enrolments where created_at < $1', [yearBefore])).rows.length).toBe(0);
    expect((await t.deps.db.query('select 1 from queue_tickets where created_at < $1', [yearBefore])).rows.length).toBe(
      0,
    );
    expect(await buildReports(t.deps.db, { from: '2026-07', to: '2026-12' })).toEqual(before);
    // Per advisor too: the statistical rows keep the advisor's pseudonymous key, not the advisor.
    expect(await advisorWorkload(t.deps.db, { from: '2026-07', to: '2026-12' })).toEqual(perAdvisor);
    const keyed = await t.deps.db.query<Record<string, unknown>>(
      `select f.advisor_key, k.staff_id from booking_facts f join advisor_keys k on k.key = f.advisor_key where f.starts_month = '2026-09-01'`,
    );
    expect(keyed.rows.length).toBe(9);
    expect(Object.keys(keyed.rows[0]!)).toEqual(['advisor_key', 'staff_id']);
    // The audit log goes too, once old enough, although it refuses every other delete.
    await expect(t.deps.db.query('delete from audit_log')).rejects.toThrow(/append-only/);
    const audited = (await t.deps.db.query('select 1 from audit_log')).rows.length;
    expect(audited).toBeGreaterThan(0);
    expect(await purgeAuditLog(t.deps.db, new Date('2035-01-01T00:00:00Z'), 1095)).toBe(audited);
  });
});

describe(`the satisfaction question (${engine})`, () => {
  test("one anonymous answer per booking, in the booking's page language; a cancelled booking is not asked", async () => {
    const { hashToken } = await import('../../server/domain/person.ts');
    const advisorId = (await t.deps.db.query<{ id: string }>('select id from staff_users limit 1')).rows[0]!.id;
    const insert = (token: string, status: string) =>
      t.deps.db.query(
        `insert into bookings (reference, manage_token_hash, advisor_id, starts_at, ends_at, mode, service_language, status, client_name, client_phone, contact_language, created_at, updated_at)
         values ($1, $2, $3, $5, $6, 'phone', 'fi', $4, 'Feedback Person', '+358401234567', 'fi', $7, $7)`,
        [
          `FB${token.slice(0, 1)}-ZZZ`,
          hashToken(token),
          advisorId,
          status,
          new Date(t.deps.now().getTime() + 3 * DAY),
          new Date(t.deps.now().getTime() + 3 * DAY + 3_600_000),
          t.deps.now(),
        ],
      );
    const active = 'b'.repeat(43);
    const cancelled = 'c'.repeat(43);
    await insert(active, 'active');
    await insert(cancelled, 'cancelled');
    const give = (token: string, json: unknown) =>
      t.json(`/api/bookings/manage/${token}/feedback`, { method: 'POST', json, locale: 'fi' });
    expect((await give(active, { score: 5, comment: '  ', locale: 'fi' })).status).toBe(201);
    const again = await give(active, { score: 1, locale: 'fi' });
    expect(again.status).toBe(409);
    expect(again.body.error.message).toBe('Olet jo antanut palautteen tästä käynnistä.');
    expect((await give(cancelled, { score: 3, locale: 'fi' })).status).toBe(409);
    expect((await give('n'.repeat(43), { score: 3, locale: 'fi' })).status).toBe(404);
    const row = (
      await t.deps.db.query<{ context: string; score: number; comment: string | null }>(
        `select context, score, comment from feedback where context = 'booking' order by id desc limit 1`,
      )
    ).rows[0];
    // A blank comment is no comment.
    expect(row).toEqual({ context: 'booking', score: 5, comment: null });
  });

  test('one answer per served walk-in visit, none before it is served', async () => {
    const token = 'w'.repeat(43);
    const { hashToken } = await import('../../server/domain/person.ts');
    await t.deps.db.query(
      `insert into queue_tickets (service_point, service_day, code, topic, language, channel, token_hash, status, created_at, queued_at)
       values ('palvelutori', $3, 'A-900', 'general', 'ar', 'phone', $1, 'waiting', $2, $2)`,
      [hashToken(token), t.deps.now(), helsinkiDay(t.deps.now()).date],
    );
    const give = (json: unknown) =>
      t.json(`/api/queue/tickets/${token}/feedback`, { method: 'POST', json, locale: 'ar' });
    expect((await give({ score: 4, locale: 'ar' })).status).toBe(409); // not served yet
    await t.deps.db.query(`update queue_tickets set status = 'served' where code = 'A-900'`);
    const bad = await give({ score: 7, locale: 'ar' });
    expect(bad.status).toBe(422);
    expect(Object.keys(bad.body.error.fields)).toEqual(['score']);
    const before = (await t.deps.db.query('select 1 from feedback')).rows.length;
    expect((await give({ score: 4, comment: 'شكرا', locale: 'ar' })).status).toBe(201);
    const again = await give({ score: 5, locale: 'ar' });
    expect(again.status).toBe(409);
    expect(again.body.error.message).toMatch(/[\u0600-\u06FF]/);
    const rows = (await t.deps.db.query<Record<string, unknown>>('select * from feedback order by id desc limit 1'))
      .rows;
    expect(rows.length + before).toBe(before + 1);
    // The answer says nothing that leads back: context, score, comment, language and the month.
    expect(Object.keys(rows[0]!).sort()).toEqual(['comment', 'context', 'id', 'language', 'month', 'score']);
    expect(rows[0]).toMatchObject({ context: 'walk_in', score: 4, comment: 'شكرا', language: 'ar' });
  });
});
