/**
 * The outbox worker. Rows are claimed in a short transaction (FOR UPDATE SKIP LOCKED, so two
 * instances never take the same row), sent outside any transaction (PGlite has one connection:
 * holding it during an SMTP exchange would stall every request), then marked sent, or retried
 * with exponential backoff. A claim that outlives its process (crash) expires and is retaken.
 * The housekeeping worker (workers/housekeeping.ts) runs the sending and the reminders.
 */
import type { Db } from '../db/client.ts';
import { enqueueToPerson } from '../services/outbox.ts';
import type { Logger } from '../http/log.ts';
import { leaseUntil } from '../services/leases.ts';
import { renderBookingMessage, type BookingMessageKind } from '../messages/booking-messages.ts';
import type { Transports } from '../messages/transports.ts';
import type { BookingRow } from '../services/bookings.ts';
import { renderEmployerRequestMessage, type EmployerRequestForMessage } from '../messages/request-messages.ts';
import { renderEnrolmentMessage, type EnrolmentForMessage, type EnrolmentMessageKind } from '../messages/enrolment-messages.ts';

export const MAX_ATTEMPTS = 8;
/** A claimed message is retaken after this long (its sender crashed). Clocks must agree within it. */
export const CLAIM_MS = 5 * 60_000;

/** 1 min, 2, 4, … capped at 2 hours. */
export function backoffMs(attempts: number): number {
  return Math.min(60_000 * 2 ** Math.max(0, attempts - 1), 2 * 3_600_000);
}

interface OutboxRow { id: number; kind: string; booking_id: string | null; enrolment_id: string | null; request_id: string | null; channel: 'email' | 'sms'; data: { manageToken?: string; locale?: string }; attempts: number }

export interface OutboxDeps { db: Db; log: Logger; transports: Transports; baseUrl: string; from: string; now: () => Date; reminderHours?: number }

export async function processOutbox(deps: OutboxDeps, limit = 20): Promise<{ sent: number; failed: number }> {
  const now = deps.now();
  const claimed = await deps.db.transaction(async (tx) => {
    const res = await tx.query<OutboxRow>(
      `select id, kind, booking_id, enrolment_id, request_id, channel, data, attempts from outbox
        where (status = 'pending' and next_attempt_at <= $1) or (status = 'sending' and claimed_until < $1)
        order by id limit $2 for update skip locked`,
      [now, limit],
    );
    if (res.rows.length) {
      await tx.query(`update outbox set status = 'sending', claimed_until = $2, attempts = attempts + 1 where id = any($1)`, [res.rows.map((r) => r.id), leaseUntil(now, CLAIM_MS)]);
    }
    return res.rows;
  });
  let sent = 0;
  let failed = 0;
  for (const row of claimed) {
    try {
      const { to, msg } = await renderRow(deps, row);
      if (!to) throw new Error(`no ${row.channel} on record`);
      if (row.channel === 'email') await deps.transports.email({ to, from: deps.from, subject: msg.subject, text: msg.text, kind: row.kind, ...(msg.ics ? { ics: msg.ics } : {}) });
      else await deps.transports.sms(to, msg.sms);
      // The manage token was only needed to write the link into this message: drop it now.
      await deps.db.query(`update outbox set status = 'sent', sent_at = $2, claimed_until = null, last_error = null, data = data - 'manageToken' where id = $1`, [row.id, deps.now()]);
      sent++;
    } catch (err) {
      const attempts = row.attempts + 1;
      const final = attempts >= MAX_ATTEMPTS;
      await deps.db.query(
        `update outbox set status = $2, next_attempt_at = $3, claimed_until = null, last_error = $4 where id = $1`,
        [row.id, final ? 'failed' : 'pending', new Date(deps.now().getTime() + backoffMs(attempts)), String((err as Error).message).slice(0, 300)],
      );
      // The error text, never the recipient or the message.
      deps.log.warn('message not sent', { outboxId: row.id, channel: row.channel, attempts, final, error: (err as Error).message });
      failed++;
    }
  }
  return { sent, failed };
}

/** The message of an outbox row and its recipient, read from the record it tells about. */
async function renderRow(deps: OutboxDeps, row: OutboxRow) {
  const opts = { baseUrl: deps.baseUrl, token: row.data.manageToken, linkLocale: row.data.locale };
  if (row.booking_id) {
    const booking = (await deps.db.query<BookingRow>('select * from bookings where id = $1', [row.booking_id])).rows[0];
    if (!booking) throw new Error('booking gone');
    const msg = renderBookingMessage(row.kind as BookingMessageKind, booking, opts);
    return { to: row.channel === 'email' ? booking.client_email : booking.client_phone, msg };
  }
  if (row.request_id) {
    const r = (await deps.db.query<EmployerRequestForMessage>('select reference, locale, org_name, categories, due_at, personal from requests where id = $1', [row.request_id])).rows[0];
    if (!r?.personal) throw new Error('request gone');
    return { to: r.personal.email ?? null, msg: { ...renderEmployerRequestMessage(r), ics: undefined } };
  }
  const e = (await deps.db.query<EnrolmentForMessage & { client_email: string | null; client_phone: string | null; group_id: string }>(
    `select e.id, e.reference, e.client_name, e.client_email, e.client_phone, e.contact_language, e.status, e.group_id, g.course_slug, g.place
       from enrolments e join course_groups g on g.id = e.group_id where e.id = $1`,
    [row.enrolment_id],
  )).rows[0];
  if (!e) throw new Error('enrolment gone');
  e.sessions = (await deps.db.query<{ starts_at: Date; ends_at: Date }>('select starts_at, ends_at from course_sessions where group_id = $1 order by starts_at', [e.group_id])).rows;
  const msg = renderEnrolmentMessage(row.kind as EnrolmentMessageKind, e, opts);
  return { to: row.channel === 'email' ? e.client_email : e.client_phone, msg };
}

/** Writes a reminder to the outbox for every active booking that starts within 24 hours and has none yet. */
export async function scheduleReminders(db: Db, now: Date, hoursBefore = 24): Promise<number> {
  return db.transaction(async (tx) => {
    const due = await tx.query<{ id: string; client_email: string | null; client_phone: string | null; contact_language: string }>(
      `update bookings set reminder_sent_at = $1
        where status = 'active' and reminder_sent_at is null and starts_at > $1 and starts_at <= $2
        returning id, client_email, client_phone, contact_language`,
      [now, new Date(now.getTime() + hoursBefore * 3_600_000)],
    );
    for (const b of due.rows) await enqueueToPerson(tx, 'booking_reminder', { bookingId: b.id }, b, now);
    return due.rows.length;
  });
}
