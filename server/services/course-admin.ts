/**
 * The workspace side of courses: groups (coordinators create and cancel them, everyone enrolled or
 * waiting is told), their teachers (coordinators assign advisors), rosters with attendance per
 * session, a CSV export of a roster, and the data of a participation certificate. A roster and
 * everything from it is open to the group's teachers and to coordinators and admins only
 * (server/domain/course-access.ts). Every look at names, and every (un)assignment, is audited.
 */
import { enqueueToPerson } from './outbox.ts';
import type { Db, Queryable } from '../db/client.ts';
import { uniqueViolation } from '../db/errors.ts';
import { managesCourses, mayOpenRoster, mayTeach } from '../domain/course-access.ts';
import { DomainError } from '../domain/errors.ts';
import { audit } from './audit.ts';
import type { StaffUser } from './auth.ts';

/** Share of sessions attended that earns a certificate of participation. */
export const CERTIFICATE_SHARE = 0.8;

export interface GroupInput {
  courseSlug: string;
  language: string;
  format: 'in_person' | 'online' | 'hybrid';
  place?: string | undefined;
  capacity: number;
  enrolOpens: string;
  enrolCloses: string;
  sessions: { date: string; start: string; end: string }[];
}

/**
 * Every group with its counts (no personal data), its teachers, and whether the signed-in person
 * teaches it (`mine`) and may open its roster (`rosterOpen`).
 */
export async function listAllGroups(db: Db, user: StaffUser) {
  const rows = (
    await db.query<{ mine: boolean } & Record<string, unknown>>(
      `select g.id, g.course_slug, g.language, g.format, g.place, g.capacity, g.enrolled_count, g.status,
            (select count(*)::int from enrolments e where e.group_id = g.id and e.status = 'waitlisted') as waiting,
            (select min(starts_at) from course_sessions s where s.group_id = g.id) as first_start,
            exists (select 1 from course_teachers t where t.group_id = g.id and t.staff_id = $1) as mine,
            (select coalesce(json_agg(json_build_object('id', u.id, 'name', u.display_name) order by u.display_name), '[]'::json)
               from course_teachers t join staff_users u on u.id = t.staff_id where t.group_id = g.id) as teachers
       from course_groups g order by first_start nulls last`,
      [user.id],
    )
  ).rows;
  return rows.map((g) => ({ ...g, rosterOpen: mayOpenRoster(user.role, g.mine) }));
}

/** The group exists (404 otherwise) and this person may open its roster (403 otherwise). */
async function requireRosterAccess(q: Queryable, user: StaffUser, groupId: string) {
  const row = (
    await q.query<{ teaches: boolean }>(
      `select exists (select 1 from course_teachers t where t.group_id = g.id and t.staff_id = $2) as teaches
         from course_groups g where g.id = $1`,
      [groupId, user.id],
    )
  ).rows[0];
  if (!row) throw new DomainError('not_found');
  if (!mayOpenRoster(user.role, row.teaches)) throw new DomainError('forbidden');
}

/** The accounts a coordinator can assign as teachers: active advisors. */
export async function listTeachers(q: Queryable) {
  return (
    await q.query<{ id: string; display_name: string; languages: string[] }>(
      `select id, display_name, languages from staff_users where role = 'advisor' and active order by display_name`,
    )
  ).rows;
}

/**
 * A coordinator makes an active advisor one of the group's teachers (audited). Assigning twice is a
 * conflict; an unknown group or an account that cannot teach is not found.
 */
export async function assignTeacher(db: Db, user: StaffUser, groupId: string, staffId: string, now: Date) {
  if (!managesCourses(user.role)) throw new DomainError('forbidden');
  await db.transaction(async (tx) => {
    const group = await tx.query('select 1 from course_groups where id = $1', [groupId]);
    const account = (
      await tx.query<{ role: StaffUser['role']; active: boolean }>(
        'select role, active from staff_users where id = $1',
        [staffId],
      )
    ).rows[0];
    // An account that cannot teach (a coordinator, a deactivated advisor) is no teacher to assign.
    if (!group.rows[0] || !account || !mayTeach(account)) throw new DomainError('not_found');
    await tx
      .query('insert into course_teachers (group_id, staff_id, assigned_at, assigned_by) values ($1, $2, $3, $4)', [
        groupId,
        staffId,
        now,
        user.id,
      ])
      .catch((err: unknown) => {
        if (uniqueViolation(err, 'course_teachers_pkey')) throw new DomainError('conflict');
        throw err;
      });
    await audit(tx, now, user, 'assign', 'course_group', groupId, { teacher: staffId });
  });
}

