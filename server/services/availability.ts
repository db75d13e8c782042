/**
 * Advisors' weekly availability. Adding hours only adds free times; removing a template that
 * covers booked times is refused with the list of those bookings, so that each is moved or
 * cancelled (and its client told) on purpose, never dropped silently.
 */
import type { Db } from '../db/client.ts';
import { DomainError } from '../domain/errors.ts';
import { helsinkiDay, helsinkiTime } from '../../src/domain/calendar.ts';
import { audit } from './audit.ts';
import { ROLE_RANK, type StaffUser } from './auth.ts';

export interface TemplateInput {
  advisorId?: string | undefined;
  weekday: number;
  startTime: string;
  endTime: string;
  slotMinutes: number;
  modes: string[];
  languages: string[];
  validFrom: string;
  validUntil?: string | undefined;
}
interface TemplateRow {
  id: string;
  advisor_id: string;
  weekday: number;
  start_time: string;
  end_time: string;
  slot_minutes: number;
  modes: string[];
  languages: string[];
  valid_from: string;
  valid_until: string | null;
}

const seesAll = (u: StaffUser) => ROLE_RANK[u.role] >= ROLE_RANK.coordinator;

/** The refusal of a change that would drop booked times, naming each booking in the way. */
const bookingsInTheWay = (booked: { id: string; reference: string; starts_at: Date }[]) =>
  new DomainError('availability_has_bookings', {
    details: {
      bookings: booked.map((b) => ({ id: b.id, reference: b.reference, start: new Date(b.starts_at).toISOString() })),
    },
  });

function targetAdvisor(user: StaffUser, advisorId: string | undefined): string {
  if (!advisorId || advisorId === user.id) return user.id;
  if (!seesAll(user)) throw new DomainError('not_yours');
  return advisorId;
}

const SELECT = `select id, advisor_id, weekday, to_char(start_time, 'HH24:MI') as start_time, to_char(end_time, 'HH24:MI') as end_time, slot_minutes, modes, languages,
  to_char(valid_from, 'YYYY-MM-DD') as valid_from, to_char(valid_until, 'YYYY-MM-DD') as valid_until from availability_templates`;

export async function listTemplates(db: Db, user: StaffUser, advisorId?: string) {
  return (
    await db.query<TemplateRow>(`${SELECT} where advisor_id = $1 order by weekday, start_time`, [
      targetAdvisor(user, advisorId),
    ])
  ).rows;
}

export async function addTemplate(db: Db, user: StaffUser, input: TemplateInput, now: Date) {
  const advisor = targetAdvisor(user, input.advisorId);
  return db.transaction(async (tx) => {
    const res = await tx.query<TemplateRow>(
      `insert into availability_templates (advisor_id, weekday, start_time, end_time, slot_minutes, modes, languages, valid_from, valid_until, created_at)
       values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) returning id`,
      [
        advisor,
        input.weekday,
        input.startTime,
        input.endTime,
        input.slotMinutes,
        input.modes,
        input.languages,
        input.validFrom,
        input.validUntil ?? null,
        now,
      ],
    );
    await audit(tx, now, user, 'create', 'availability', res.rows[0]!.id);
    return (await tx.query<TemplateRow>(`${SELECT} where id = $1`, [res.rows[0]!.id])).rows[0]!;
  });
}

/** Active future bookings that no remaining template of the advisor would cover. */
function uncovered<B extends { starts_at: Date; ends_at: Date }>(bookings: B[], remaining: TemplateRow[]): B[] {
  return bookings.filter((b) => {
    const day = helsinkiDay(new Date(b.starts_at));
    const start = helsinkiTime(new Date(b.starts_at));
    const end = helsinkiTime(new Date(b.ends_at));
    return !remaining.some(
      (t) =>
        t.weekday === day.weekday &&
        t.start_time <= start &&
        end <= t.end_time &&
        t.valid_from <= day.date &&
        (!t.valid_until || day.date <= t.valid_until),
    );
  });
}

export interface ExceptionInput {
  advisorId?: string | undefined;
  date: string;
  kind: 'absence' | 'extra';
  startTime?: string | undefined;
  endTime?: string | undefined;
  slotMinutes?: number | undefined;
  modes?: string[] | undefined;
  languages?: string[] | undefined;
}

export async function listExceptions(db: Db, user: StaffUser, advisorId?: string) {
  const res = await db.query(
    `select id, to_char(date, 'YYYY-MM-DD') as date, kind, to_char(start_time, 'HH24:MI') as start_time, to_char(end_time, 'HH24:MI') as end_time, slot_minutes, modes, languages
       from availability_exceptions where advisor_id = $1 order by date, start_time`,
    [targetAdvisor(user, advisorId)],
  );
  return res.rows;
}

