/**
 * Text messages about a walk-in ticket (opt-in): a person gives a mobile number on the ticket's
 * page or at the kiosk and is told, in their language, when the lower end of their estimated
 * wait reaches `sms.nearMinutes`, and when they are called (with the desk). A followed ticket
 * gets the longer no-show grace `sms.noShowAfterMinutes`.
 *
 * The number lives in queue_ticket_sms only while the ticket is open: every transaction that
 * closes a ticket calls `forgetPhones`, and `sweepPhones` (housekeeping) deletes what any other
 * path left. Messages go through the outbox (rows with ticket_id; the worker reads the number
 * when it sends, so no number is copied), so the SMS transport's limits apply to them.
 *
 * Exactly one message per threshold and ticket: the flag (near_sent_at, called_sent_at) is set by
 * an update that requires it to be null, in the transaction that queues the message; of two
 * instances checking at once, one updates the row and the other finds it taken.
 */
import type { Db, Queryable } from '../db/client.ts';
import { DomainError } from '../domain/errors.ts';
import type { QueueSettings } from '../../src/domain/queue-settings.ts';
import { enqueueMessage } from './outbox.ts';
import { servicePoint } from './queue-openings.ts';
import { ticketByToken, type TicketRow, waitFor } from './queue-tickets.ts';

export async function followedBySms(q: Queryable, ticketId: string): Promise<boolean> {
  return !!(await q.query('select 1 from queue_ticket_sms where ticket_id = $1', [ticketId])).rowCount;
}

/** The no-show grace of a called ticket: longer when the person follows it by text message. */
export async function noShowGrace(q: Queryable, settings: QueueSettings, ticketId: string): Promise<number> {
  return (await followedBySms(q, ticketId)) ? settings.sms.noShowAfterMinutes : settings.noShowAfterMinutes;
}

/** Starts (or changes the number of) text messages for an open ticket. */
export async function followBySms(
  db: Db,
  token: string,
  input: { phone: string; locale: string },
  now: Date,
): Promise<void> {
  await db.transaction(async (tx) => {
    const t = await ticketByToken(tx, token);
    if (t.status !== 'waiting' && t.status !== 'called') throw new DomainError('ticket_ended');
    await tx.query(
      `insert into queue_ticket_sms (ticket_id, phone, locale, created_at) values ($1, $2, $3, $4)
       on conflict (ticket_id) do update set phone = excluded.phone, locale = excluded.locale`,
      [t.id, input.phone, input.locale, now],
    );
  });
}

/** Stops the messages: the number goes, and any message not sent yet. */
export async function stopSms(db: Db, token: string): Promise<void> {
  await db.transaction(async (tx) => forgetPhones(tx, [(await ticketByToken(tx, token)).id]));
}

/** In the transaction that closes these tickets: their numbers and unsent messages go. */
export async function forgetPhones(tx: Queryable, ticketIds: readonly string[]): Promise<void> {
  if (!ticketIds.length) return;
  await tx.query('delete from queue_ticket_sms where ticket_id = any($1)', [ticketIds]);
  await tx.query(`delete from outbox where ticket_id = any($1) and status = 'pending'`, [ticketIds]);
}

/** The safety net (housekeeping): numbers of tickets that are no longer open. */
export async function sweepPhones(db: Db): Promise<number> {
  return (
    await db.query(
      `delete from queue_ticket_sms s using queue_tickets t where t.id = s.ticket_id and t.status not in ('waiting', 'called')`,
    )
  ).rowCount;
}

async function queueSms(
  tx: Queryable,
  ticket: Pick<TicketRow, 'id'>,
  kind: 'queue_near' | 'queue_called',
  locale: string,
  data: Record<string, unknown>,
  now: Date,
) {
  await enqueueMessage(tx, { kind, subject: { ticketId: ticket.id }, channel: 'sms', locale, data }, now);
}

/** In the transaction that calls the ticket: the "called" message, once (and no "near" after it). */
export async function tellCalled(
  tx: Queryable,
  settings: QueueSettings,
  ticket: Pick<TicketRow, 'id' | 'service_point'>,
  desk: string,
  now: Date,
): Promise<void> {
  const row = (
    await tx.query<{ locale: string }>(
      `update queue_ticket_sms set called_sent_at = $2, near_sent_at = coalesce(near_sent_at, $2)
        where ticket_id = $1 and called_sent_at is null returning locale`,
      [ticket.id, now],
    )
  ).rows[0];
  if (row)
    await queueSms(
      tx,
      ticket,
      'queue_called',
      row.locale,
      { desk, place: servicePoint(settings, ticket.service_point).place },
      now,
    );
}

/**
 * The "turn near" check (housekeeping, under its lease; safe without it too): each waiting,
 * followed ticket not yet told whose range starts at `sms.nearMinutes` or sooner (or who is next).
 */
export async function tellNearTurns(db: Db, settings: QueueSettings, now: Date): Promise<number> {
  const due = (
    await db.query<TicketRow>(
      `select t.* from queue_tickets t join queue_ticket_sms s on s.ticket_id = t.id
        where t.status = 'waiting' and s.near_sent_at is null order by t.seq`,
    )
  ).rows;
  let told = 0;
  for (const t of due) {
    const { estimate } = await waitFor(db, settings, t, now);
    const near = estimate.kind === 'next' || (estimate.kind === 'range' && estimate.from <= settings.sms.nearMinutes);
    if (!near) continue;
    await db.transaction(async (tx) => {
      const row = (
        await tx.query<{ locale: string }>(
          `update queue_ticket_sms set near_sent_at = $2 where ticket_id = $1 and near_sent_at is null returning locale`,
          [t.id, now],
        )
      ).rows[0];
      if (!row) return;
      await queueSms(tx, t, 'queue_near', row.locale, { place: servicePoint(settings, t.service_point).place }, now);
      told++;
    });
  }
  return told;
}
