/**
 * Course enrolment with a waitlist. Each enrolment locks its group's row first, so arrivals are
 * numbered in the order they are served: the first `capacity` get seats, the rest wait in that
 * order. The seat count is kept by a trigger and bounded by a CHECK, so the database refuses an
 * overbooking whatever writes the rows. A cancellation promotes the first waiting person in the
 * same transaction. On the public site a contact not trusted yet only holds its seat or waitlist
 * place until the hold's deadline (server/domain/holds.ts); a lapsed hold is released like a
 * cancellation (without a message) by the next enrolment in its group and by the housekeeping job.
 */
import { randomUUID } from 'node:crypto';
import type { Db, Queryable } from '../db/client.ts';
import { DomainError } from '../domain/errors.ts';
import { enqueueToPerson } from './outbox.ts';
import { checkContactBudget } from './rate-limit.ts';
import { helsinkiDate, helsinkiDay } from '../../src/domain/calendar.ts';
import { hashToken, newManageToken, newReference } from '../domain/person.ts';
import { holdLapsed, liveSeats } from '../domain/holds.ts';
import { confirmHold, newHold, trustedContact, type HoldProof } from './holds.ts';

export const CONSENT_VERSION = '2026-11-consent-1';

export interface EnrolInput {
  groupId: string;
  name: string;
  phone?: string | undefined;
  email?: string | undefined;
  contactLanguage: string;
}
interface GroupRow {
  id: string;
  capacity: number;
  enrolled_count: number;
  status: string;
  enrol_opens: string;
  enrol_closes: string;
}

/**
 * `activePerContact`: active bookings and enrolments one phone or email may hold
 * (server/domain/limits.ts). `confirm: 'hold'` (the public site): an untrusted contact's place is
 * held until confirmed with the code or link sent (`enrolment_hold`).
 */
export async function enrol(
  db: Db,
  input: EnrolInput & { locale?: string | undefined },
  now: Date,
  activePerContact: number,
  confirm: 'hold' | 'none' = 'none',
) {
  const { token, hash } = newManageToken();
  return db.transaction(async (tx) => {
    await checkContactBudget(tx, input, activePerContact, now);
    const group = (
      await tx.query<GroupRow>(
        `select id, capacity, enrolled_count, status, to_char(enrol_opens, 'YYYY-MM-DD') as enrol_opens, to_char(enrol_closes, 'YYYY-MM-DD') as enrol_closes
         from course_groups where id = $1 for update`,
        [input.groupId],
      )
    ).rows[0];
    if (!group) throw new DomainError('not_found');
    const today = helsinkiDay(now).date;
    if (group.status !== 'open' || today < group.enrol_opens || today > group.enrol_closes)
      throw new DomainError('enrolment_closed');
    // Lapsed holds in this group give their places back first (the group's row is locked).
    await releaseInGroup(tx, group.id, now);
    const enrolled = (
      await tx.query<{ enrolled_count: number }>('select enrolled_count from course_groups where id = $1', [group.id])
    ).rows[0]!.enrolled_count;
    const status = enrolled < group.capacity ? 'enrolled' : 'waitlisted';
    const id = randomUUID();
    const hold = confirm === 'hold' && !(await trustedContact(tx, input, now)) ? newHold(id, now) : null;
    const res = await tx.query<{
      id: string;
      reference: string;
      status: string;
      arrival: number;
      hold_until: Date | null;
    }>(
      `insert into enrolments (group_id, reference, manage_token_hash, arrival, status, client_name, client_phone, client_email, contact_language, consent_version, created_at,
                               id, hold_until, hold_code_hash, hold_link_hash)
       values ($1, $2, $3, nextval('enrolment_arrival'), $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14) returning id, reference, status, arrival, hold_until`,
      [
        input.groupId,
        newReference(),
        hash,
        status,
        input.name,
        input.phone ?? null,
        input.email ?? null,
        input.contactLanguage,
        CONSENT_VERSION,
        now,
        id,
        hold?.until ?? null,
        hold?.codeHash ?? null,
        hold?.linkHash ?? null,
      ],
    );
    const created = res.rows[0]!;
    await enqueueToPerson(
      tx,
      hold ? 'enrolment_hold' : status === 'enrolled' ? 'enrolment_enrolled' : 'enrolment_waitlisted',
      { enrolmentId: created.id },
      { client_email: input.email ?? null, client_phone: input.phone ?? null, contact_language: input.contactLanguage },
      now,
      { manageToken: token, locale: input.locale ?? input.contactLanguage, ...hold?.message },
    );
    return { ...created, token, confirmBy: created.hold_until ? new Date(created.hold_until).toISOString() : null };
  });
}

