/**
 * The one way a message is queued: a row in the outbox, written in the caller's transaction (so
 * the message exists exactly when the change it tells about does), due at the caller's `now`.
 * The worker (server/workers/outbox.ts) renders and sends it.
 */
import type { Queryable } from '../db/client.ts';

export type OutboxSubject = { bookingId: string } | { enrolmentId: string } | { requestId: string };

export interface Recipient { client_email: string | null; client_phone: string | null; contact_language: string }

export async function enqueueMessage(
  q: Queryable,
  message: { kind: string; subject: OutboxSubject; channel: 'email' | 'sms'; locale: string; data?: Record<string, unknown> },
  now: Date,
): Promise<void> {
  const s = message.subject;
  await q.query(
    `insert into outbox (kind, booking_id, enrolment_id, request_id, channel, locale, data, next_attempt_at, created_at)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $8)`,
    [
      message.kind,
      'bookingId' in s ? s.bookingId : null,
      'enrolmentId' in s ? s.enrolmentId : null,
      'requestId' in s ? s.requestId : null,
      message.channel,
      message.locale,
      JSON.stringify(message.data ?? {}),
      now,
    ],
  );
}

/** One message per channel the person gave (email, SMS), in their contact language. */
export async function enqueueToPerson(
  q: Queryable,
  kind: string,
  subject: OutboxSubject,
  person: Recipient,
  now: Date,
  data: Record<string, unknown> = {},
): Promise<void> {
  for (const [channel, present] of [['email', person.client_email], ['sms', person.client_phone]] as const) {
    if (present) await enqueueMessage(q, { kind, subject, channel, locale: person.contact_language, data }, now);
  }
}
