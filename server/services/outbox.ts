/**
 * The one way a message is queued: a row in the outbox, written in the caller's transaction (so
 * the message exists exactly when the change it tells about does), due at the caller's `now`.
 * The worker (server/workers/outbox.ts) renders and sends it, claiming, reading and marking its
 * rows through the functions at the end of this module.
 */
import type { Db, Queryable } from '../db/client.ts';
import type { BookingRow } from './booking-lifecycle.ts';
import type { EmployerRequestForMessage } from '../messages/request-messages.ts';
import type { EnrolmentForMessage } from '../messages/enrolment-messages.ts';
import type { TicketForMessage } from '../messages/queue-messages.ts';
import { seal, unseal } from '../sealed.ts';

/**
 * A manage token, and a hold's code and confirmation link, wait in the outbox only until their
 * message is sent, and sealed meanwhile (`DATA_ENCRYPTION_KEY`, server/sealed.ts): a pending or
 * failed row, a dump or a backup holds no working link or code. Opened when the row is claimed.
 */
const SECRET_FIELDS = ['manageToken', 'holdCode', 'holdLink'] as const;
const mapSecrets = (data: Record<string, unknown>, f: (v: string) => string) => {
  const out = { ...data };
  for (const k of SECRET_FIELDS) if (typeof out[k] === 'string' && out[k]) out[k] = f(out[k]);
  return out;
};
const sealData = (data: Record<string, unknown>) => mapSecrets(data, (v) => seal('DATA_ENCRYPTION_KEY', v));
/** An outbox row's data with its secrets opened (the worker, and tests reading a message as its recipient would). */
export const openData = (data: OutboxRow['data']): OutboxRow['data'] =>
  mapSecrets(data, (v) => unseal('DATA_ENCRYPTION_KEY', v)) as OutboxRow['data'];

export type OutboxSubject =
  | { bookingId: string }
  | { enrolmentId: string }
  | { requestId: string }
  | { ticketId: string };

export interface Recipient {
  client_email: string | null;
  client_phone: string | null;
  contact_language: string;
}

/** An outbox row's data as stored: the manage token sealed. For the statements that write outbox rows themselves. */
export const outboxData = (data: Record<string, unknown>) => JSON.stringify(sealData(data));

/** The subject's columns: booking_id, enrolment_id, request_id, ticket_id. */
const subjectColumns = (s: OutboxSubject) => [
  'bookingId' in s ? s.bookingId : null,
  'enrolmentId' in s ? s.enrolmentId : null,
  'requestId' in s ? s.requestId : null,
  'ticketId' in s ? s.ticketId : null,
];

export async function enqueueMessage(
  q: Queryable,
  message: {
    kind: string;
    subject: OutboxSubject;
    channel: 'email' | 'sms';
    locale: string;
    data?: Record<string, unknown>;
  },
  now: Date,
): Promise<void> {
  await q.query(
    `insert into outbox (kind, booking_id, enrolment_id, request_id, ticket_id, channel, locale, data, next_attempt_at, created_at)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $9)`,
    [
      message.kind,
      ...subjectColumns(message.subject),
      message.channel,
      message.locale,
      outboxData(message.data ?? {}),
      now,
    ],
  );
}

/** The channels a person gave: email, SMS, or both. */
export const channelsOf = (person: Pick<Recipient, 'client_email' | 'client_phone'>) =>
  [person.client_email ? 'email' : null, person.client_phone ? 'sms' : null].filter((c) => c !== null);

/** One message per channel the person gave (email, SMS), in their contact language: one statement for all. */
export async function enqueueToPerson(
  q: Queryable,
  kind: string,
  subject: OutboxSubject,
  person: Recipient,
  now: Date,
  data: Record<string, unknown> = {},
): Promise<void> {
  const channels = channelsOf(person);
  if (!channels.length) return;
  await q.query(
    `insert into outbox (kind, booking_id, enrolment_id, request_id, ticket_id, channel, locale, data, next_attempt_at, created_at)
     select $1, $2, $3, $4, $5, c, $6, $7, $8, $8 from unnest($9::text[]) as c`,
    [kind, ...subjectColumns(subject), person.contact_language, outboxData(data), now, channels],
  );
}

/** Messages not sent yet, by status: pending and sending are the backlog, failed gave up (for the metrics). */
export async function outboxBacklog(q: Queryable): Promise<Record<'pending' | 'sending' | 'failed', number>> {
  const rows = (
    await q.query<{ status: string; n: number }>(
      `select status, count(*)::int as n from outbox where status <> 'sent' group by status`,
    )
  ).rows;
  const count = (status: string) => Number(rows.find((r) => r.status === status)?.n ?? 0);
  return { pending: count('pending'), sending: count('sending'), failed: count('failed') };
}