/**
 * Confirms a held enrolment with the code or the link sent (services/holds.ts); the person is then
 * sent what a trusted contact gets at once: their seat with the calendar, or their waitlist place.
 */
export async function confirmEnrolment(db: Db, token: string, proof: HoldProof, now: Date, locale: string | undefined) {
  if (!/^[A-Za-z0-9_-]{43}$/.test(token)) throw new DomainError('not_found');
  await confirmHold(db, 'enrolment', hashToken(token), proof, now, async (tx, held) => {
    const person = (
      await tx.query<{ client_email: string | null; client_phone: string | null; contact_language: string }>(
        'select client_email, client_phone, contact_language from enrolments where id = $1',
        [held.id],
      )
    ).rows[0]!;
    await enqueueToPerson(
      tx,
      held.status === 'enrolled' ? 'enrolment_enrolled' : 'enrolment_waitlisted',
      { enrolmentId: held.id },
      person,
      now,
      { manageToken: token, locale: locale ?? person.contact_language },
    );
  });
}

/** The first person waiting in a group gets the freed seat, and is told. */
async function promoteNext(tx: Queryable, groupId: string, now: Date) {
  const next = (
    await tx.query<{
      id: string;
      reference: string;
      client_email: string | null;
      client_phone: string | null;
      contact_language: string;
    }>(
      `select id, reference, client_email, client_phone, contact_language from enrolments where group_id = $1 and status = 'waitlisted' order by arrival limit 1`,
      [groupId],
    )
  ).rows[0];
  if (next) {
    await tx.query(`update enrolments set status = 'enrolled', promoted_at = $2 where id = $1`, [next.id, now]);
    await enqueueToPerson(tx, 'enrolment_promoted', { enrolmentId: next.id }, next, now);
  }
}

/** Lapsed holds of one group (its row locked by the caller) marked expired; each freed seat goes to the next in line. */
async function releaseInGroup(tx: Queryable, groupId: string, now: Date): Promise<number> {
  const lapsed = (
    await tx.query<{ status: string }>(
      `update enrolments e set status = 'expired', cancelled_at = e.hold_until, hold_code_hash = null, hold_link_hash = null
         from (select id, status from enrolments where group_id = $1 and status in ('enrolled', 'waitlisted')
                 and hold_until is not null and hold_until <= $2 for update) old
        where e.id = old.id returning old.status`,
      [groupId, now],
    )
  ).rows;
  const freedSeats = lapsed.filter((r) => r.status === 'enrolled').length;
  for (let i = 0; i < freedSeats; i++) await promoteNext(tx, groupId, now);
  return lapsed.length;
}

/** The housekeeping job's part: every group with a lapsed hold, one transaction each (its row locked first). */
export async function releaseLapsedEnrolments(db: Db, now: Date): Promise<number> {
  const groups = (
    await db.query<{ group_id: string }>(
      `select distinct group_id from enrolments where status in ('enrolled', 'waitlisted') and hold_until is not null and hold_until <= $1`,
      [now],
    )
  ).rows;
  let released = 0;
  for (const { group_id } of groups)
    released += await db.transaction(async (tx) => {
      await tx.query('select id from course_groups where id = $1 for update', [group_id]);
      return releaseInGroup(tx, group_id, now);
    });
  return released;
}

/**
 * Cancels by the manage token; a freed seat goes to the first person waiting, who is told. The
 * answer is about the caller's own enrolment only: who moved up is that person's business.
 */
export async function cancelEnrolment(db: Db, token: string, now: Date) {
  return db.transaction(async (tx) => {
    const found = (
      await tx.query<{
        id: string;
        group_id: string;
        status: string;
        client_email: string | null;
        client_phone: string | null;
        contact_language: string;
      }>(
        'select id, group_id, status, client_email, client_phone, contact_language from enrolments where manage_token_hash = $1',
        [hashToken(token)],
      )
    ).rows[0];
    if (!found) throw new DomainError('not_found');
    await tx.query('select id from course_groups where id = $1 for update', [found.group_id]);
    const row = (await tx.query<{ status: string }>('select status from enrolments where id = $1', [found.id]))
      .rows[0]!;
    if (row.status === 'cancelled' || row.status === 'expired') throw new DomainError('already_cancelled');
    await tx.query(`update enrolments set status = 'cancelled', cancelled_at = $2 where id = $1`, [found.id, now]);
    await enqueueToPerson(tx, 'enrolment_cancelled', { enrolmentId: found.id }, found, now);
    if (row.status === 'enrolled') await promoteNext(tx, found.group_id, now);
    return { status: 'cancelled' as const };
  });
}

/** Places not held past their deadline, per status: a lapsed hold counts as free at once. */
const LIVE = (status: string) =>
  `(select count(*)::int from enrolments e where e.group_id = g.id and e.status = '${status}' and (e.hold_until is null or e.hold_until > $2))`;

