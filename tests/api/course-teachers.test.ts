/**
 * Least privilege for course rosters (#17), on each engine: a coordinator assigns and unassigns a
 * group's teachers (audited); the roster, its CSV, attendance and certificates are open to the
 * group's teachers and to coordinators and admins; any other advisor gets 403 `forbidden` and sees
 * only that the group exists.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { testApp, type TestApp } from '../support/app.ts';
import { engine } from '../support/db.ts';
import { staffAgent, staffCall, type Agent } from '../support/staff.ts';

const clock = new Date('2026-10-05T07:30:00Z');
let t: TestApp;
beforeAll(async () => {
  t = await testApp({ now: () => clock });
});
afterAll(() => t.close());

/** A group of the test's own with one person enrolled; returns its id, the person's enrolment and a session. */
async function groupWithOnePerson(coordinator: Agent) {
  const created = await staffCall(t, coordinator, 'POST', '/api/staff/coordinator/courses/groups', {
    courseSlug: 'digital-skills',
    language: 'fi',
    format: 'in_person',
    capacity: 5,
    enrolOpens: '2026-10-01',
    enrolCloses: '2026-10-30',
    sessions: [{ date: '2026-11-02', start: '09:00', end: '12:00' }],
  });
  expect(created.status).toBe(201);
  const groupId = created.body.group.id as string;
  const enrolled = await t.json(`/api/courses/groups/${groupId}/enrolments`, {
    method: 'POST',
    json: {
      name: 'Roster Person',
      email: `r-${crypto.randomUUID()}@example.com`,
      contactLanguage: 'fi',
      consent: true,
    },
  });
  expect(enrolled.body.status).toBe('enrolled');
  const full = await staffCall(t, coordinator, 'GET', `/api/staff/courses/groups/${groupId}/roster`);
  expect(full.status).toBe(200);
  return { groupId, enrolmentId: full.body.people[0].id as string, sessionId: full.body.sessions[0].id as string };
}