/** A coordinator takes an advisor off the group's teachers (audited); they lose its roster at once. */
export async function unassignTeacher(db: Db, user: StaffUser, groupId: string, staffId: string, now: Date) {
  if (!managesCourses(user.role)) throw new DomainError('forbidden');
  await db.transaction(async (tx) => {
    const res = await tx.query('delete from course_teachers where group_id = $1 and staff_id = $2', [groupId, staffId]);
    if (!res.rowCount) throw new DomainError('not_found');
    await audit(tx, now, user, 'unassign', 'course_group', groupId, { teacher: staffId });
  });
}

export async function createGroup(db: Db, user: StaffUser, input: GroupInput, now: Date) {
  return db.transaction(async (tx) => {
    const g = await tx.query<{ id: string }>(
      `insert into course_groups (course_slug, language, format, place, capacity, enrol_opens, enrol_closes, created_at)
       values ($1, $2, $3, $4, $5, $6, $7, $8) returning id`,
      [
        input.courseSlug,
        input.language,
        input.format,
        input.place ?? null,
        input.capacity,
        input.enrolOpens,
        input.enrolCloses,
        now,
      ],
    );
    for (const s of input.sessions) {
      await tx.query(
        `insert into course_sessions (group_id, starts_at, ends_at) values ($1, ($2::date + $3::time) at time zone 'Europe/Helsinki', ($2::date + $4::time) at time zone 'Europe/Helsinki')`,
        [g.rows[0]!.id, s.date, s.start, s.end],
      );
    }
    await audit(tx, now, user, 'create', 'course_group', g.rows[0]!.id);
    return g.rows[0]!;
  });
}

export async function cancelGroup(db: Db, user: StaffUser, groupId: string, now: Date) {
  return db.transaction(async (tx) => {
    const res = await tx.query(
      `update course_groups set status = 'cancelled' where id = $1 and status = 'open' returning id`,
      [groupId],
    );
    if (!res.rows[0]) throw new DomainError('not_found');
    const people = await tx.query<{
      id: string;
      client_email: string | null;
      client_phone: string | null;
      contact_language: string;
    }>(
      `select id, client_email, client_phone, contact_language from enrolments where group_id = $1 and status in ('enrolled', 'waitlisted')`,
      [groupId],
    );
    for (const p of people.rows) {
      await enqueueToPerson(tx, 'enrolment_group_cancelled', { enrolmentId: p.id }, p, now);
    }
    await audit(tx, now, user, 'change', 'course_group', groupId, { status: 'cancelled', told: people.rows.length });
    return { told: people.rows.length };
  });
}

export async function roster(db: Db, user: StaffUser, groupId: string, now: Date, action: 'view' | 'export' = 'view') {
  return db.transaction(async (tx) => {
    await requireRosterAccess(tx, user, groupId);
    const group = (
      await tx.query<{ id: string; course_slug: string; language: string }>(
        'select id, course_slug, language from course_groups where id = $1',
        [groupId],
      )
    ).rows[0];
    if (!group) throw new DomainError('not_found');
    const sessions = (
      await tx.query<{ id: string; starts_at: Date }>(
        'select id, starts_at from course_sessions where group_id = $1 order by starts_at',
        [groupId],
      )
    ).rows;
    const people = (
      await tx.query<{
        id: string;
        reference: string;
        client_name: string;
        client_phone: string | null;
        client_email: string | null;
        status: string;
        arrival: number;
      }>(
        `select id, reference, client_name, client_phone, client_email, status, arrival from enrolments where group_id = $1 and status <> 'cancelled' order by status, arrival`,
        [groupId],
      )
    ).rows;
    const marks = (
      await tx.query<{ enrolment_id: string; session_id: string; present: boolean }>(
        `select a.enrolment_id, a.session_id, a.present from attendance a join enrolments e on e.id = a.enrolment_id where e.group_id = $1`,
        [groupId],
      )
    ).rows;
    await audit(tx, now, user, action, 'course_roster', groupId, { references: people.map((p) => p.reference) });
    return {
      group,
      sessions: sessions.map((s) => ({ id: s.id, start: new Date(s.starts_at).toISOString() })),
      people,
      attendance: marks,
    };
  });
}