/** An absence over booked times is refused with those bookings listed, like removing hours. */
export async function addException(db: Db, user: StaffUser, input: ExceptionInput, now: Date) {
  const advisor = targetAdvisor(user, input.advisorId);
  return db.transaction(async (tx) => {
    if (input.kind === 'absence') {
      const booked = (
        await tx.query<{ id: string; reference: string; starts_at: Date; ends_at: Date }>(
          `select id, reference, starts_at, ends_at from bookings
          where advisor_id = $1 and status = 'active' and (starts_at at time zone 'Europe/Helsinki')::date = $2::date`,
          [advisor, input.date],
        )
      ).rows.filter((b) => {
        if (!input.startTime || !input.endTime) return true;
        const start = helsinkiTime(new Date(b.starts_at));
        const end = helsinkiTime(new Date(b.ends_at));
        return start < input.endTime && input.startTime < end;
      });
      if (booked.length) {
        throw bookingsInTheWay(booked);
      }
    }
    const res = await tx.query<{ id: string }>(
      `insert into availability_exceptions (advisor_id, date, kind, start_time, end_time, slot_minutes, modes, languages, created_at)
       values ($1, $2, $3, $4, $5, $6, $7, $8, $9) returning id`,
      [
        advisor,
        input.date,
        input.kind,
        input.startTime ?? null,
        input.endTime ?? null,
        input.slotMinutes ?? 60,
        input.modes ?? [],
        input.languages ?? [],
        now,
      ],
    );
    await audit(tx, now, user, 'create', 'availability_exception', res.rows[0]!.id);
    return res.rows[0]!;
  });
}

/** Removing an absence only adds times back; removing extra hours is checked like removing hours. */
export async function removeException(db: Db, user: StaffUser, id: string, now: Date) {
  if (!/^[0-9a-f-]{36}$/.test(id)) throw new DomainError('not_found');
  await db.transaction(async (tx) => {
    const row = (
      await tx.query<{
        advisor_id: string;
        kind: string;
        date: string;
        start_time: string | null;
        end_time: string | null;
      }>(
        `select advisor_id, kind, to_char(date, 'YYYY-MM-DD') as date, to_char(start_time, 'HH24:MI') as start_time, to_char(end_time, 'HH24:MI') as end_time from availability_exceptions where id = $1 for update`,
        [id],
      )
    ).rows[0];
    if (!row) throw new DomainError('not_found');
    targetAdvisor(user, row.advisor_id);
    if (row.kind === 'extra') {
      const booked = (
        await tx.query<{ id: string; reference: string; starts_at: Date; ends_at: Date }>(
          `select id, reference, starts_at, ends_at from bookings where advisor_id = $1 and status = 'active' and (starts_at at time zone 'Europe/Helsinki')::date = $2::date`,
          [row.advisor_id, row.date],
        )
      ).rows.filter(
        (b) =>
          helsinkiTime(new Date(b.starts_at)) >= row.start_time! && helsinkiTime(new Date(b.ends_at)) <= row.end_time!,
      );
      if (booked.length) {
        throw bookingsInTheWay(booked);
      }
    }
    await tx.query('delete from availability_exceptions where id = $1', [id]);
    await audit(tx, now, user, 'delete', 'availability_exception', id);
  });
}

export { targetAdvisor };

export async function removeTemplate(db: Db, user: StaffUser, id: string, now: Date) {
  if (!/^[0-9a-f-]{36}$/.test(id)) throw new DomainError('not_found');
  return db.transaction(async (tx) => {
    const row = (await tx.query<TemplateRow>(`${SELECT} where id = $1 for update`, [id])).rows[0];
    if (!row) throw new DomainError('not_found');
    targetAdvisor(user, row.advisor_id);
    const remaining = (
      await tx.query<TemplateRow>(`${SELECT} where advisor_id = $1 and id <> $2`, [row.advisor_id, id])
    ).rows;
    const booked = (
      await tx.query<{ id: string; reference: string; starts_at: Date; ends_at: Date }>(
        `select id, reference, starts_at, ends_at from bookings where advisor_id = $1 and status = 'active' and starts_at > $2 order by starts_at`,
        [row.advisor_id, now],
      )
    ).rows;
    const affected = uncovered(booked, remaining);
    if (affected.length) {
      throw bookingsInTheWay(affected);
    }
    await tx.query('delete from availability_templates where id = $1', [id]);
    await audit(tx, now, user, 'delete', 'availability', id);
  });
}
