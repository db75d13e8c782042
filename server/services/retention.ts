/**
 * Deleting records whose retention has ended, after folding each into an anonymous statistical
 * row (with the advisor's pseudonymous key from advisor_keys, for the workload figures), so that last year's report gives the same numbers once the personal data is gone
 * (server/services/reports.ts reads the live rows and these together). Run by the housekeeping
 * worker; each run is written to the audit log with how many records went.
 */
import type { Db, Queryable } from '../db/client.ts';
import type { RetentionSchedule } from '../../src/domain/retention-schedule.ts';
import { addDays, daysLater, helsinkiDate } from '../../src/domain/calendar.ts';
import { audit } from './audit.ts';
import { anonymiseClosedRequests, anonymiseOpenRequests } from './requests.ts';

const MONTH = (col: string) => `date_trunc('month', ${col} at time zone 'Europe/Helsinki')::date`;

/**
 * Folds the bookings matching `where` (SQL over the bookings table, with `params`) into
 * booking_facts and deletes them; returns how many. Also used by a person's erasure.
 */
export async function foldAndDeleteBookingsWhere(tx: Queryable, where: string, params: unknown[]): Promise<number> {
  await tx.query(
    `insert into advisor_keys (staff_id) select distinct advisor_id from bookings where ${where} on conflict (staff_id) do nothing`,
    params,
  );
  await tx.query(
    `insert into booking_facts (starts_month, created_month, language, status, days_to_first_free, advisor_key)
     select ${MONTH('starts_at')}, ${MONTH('created_at')}, service_language, status, extract(epoch from earliest_offered_at - created_at) / 86400,
            (select k.key from advisor_keys k where k.staff_id = bookings.advisor_id)
       from bookings where ${where}`,
    params,
  );
  return (await tx.query(`delete from bookings where ${where}`, params)).rowCount;
}

/** The same for enrolments (`where` over the enrolments table); the group stays. */
export async function foldAndDeleteEnrolmentsWhere(tx: Queryable, where: string, params: unknown[]): Promise<number> {
  await tx.query(
    `insert into enrolment_facts (group_id, status, attended)
     select group_id, status, exists (select 1 from attendance a where a.enrolment_id = enrolments.id and a.present)
       from enrolments where ${where}`,
    params,
  );
  return (await tx.query(`delete from enrolments where ${where}`, params)).rowCount;
}

/** Bookings whose appointment ended more than `days` ago. */
export async function foldAndDeleteBookings(db: Db, now: Date, days: number): Promise<number> {
  return db.transaction(async (tx) => {
    const count = await foldAndDeleteBookingsWhere(tx, 'ends_at < $1', [daysLater(now, -days)]);
    if (count) await audit(tx, now, null, 'delete', 'booking', null, { retention: true, count });
    return count;
  });
}

/** Enrolments in groups whose last session ended more than `days` ago. */
export async function foldAndDeleteEnrolments(db: Db, now: Date, days: number): Promise<number> {
  return db.transaction(async (tx) => {
    const where = '(select max(ends_at) from course_sessions s where s.group_id = enrolments.group_id) < $1';
    const count = await foldAndDeleteEnrolmentsWhere(tx, where, [daysLater(now, -days)]);
    if (count) await audit(tx, now, null, 'delete', 'enrolment', null, { retention: true, count });
    return count;
  });
}

/** Queue tickets (no personal data, but not kept for ever) from visits more than `days` ago. */
export async function foldAndDeleteTickets(db: Db, now: Date, days: number): Promise<number> {
  return db.transaction(async (tx) => {
    // Visit days are Helsinki dates: the visits before the date `days` before today go.
    const cutoff = addDays(helsinkiDate(now), -days);
    await tx.query(
      `insert into advisor_keys (staff_id) select distinct called_by from queue_tickets
        where service_day < $1 and called_by is not null on conflict (staff_id) do nothing`,
      [cutoff],
    );
    await tx.query(
      `insert into queue_ticket_facts (service_day, language, topic, status, wait_minutes, advisor_key)
       select service_day, language, topic, status, extract(epoch from first_called_at - created_at) / 60,
              (select k.key from advisor_keys k where k.staff_id = queue_tickets.called_by)
         from queue_tickets where service_day < $1`,
      [cutoff],
    );
    const res = await tx.query('delete from queue_tickets where service_day < $1', [cutoff]);
    return res.rowCount;
  });
}

/**
 * The free text of satisfaction comments given in a month that ended more than `days` ago (Helsinki
 * dates); the score, context, language and month stay for the statistics. Audited with the count.
 */
export async function dropFeedbackComments(db: Db, now: Date, days: number): Promise<number> {
  return db.transaction(async (tx) => {
    const cutoff = addDays(helsinkiDate(now), -days);
    const res = await tx.query(
      `update feedback set comment = null where comment is not null and month + interval '1 month' <= $1::date`,
      [cutoff],
    );
    if (res.rowCount)
      await audit(tx, now, null, 'delete', 'feedback_comment', null, { retention: true, count: res.rowCount });
    return res.rowCount;
  });
}

/** Audit entries older than `days` (the log is append-only otherwise: see migration 003). */
export async function purgeAuditLog(db: Db, now: Date, days: number): Promise<number> {
  return db.transaction(async (tx) => {
    await tx.query(`select set_config('ihl.retention', 'on', true)`);
    const res = await tx.query('delete from audit_log where at < $1', [daysLater(now, -days)]);
    return res.rowCount;
  });
}

/** Enforces the whole schedule; statistics are folded before anything is deleted. */
export async function enforceRetention(db: Db, schedule: RetentionSchedule, now: Date) {
  const r = schedule.records;
  return {
    bookings: await foldAndDeleteBookings(db, now, r.bookings.days),
    enrolments: await foldAndDeleteEnrolments(db, now, r.enrolments.days),
    requests: await anonymiseClosedRequests(db, now, r.requests.days),
    openRequests: await anonymiseOpenRequests(db, now, r.openRequests.days),
    queueTickets: await foldAndDeleteTickets(db, now, r.queueTickets.days),
    feedbackComments: await dropFeedbackComments(db, now, r.feedbackComments.days),
    auditLog: await purgeAuditLog(db, now, r.auditLog.days),
  };
}