describe(`course group teachers (${engine})`, () => {
  test('the assigned teacher opens the roster; another advisor gets 403; coordinators and admins see all', async () => {
    const coordinator = await staffAgent(t, 'coordinator', undefined, () => clock);
    const admin = await staffAgent(t, 'admin', undefined, () => clock);
    const teacher = await staffAgent(t, 'advisor', undefined, () => clock);
    const other = await staffAgent(t, 'advisor', undefined, () => clock);
    const { groupId, enrolmentId } = await groupWithOnePerson(coordinator);

    const assign = (who: Agent, staffId: string) =>
      staffCall(t, who, 'POST', `/api/staff/coordinator/courses/groups/${groupId}/teachers`, { staffId });
    // Only coordinators assign; only advisors can be assigned; twice is a conflict.
    expect((await assign(teacher, teacher.id)).status).toBe(403);
    expect((await assign(coordinator, coordinator.id)).status).toBe(404);
    expect((await assign(coordinator, teacher.id)).status).toBe(201);
    expect((await assign(coordinator, teacher.id)).status).toBe(409);
    const teachers = await staffCall(t, coordinator, 'GET', '/api/staff/coordinator/courses/teachers');
    expect(teachers.body.teachers.map((a: { id: string }) => a.id)).toEqual(
      expect.arrayContaining([teacher.id, other.id]),
    );
    expect(teachers.body.teachers.map((a: { id: string }) => a.id)).not.toContain(coordinator.id);

    const rosterOf = (who: Agent) => staffCall(t, who, 'GET', `/api/staff/courses/groups/${groupId}/roster`);
    expect((await rosterOf(teacher)).body.people[0].client_name).toBe('Roster Person');
    expect((await rosterOf(coordinator)).status).toBe(200);
    expect((await rosterOf(admin)).status).toBe(200);
    const refused = await rosterOf(other);
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe('forbidden');
    expect(JSON.stringify(refused.body)).not.toContain('Roster Person');
    expect((await staffCall(t, other, 'GET', `/api/staff/courses/groups/${groupId}/roster.csv`)).status).toBe(403);
    expect((await staffCall(t, teacher, 'GET', `/api/staff/courses/groups/${groupId}/roster.csv`)).status).toBe(200);
    expect((await staffCall(t, other, 'GET', `/api/staff/courses/enrolments/${enrolmentId}/certificate`)).status).toBe(
      403,
    );

    // The list shows every group to everyone, without names, and marks the caller's own.
    const listOf = async (who: Agent) =>
      (await staffCall(t, who, 'GET', '/api/staff/courses/groups')).body.groups.find(
        (g: { id: string }) => g.id === groupId,
      );
    expect(await listOf(teacher)).toMatchObject({ mine: true, rosterOpen: true });
    expect(await listOf(other)).toMatchObject({ mine: false, rosterOpen: false });
    expect(await listOf(coordinator)).toMatchObject({ mine: false, rosterOpen: true });
    expect((await listOf(other)).teachers).toEqual([{ id: teacher.id, name: 'Test advisor' }]);
    expect(JSON.stringify(await listOf(other))).not.toContain('Roster Person');
    // A group that does not exist is still 404, for anyone.
    expect(
      (await staffCall(t, other, 'GET', '/api/staff/courses/groups/00000000-0000-4000-8000-000000000000/roster'))
        .status,
    ).toBe(404);
  });

  test('an advisor who does not teach the group cannot mark attendance; unassigning takes the roster away', async () => {
    const coordinator = await staffAgent(t, 'coordinator', undefined, () => clock);
    const teacher = await staffAgent(t, 'advisor', undefined, () => clock);
    const { groupId, enrolmentId, sessionId } = await groupWithOnePerson(coordinator);
    const mark = (who: Agent) =>
      staffCall(t, who, 'POST', `/api/staff/courses/groups/${groupId}/attendance`, {
        enrolmentId,
        sessionId,
        present: true,
      });
    const before = await mark(teacher);
    expect(before.status).toBe(403);
    expect(before.body.error.code).toBe('forbidden');
    const marks = () => t.deps.db.query('select 1 from attendance where enrolment_id = $1', [enrolmentId]);
    expect((await marks()).rows).toHaveLength(0);

    const path = `/api/staff/coordinator/courses/groups/${groupId}/teachers`;
    expect((await staffCall(t, coordinator, 'POST', path, { staffId: teacher.id })).status).toBe(201);
    expect((await mark(teacher)).status).toBe(200);
    expect((await marks()).rows).toHaveLength(1);

    expect((await staffCall(t, teacher, 'DELETE', `${path}/${teacher.id}`)).status).toBe(403);
    expect((await staffCall(t, coordinator, 'DELETE', `${path}/${teacher.id}`)).status).toBe(200);
    expect((await staffCall(t, coordinator, 'DELETE', `${path}/${teacher.id}`)).status).toBe(404);
    expect((await mark(teacher)).status).toBe(403);
    expect((await staffCall(t, teacher, 'GET', `/api/staff/courses/groups/${groupId}/roster`)).status).toBe(403);
  });

  test('assigning and unassigning are audited by ids, with who did it', async () => {
    const coordinator = await staffAgent(t, 'coordinator', undefined, () => clock);
    const teacher = await staffAgent(t, 'advisor', undefined, () => clock);
    const { groupId } = await groupWithOnePerson(coordinator);
    const path = `/api/staff/coordinator/courses/groups/${groupId}/teachers`;
    await staffCall(t, coordinator, 'POST', path, { staffId: teacher.id });
    await staffCall(t, coordinator, 'DELETE', `${path}/${teacher.id}`);
    const audits = await t.deps.db.query<{ at: Date; actor_id: string; action: string; detail: unknown }>(
      `select at, actor_id, action, detail from audit_log where record_type = 'course_group' and record_id = $1 and action in ('assign', 'unassign') order by id`,
      [groupId],
    );
    expect(audits.rows.map((r) => [r.action, r.actor_id, r.detail])).toEqual([
      ['assign', coordinator.id, { teacher: teacher.id }],
      ['unassign', coordinator.id, { teacher: teacher.id }],
    ]);
    expect(audits.rows.every((r) => new Date(r.at).getTime() === clock.getTime())).toBe(true);
  });
});