export async function seatsLeft(
  q: Queryable,
  groupId: string,
  now: Date,
): Promise<{ capacity: number; enrolled: number; waiting: number }> {
  const res = await q.query<{ capacity: number; enrolled: number; waiting: number }>(
    `select g.capacity, ${LIVE('enrolled')} as enrolled, ${LIVE('waitlisted')} as waiting from course_groups g where g.id = $1`,
    [groupId, now],
  );
  const g = res.rows[0];
  if (!g) throw new DomainError('not_found');
  return { capacity: g.capacity, ...liveSeats(g.capacity, g.enrolled, g.waiting) };
}

export interface GroupFilter {
  language?: string | undefined;
  month?: string | undefined;
  format?: string | undefined;
}

/** Open and upcoming groups with their sessions and live seats. No personal data. */
export async function listGroups(q: Queryable, f: GroupFilter, now: Date) {
  const groups = await q.query<{
    id: string;
    course_slug: string;
    language: string;
    format: string;
    place: string | null;
    capacity: number;
    enrolled_count: number;
    waiting: number;
    enrol_opens: string;
    enrol_closes: string;
    status: string;
    first_start: Date;
  }>(
    `select g.id, g.course_slug, g.language, g.format, g.place, g.capacity, ${LIVE('enrolled').replaceAll('$2', '$5')} as enrolled_count,
            ${LIVE('waitlisted').replaceAll('$2', '$5')} as waiting,
            to_char(g.enrol_opens, 'YYYY-MM-DD') as enrol_opens, to_char(g.enrol_closes, 'YYYY-MM-DD') as enrol_closes, g.status,
            (select min(starts_at) from course_sessions s where s.group_id = g.id) as first_start
       from course_groups g
      where g.status = 'open' and g.enrol_closes >= $1::date
        and ($2::text is null or g.language = $2) and ($3::text is null or g.format = $3)
        and ($4::text is null or exists (select 1 from course_sessions s where s.group_id = g.id and to_char(s.starts_at at time zone 'Europe/Helsinki', 'YYYY-MM') = $4))
      order by first_start nulls last`,
    [helsinkiDate(now), f.language ?? null, f.format ?? null, f.month ?? null, now],
  );
  const ids = groups.rows.map((g) => g.id);
  const sessions = ids.length
    ? (
        await q.query<{ group_id: string; starts_at: Date; ends_at: Date }>(
          'select group_id, starts_at, ends_at from course_sessions where group_id = any($1) order by starts_at',
          [ids],
        )
      ).rows
    : [];
  return groups.rows
    .map((g) => ({ ...g, ...liveSeats(g.capacity, g.enrolled_count, g.waiting) }))
    .map((g) => ({
      id: g.id,
      course: g.course_slug,
      language: g.language,
      format: g.format,
      place: g.place,
      capacity: g.capacity,
      seatsLeft: g.capacity - g.enrolled,
      waiting: g.waiting,
      enrolOpen: g.enrol_opens <= helsinkiDate(now),
      sessions: sessions
        .filter((s) => s.group_id === g.id)
        .map((s) => ({ start: new Date(s.starts_at).toISOString(), end: new Date(s.ends_at).toISOString() })),
    }));
}

/** The person's enrolment behind a manage link, for the manage page. */
export async function enrolmentByToken(q: Queryable, token: string, now: Date) {
  if (!/^[A-Za-z0-9_-]{43}$/.test(token)) return undefined;
  const res = await q.query<{
    reference: string;
    status: string;
    course_slug: string;
    language: string;
    place: string | null;
    group_id: string;
    hold_until: Date | null;
  }>(
    `select e.reference, e.status, g.course_slug, g.language, g.place, g.id as group_id, e.hold_until from enrolments e join course_groups g on g.id = e.group_id where e.manage_token_hash = $1`,
    [hashToken(token)],
  );
  const row = res.rows[0];
  if (!row) return undefined;
  const sessions = (
    await q.query<{ starts_at: Date }>('select starts_at from course_sessions where group_id = $1 order by starts_at', [
      row.group_id,
    ])
  ).rows.map((s) => new Date(s.starts_at).toISOString());
  const held = row.status === 'enrolled' || row.status === 'waitlisted' ? row.hold_until : null;
  const lapsed = holdLapsed(held && new Date(held), now);
  return {
    reference: row.reference,
    status: (lapsed ? 'expired' : row.status) as 'enrolled' | 'waitlisted' | 'cancelled' | 'expired',
    confirmBy: held && !lapsed ? new Date(held).toISOString() : null,
    course: row.course_slug,
    language: row.language,
    place: row.place,
    sessions,
  };
}
