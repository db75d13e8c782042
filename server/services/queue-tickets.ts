/**
 * A person's ticket in the walk-in queue: taken at the kiosk or on a phone, or given to a booked
 * client who checks in; the ticket's own page (place, estimate) and leaving the queue. The rules
 * (codes, the wait estimate) are in server/domain/queue.ts; this module loads their inputs and
 * stores their results. A ticket is found by its page token, kept only as a hash.
 *
 * Concurrency: numbers come from an upsert on a counter row (locked until the ticket's statement
 * commits), so two kiosks never draw the same one.
 */
import crypto from 'node:crypto';
import type { Db, Queryable } from '../db/client.ts';
import { DomainError } from '../domain/errors.ts';
import { hashToken } from '../domain/person.ts';
import { ticketCode, type TicketTopic, type Topic } from '../domain/queue.ts';
import { helsinkiDay } from '../../src/domain/calendar.ts';
import type { QueueSettings, ServicePoint } from '../../src/domain/queue-settings.ts';
import type { TicketStatus, TicketView, WaitEstimate } from '../../src/contracts/queue.ts';
import { announce, QUEUE_CHANNEL } from './queue-events.ts';
import { servicePoint, takesTicketsNow, type QueueHours } from './queue-openings.ts';
import { forgetPhones } from './queue-sms.ts';
import { readPoint, serviceSamples, ticketViews } from './queue-live.ts';

export interface TicketRow {
  id: string;
  seq: number;
  service_point: string;
  service_day: string;
  code: string;
  topic: TicketTopic;
  language: string;
  status: TicketStatus;
  queued_at: Date;
  called_at: Date | null;
  called_desk: string | null;
  advisor_id: string | null;
  desk: string | null;
  interpreter_needed: boolean;
  call_count: number;
  feedback_given: boolean;
}

export interface NewTicket {
  token: string;
  code: string;
  id: string;
}

async function insertTicket(
  tx: Queryable,
  point: ServicePoint,
  t: { topic: TicketTopic; language: string; channel: 'kiosk' | 'phone'; bookingId?: string; advisorId?: string },
  now: Date,
): Promise<NewTicket> {
  const day = helsinkiDay(now).date;
  const prefix = ticketCode(t.topic, 0).slice(0, 1);
  const token = crypto.randomBytes(32).toString('base64url');
  // The day's next number, the ticket and the live views' NOTIFY (sent at commit) in one
  // statement. Its code is ticketCode(topic, number) (server/domain/queue.ts) written in SQL:
  // "A-007", "A-1000"; a test holds the two to the same result.
  const res = await tx.query<{ id: string; code: string }>(
    `with n as (
       insert into queue_counters (service_point, service_day, prefix, last_number) values ($1, $2, $3, 1)
       on conflict (service_point, service_day, prefix) do update set last_number = queue_counters.last_number + 1
       returning last_number),
     t as (
       insert into queue_tickets (service_point, service_day, code, topic, language, channel, token_hash, booking_id, advisor_id, created_at, queued_at)
       select $1, $2, $3 || '-' || lpad(n.last_number::text, greatest(3, length(n.last_number::text)), '0'),
              $4, $5, $6, $7, $8, $9, $10, $10 from n
       returning id, code)
     select t.id, t.code, pg_notify($11, $1) from t`,
    [
      point.id,
      day,
      prefix,
      t.topic,
      t.language,
      t.channel,
      hashToken(token),
      t.bookingId ?? null,
      t.advisorId ?? null,
      now,
      QUEUE_CHANNEL,
    ],
  );
  const { id, code } = res.rows[0]!;
  return { token, code, id };
}

export async function takeTicket(
  db: Db,
  settings: QueueSettings,
  pointId: string,
  input: { topic: Topic; language: string; channel: 'kiosk' | 'phone' },
  now: Date,
  hours: QueueHours,
): Promise<NewTicket> {
  const point = servicePoint(settings, pointId);
  if (!point.walkIn) throw new DomainError('not_found');
  if (!(await takesTicketsNow(hours, point, now))) throw new DomainError('queue_closed');
  // One statement, its own transaction: the number is drawn only with its ticket.
  return insertTicket(db, point, input, now);
}