export async function markAttendance(
  db: Db,
  user: StaffUser,
  groupId: string,
  enrolmentId: string,
  sessionId: string,
  present: boolean,
  now: Date,
) {
  await db.transaction(async (tx) => {
    await requireRosterAccess(tx, user, groupId);
    const ok = await tx.query(
      `select 1 from enrolments e join course_sessions s on s.group_id = e.group_id where e.id = $1 and s.id = $2 and e.group_id = $3 and e.status = 'enrolled'`,
      [enrolmentId, sessionId, groupId],
    );
    if (!ok.rows[0]) throw new DomainError('not_found');
    await tx.query(
      `insert into attendance (enrolment_id, session_id, present, marked_by, marked_at) values ($1, $2, $3, $4, $5)
       on conflict (enrolment_id, session_id) do update set present = excluded.present, marked_by = excluded.marked_by, marked_at = excluded.marked_at`,
      [enrolmentId, sessionId, present, user.id, now],
    );
    const ref = (await tx.query<{ reference: string }>('select reference from enrolments where id = $1', [enrolmentId]))
      .rows[0]!.reference;
    await audit(tx, now, user, 'change', 'attendance', ref, { sessionId, present });
  });
}

/** RFC 4180 CSV; cells that a spreadsheet would run as a formula are prefixed with an apostrophe. */
export function toCsv(rows: (string | number)[][]): string {
  const cell = (v: string | number) => {
    let s = String(v);
    if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
    return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  return `${rows.map((r) => r.map(cell).join(',')).join('\r\n')}\r\n`;
}

export async function rosterCsv(db: Db, user: StaffUser, groupId: string, now: Date): Promise<string> {
  const r = await roster(db, user, groupId, now, 'export');
  const header = ['reference', 'name', 'phone', 'email', 'status', ...r.sessions.map((s) => s.start.slice(0, 10))];
  const lines = r.people.map((p) => [
    p.reference,
    p.client_name,
    p.client_phone ?? '',
    p.client_email ?? '',
    p.status,
    ...r.sessions.map((s) => {
      const m = r.attendance.find((a) => a.enrolment_id === p.id && a.session_id === s.id);
      return m ? (m.present ? 'x' : '0') : '';
    }),
  ]);
  return toCsv([header, ...lines]);
}

export async function certificate(db: Db, user: StaffUser, enrolmentId: string, now: Date) {
  const row = (
    await db.query<{
      reference: string;
      client_name: string;
      course_slug: string;
      language: string;
      group_id: string;
      total: number;
      present: number;
      first: Date;
      last: Date;
    }>(
      `select e.reference, e.client_name, g.course_slug, g.language, g.id as group_id,
            (select count(*)::int from course_sessions s where s.group_id = g.id) as total,
            (select count(*)::int from attendance a where a.enrolment_id = e.id and a.present) as present,
            (select min(starts_at) from course_sessions s where s.group_id = g.id) as first,
            (select max(starts_at) from course_sessions s where s.group_id = g.id) as last
       from enrolments e join course_groups g on g.id = e.group_id where e.id = $1 and e.status = 'enrolled'`,
      [enrolmentId],
    )
  ).rows[0];
  if (!row) throw new DomainError('not_found');
  await requireRosterAccess(db, user, row.group_id);
  const share = row.total ? row.present / row.total : 0;
  if (share < CERTIFICATE_SHARE)
    throw new DomainError('not_eligible', { details: { present: row.present, total: row.total } });
  await audit(db, now, user, 'export', 'certificate', row.reference);
  return {
    reference: row.reference,
    name: row.client_name,
    course: row.course_slug,
    language: row.language,
    present: row.present,
    total: row.total,
    from: new Date(row.first).toISOString(),
    to: new Date(row.last).toISOString(),
  };
}
