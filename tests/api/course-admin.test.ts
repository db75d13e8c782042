/**
 * Courses in the workspace, on each engine: a coordinator creates a group with its sessions and
 * assigns an advisor as its teacher, who sees the roster (audited by reference only), marks attendance, exports the roster as
 * CSV (audited, formula-safe) and gets a certificate at 80 % attendance; cancelling the group
 * tells everyone enrolled or waiting.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { testApp, type TestApp } from '../support/app.ts';
import { engine } from '../support/db.ts';
import { staffAgent, staffCall } from '../support/staff.ts';
import { toCsv } from '../../server/services/course-admin.ts';

const clock = new Date('2026-11-23T08:00:00Z');
let t: TestApp;
beforeAll(async () => {
  t = await testApp({ now: () => clock });
});
afterAll(() => t.close());

describe(`courses in the workspace (${engine})`, () => {
  test('create, roster, attendance, CSV, certificate and cancellation', async () => {
    const coordinator = await staffAgent(t, 'coordinator', undefined, () => clock);
    const advisor = await staffAgent(t, 'advisor', undefined, () => clock);
    const sessions = ['2026-12-01', '2026-12-02', '2026-12-03', '2026-12-04', '2026-12-07'].map((date) => ({
      date,
      start: '09:00',
      end: '12:00',
    }));
    const body = {
      courseSlug: 'society-orientation',
      language: 'ar',
      format: 'in_person',
      place: 'Aleksanterinkatu 24B',
      capacity: 1,
      enrolOpens: '2026-11-01',
      enrolCloses: '2026-11-30',
      sessions,
    };
    expect((await staffCall(t, advisor, 'POST', '/api/staff/coordinator/courses/groups', body)).status).toBe(403);
    const created = await staffCall(t, coordinator, 'POST', '/api/staff/coordinator/courses/groups', body);
    expect(created.status).toBe(201);
    const groupId = created.body.group.id as string;
    // One seat: the first enrols, the second waits.
    const a = await t.json(`/api/courses/groups/${groupId}/enrolments`, {
      method: 'POST',
      json: { name: '=HYPERLINK("evil")', email: 'a@example.com', contactLanguage: 'ar', consent: true },
    });
    const b = await t.json(`/api/courses/groups/${groupId}/enrolments`, {
      method: 'POST',
      json: { name: 'Waiting Person', phone: '040 111 2222', contactLanguage: 'so', consent: true },
    });
    expect([a.body.status, b.body.status]).toEqual(['enrolled', 'waitlisted']);
    // The advisor teaches this group: only a group's teachers (and coordinators) open its roster.
    const assigned = await staffCall(
      t,
      coordinator,
      'POST',
      `/api/staff/coordinator/courses/groups/${groupId}/teachers`,
      {
        staffId: advisor.id,
      },
    );
    expect(assigned.status).toBe(201);

    const roster = await staffCall(t, advisor, 'GET', `/api/staff/courses/groups/${groupId}/roster`);
    expect(roster.body.people.map((p: { status: string }) => p.status)).toEqual(['enrolled', 'waitlisted']);
    expect(roster.body.sessions).toHaveLength(5);
    const enrolled = roster.body.people[0];
    for (const [i, s] of roster.body.sessions.entries()) {
      const res = await staffCall(t, advisor, 'POST', `/api/staff/courses/groups/${groupId}/attendance`, {
        enrolmentId: enrolled.id,
        sessionId: s.id,
        present: i < 3,
      });
      expect(res.status).toBe(200);
    }
    // 3 of 5 is below 80 %: no certificate yet; the fourth session makes it.
    expect(
      (await staffCall(t, advisor, 'GET', `/api/staff/courses/enrolments/${enrolled.id}/certificate`)).status,
    ).toBe(409);
    await staffCall(t, advisor, 'POST', `/api/staff/courses/groups/${groupId}/attendance`, {
      enrolmentId: enrolled.id,
      sessionId: roster.body.sessions[3].id,
      present: true,
    });
    const cert = await staffCall(t, advisor, 'GET', `/api/staff/courses/enrolments/${enrolled.id}/certificate`);
    expect(cert.body.certificate).toMatchObject({
      present: 4,
      total: 5,
      course: 'society-orientation',
      language: 'ar',
    });
    // A waiting person's attendance cannot be marked.
    expect(
      (
        await staffCall(t, advisor, 'POST', `/api/staff/courses/groups/${groupId}/attendance`, {
          enrolmentId: roster.body.people[1].id,
          sessionId: roster.body.sessions[0].id,
          present: true,
        })
      ).status,
    ).toBe(404);

    const csv = await staffCall(t, advisor, 'GET', `/api/staff/courses/groups/${groupId}/roster.csv`);
    expect(csv.headers.get('content-type')).toContain('text/csv');
    expect(csv.body).toContain(`"'=HYPERLINK(""evil"")"`);
    expect(csv.body.split('\r\n')[1]).toMatch(/,x,x,x,x,0$/);

    const audits = await t.deps.db.query<{ action: string; record_type: string; detail: unknown }>(
      `select action, record_type, detail from audit_log where record_type in ('course_roster', 'certificate', 'attendance')`,
    );
    expect(audits.rows.some((r) => r.action === 'export' && r.record_type === 'course_roster')).toBe(true);
    expect(audits.rows.some((r) => r.action === 'export' && r.record_type === 'certificate')).toBe(true);
    expect(JSON.stringify(audits.rows)).not.toContain('Waiting Person');

    const cancelled = await staffCall(
      t,
      coordinator,
      'POST',
      `/api/staff/coordinator/courses/groups/${groupId}/cancel`,
    );
    expect(cancelled.body.told).toBe(2);
    const told = await t.deps.db.query<{ n: number }>(
      `select count(*)::int as n from outbox where kind = 'enrolment_group_cancelled'`,
    );
    expect(told.rows[0]!.n).toBe(2); // one email, one SMS
    expect(
      (
        await t.json(`/api/courses/groups/${groupId}/enrolments`, {
          method: 'POST',
          json: { name: 'Too Late', email: 'late@example.com', contactLanguage: 'fi', consent: true },
        })
      ).status,
    ).toBe(409);
  });

  test('CSV cells are quoted and formula-safe', () => {
    expect(toCsv([['a,b', 'say "hi"', '=1+1', '+x', 'plain']])).toBe('"a,b","say ""hi""",\'=1+1,\'+x,plain\r\n');
  });
});