/**
 * A booked client checks in: an in-person booking today, within the check-in window, at this
 * point. Checking in twice gives the same number (and no page token: the kiosk shows the number).
 */
export async function checkIn(
  db: Db,
  settings: QueueSettings,
  pointId: string,
  reference: string,
  now: Date,
): Promise<{ code: string; token?: string }> {
  const point = servicePoint(settings, pointId);
  const formatted = `${reference.slice(0, 3)}-${reference.slice(3)}`;
  const booking = (
    await db.query<{ id: string; advisor_id: string; starts_at: Date; service_language: string }>(
      `select id, advisor_id, starts_at, service_language from bookings where reference = $1 and status = 'active' and mode = 'in_person'`,
      [formatted],
    )
  ).rows[0];
  const startsAt = booking && new Date(booking.starts_at);
  const window = settings.checkInWindowMinutes;
  const inWindow =
    startsAt &&
    helsinkiDay(startsAt).date === helsinkiDay(now).date &&
    now.getTime() >= startsAt.getTime() - window.before * 60_000 &&
    now.getTime() <= startsAt.getTime() + window.after * 60_000;
  if (!booking || !inWindow) throw new DomainError('check_in_not_found');
  if (!point.appointments) {
    // With no service point taking appointments at all, there is no right place to name.
    const right = settings.servicePoints.find((p) => p.appointments);
    throw right
      ? new DomainError('check_in_wrong_place', { params: { street: right.street } })
      : new DomainError('check_in_not_found');
  }
  return db.transaction(async (tx) => {
    const existing = (
      await tx.query<{ code: string }>('select code from queue_tickets where booking_id = $1', [booking.id])
    ).rows[0];
    if (existing) return { code: existing.code };
    const ticket = await insertTicket(
      tx,
      point,
      {
        topic: 'appointment',
        language: booking.service_language,
        channel: 'kiosk',
        bookingId: booking.id,
        advisorId: booking.advisor_id,
      },
      now,
    );
    return { code: ticket.code, token: ticket.token };
  });
}

export async function ticketByToken(q: Queryable, token: string): Promise<TicketRow> {
  if (!/^[A-Za-z0-9_-]{43}$/.test(token)) throw new DomainError('not_found');
  const row = (await q.query<TicketRow>('select * from queue_tickets where token_hash = $1', [hashToken(token)]))
    .rows[0];
  if (!row) throw new DomainError('not_found');
  return row;
}

/** The ticket a phone's token stands for, and its service point (to watch it live). */
export async function ticketRef(q: Queryable, token: string): Promise<{ id: string; servicePoint: string }> {
  const t = await ticketByToken(q, token);
  return { id: t.id, servicePoint: t.service_point };
}

export async function ticketView(q: Queryable, settings: QueueSettings, token: string, now: Date): Promise<TicketView> {
  return viewOfTicket(q, settings, await ticketByToken(q, token), now);
}

/** A ticket's view, derived from one read of its point as the live views derive it. */
async function viewOfTicket(q: Queryable, settings: QueueSettings, t: TicketRow, now: Date): Promise<TicketView> {
  const [snapshot, samples] = await Promise.all([
    readPoint(q, settings, t.service_point, [t.id], now),
    t.status === 'waiting' ? serviceSamples(q, settings, now, t.topic) : [],
  ]);
  return ticketViews(snapshot, samples, settings.estimate)(t.id)!;
}

/** A waiting ticket's place and estimated wait (the range shown), derived as its page sees them. */
export async function waitFor(
  q: Queryable,
  settings: QueueSettings,
  t: TicketRow,
  now: Date,
): Promise<{ ahead: number; estimate: WaitEstimate }> {
  const view = await viewOfTicket(q, settings, t, now);
  return { ahead: view.ahead ?? 0, estimate: view.estimate ?? { kind: 'unknown' } };
}

export async function leaveQueue(db: Db, token: string, now: Date) {
  await db.transaction(async (tx) => {
    const t = await ticketByToken(tx, token);
    const res = await tx.query(
      `update queue_tickets set status = 'left', ended_at = $2 where id = $1 and status in ('waiting', 'called')`,
      [t.id, now],
    );
    if (!res.rowCount) throw new DomainError('ticket_ended');
    await forgetPhones(tx, [t.id]);
    await announce(tx, t.service_point);
  });
}