export interface OutboxRow {
  id: number;
  kind: string;
  booking_id: string | null;
  enrolment_id: string | null;
  request_id: string | null;
  ticket_id: string | null;
  channel: 'email' | 'sms';
  data: { manageToken?: string; holdCode?: string; holdLink?: string; locale?: string; desk?: string; place?: string };
  attempts: number;
}

/**
 * Claims up to `limit` messages that are due, or whose claim ran out (their sender crashed), until
 * `claimUntil`, in one short transaction. FOR UPDATE SKIP LOCKED: two instances never take the same row.
 */
export async function claimDueMessages(db: Db, now: Date, claimUntil: Date, limit: number): Promise<OutboxRow[]> {
  return db.transaction(async (tx) => {
    const res = await tx.query<OutboxRow>(
      `select id, kind, booking_id, enrolment_id, request_id, ticket_id, channel, data, attempts from outbox
        where (status = 'pending' and next_attempt_at <= $1) or (status = 'sending' and claimed_until < $1)
        order by id limit $2 for update skip locked`,
      [now, limit],
    );
    if (res.rows.length) {
      await tx.query(
        `update outbox set status = 'sending', claimed_until = $2, attempts = attempts + 1 where id = any($1)`,
        [res.rows.map((r) => r.id), claimUntil],
      );
    }
    return res.rows.map((r) => ({ ...r, data: openData(r.data) }));
  });
}

/** Sent. The manage token was only needed to write the link into this message: it goes now. */
export async function markSent(q: Queryable, id: number, now: Date): Promise<void> {
  await q.query(
    `update outbox set status = 'sent', sent_at = $2, claimed_until = null, last_error = null, data = data - 'manageToken' - 'holdCode' - 'holdLink' where id = $1`,
    [id, now],
  );
}

/** Not sent: tried again at `retryAt`, or given up (`failed`, for staff to reach the person another way). */
export async function markNotSent(
  q: Queryable,
  id: number,
  outcome: { failed: boolean; retryAt: Date; error: string },
): Promise<void> {
  await q.query(
    `update outbox set status = $2, next_attempt_at = $3, claimed_until = null, last_error = $4 where id = $1`,
    [id, outcome.failed ? 'failed' : 'pending', outcome.retryAt, outcome.error.slice(0, 300)],
  );
}

/** Not sent yet and not a failed attempt (the SMS budget of the day is spent): due again at `until`. */
export async function deferMessage(q: Queryable, id: number, until: Date, reason: string): Promise<void> {
  await q.query(
    `update outbox set status = 'pending', next_attempt_at = $2, claimed_until = null, attempts = greatest(attempts - 1, 0), last_error = $3 where id = $1`,
    [id, until, reason],
  );
}

export type TicketSubject = TicketForMessage & { phone: string };

export type EnrolmentSubject = EnrolmentForMessage & { client_email: string | null; client_phone: string | null };

/** The record a message tells about, read when it is sent (so it says what is true then); undefined when it is gone. */
export async function messageSubject(
  q: Queryable,
  row: OutboxRow,
): Promise<
  | { booking: BookingRow }
  | { request: EmployerRequestForMessage }
  | { enrolment: EnrolmentSubject }
  | { ticket: TicketSubject }
  | undefined
> {
  if (row.ticket_id) {
    // The number is there only while the ticket is open: a closed ticket's message has no recipient.
    const ticket = (
      await q.query<TicketSubject>(
        'select t.code, s.locale, s.phone from queue_tickets t join queue_ticket_sms s on s.ticket_id = t.id where t.id = $1',
        [row.ticket_id],
      )
    ).rows[0];
    return ticket && { ticket };
  }
  if (row.booking_id) {
    const booking = (await q.query<BookingRow>('select * from bookings where id = $1', [row.booking_id])).rows[0];
    return booking && { booking };
  }
  if (row.request_id) {
    const request = (
      await q.query<EmployerRequestForMessage>(
        'select reference, locale, org_name, categories, due_at, personal from requests where id = $1',
        [row.request_id],
      )
    ).rows[0];
    return request && { request };
  }
  const e = (
    await q.query<Omit<EnrolmentSubject, 'sessions'> & { group_id: string }>(
      `select e.id, e.reference, e.client_name, e.client_email, e.client_phone, e.contact_language, e.status, e.group_id, g.course_slug, g.place, e.hold_until
       from enrolments e join course_groups g on g.id = e.group_id where e.id = $1`,
      [row.enrolment_id],
    )
  ).rows[0];
  if (!e) return undefined;
  const sessions = (
    await q.query<{ starts_at: Date; ends_at: Date }>(
      'select starts_at, ends_at from course_sessions where group_id = $1 order by starts_at',
      [e.group_id],
    )
  ).rows;
  return { enrolment: { ...e, sessions } };
}
