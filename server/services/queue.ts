/**
 * The walk-in queue in the database: tickets from the kiosk and phones, check-in for booked
 * clients, advisors at desks calling the next person, and the views the display, the ticket page
 * and the console read. The rules themselves (who is next, the wait estimate) are in
 * server/domain/queue.ts; this module loads their inputs and stores their results.
 *
 * Concurrency: "call next" locks the service point's waiting tickets (SELECT … FOR UPDATE) in its
 * transaction, so a second advisor's call waits for the first to commit and then sees the first
 * one's ticket as called; the update also requires `status = 'waiting'`, and a unique index
 * allows one called ticket per desk. Numbers come from an upsert on a counter row.
 */
import crypto from 'node:crypto';
import type { Db, Queryable } from '../db/client.ts';
import { uniqueViolation } from '../db/errors.ts';
import { DomainError, invalidField } from '../domain/errors.ts';
import { hashToken } from '../domain/person.ts';
import {
  estimateWait,
  pickNext,
  ticketCode,
  type TicketTopic,
  type Topic,
  type WaitingTicket,
} from '../domain/queue.ts';
import { addDays, daysLater, helsinkiDay, helsinkiInstant, isWorkingDay } from '../../src/domain/calendar.ts';
import { upcomingSessions } from '../../src/domain/walk-in.ts';
import { walkInData } from '../../src/domain/walk-in-data.ts';
import type { QueueSettings, ServicePoint } from '../../src/domain/queue-settings.ts';
import { currentSchedule } from './walk-in.ts';
import { announce } from './queue-events.ts';
import { audit } from './audit.ts';
import type { StaffUser } from './auth.ts';
import type {
  CalledTicket,
  ConsoleView,
  DisplayView,
  OpenState,
  TicketStatus,
  TicketView,
} from '../../src/contracts/queue.ts';

export type { CalledTicket, ConsoleView, DisplayView, OpenState, TicketView };

interface TicketRow {
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

export function servicePoint(settings: QueueSettings, id: string): ServicePoint {
  const point = settings.servicePoints.find((p) => p.id === id);
  if (!point) throw new DomainError('not_found');
  return point;
}

// ---------------------------------------------------------------------------------------------
// Opening hours

interface Window {
  opensAt: Date;
  closesAt: Date;
  languages?: string[];
}

/** The point's scheduled windows from today on (for a week), extra openings included. */
async function windows(q: Queryable, point: ServicePoint, now: Date): Promise<Window[]> {
  const out: Window[] = [];
  if (point.hours === 'walk-in') {
    const data = walkInData(await currentSchedule(q), now);
    for (const s of upcomingSessions(data, now, 8))
      out.push({ opensAt: s.opensAt, closesAt: s.closesAt, languages: s.languages });
  } else {
    const today = helsinkiDay(now).date;
    for (let i = 0; i < 8; i++) {
      const date = addDays(today, i);
      if (!isWorkingDay(date)) continue;
      out.push({ opensAt: helsinkiInstant(date, point.hours.start), closesAt: helsinkiInstant(date, point.hours.end) });
    }
  }
  const extra = await q.query<{ opens_at: Date; closes_at: Date }>(
    'select opens_at, closes_at from queue_openings where service_point = $1 and closes_at > $2 order by opens_at',
    [point.id, now],
  );
  for (const r of extra.rows) out.push({ opensAt: new Date(r.opens_at), closesAt: new Date(r.closes_at) });
  return out.filter((w) => w.closesAt > now).sort((a, b) => a.opensAt.getTime() - b.opensAt.getTime());
}

export async function openState(q: Queryable, point: ServicePoint, now: Date): Promise<OpenState> {
  const ws = await windows(q, point, now);
  const current = ws.filter((w) => w.opensAt <= now);
  if (current.length) {
    // Back-to-back or overlapping windows are one opening: report when tickets really stop.
    let closesAt = new Date(Math.max(...current.map((w) => w.closesAt.getTime())));
    for (const w of ws) if (w.opensAt <= closesAt && w.closesAt > closesAt) closesAt = w.closesAt;
    const languages = current.find((w) => w.languages)?.languages;
    return { open: true, closesAt, ...(languages ? { languages } : {}) };
  }
  return ws[0] ? { open: false, opensAt: ws[0].opensAt } : { open: false };
}

/** When today's queue at this point closes for good (the last window of the day), if it opens today. */
async function lastClosingToday(q: Queryable, point: ServicePoint, now: Date): Promise<Date | undefined> {
  const today = helsinkiDay(now).date;
  const dayStart = helsinkiInstant(today, '00:00');
  const ws = await windows(q, point, dayStart);
  const todays = ws.filter((w) => helsinkiDay(w.opensAt).date === today);
  return todays.length ? new Date(Math.max(...todays.map((w) => w.closesAt.getTime()))) : undefined;
}

// ---------------------------------------------------------------------------------------------
// Tickets

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
  const counter = await tx.query<{ last_number: number }>(
    `insert into queue_counters (service_point, service_day, prefix, last_number) values ($1, $2, $3, 1)
     on conflict (service_point, service_day, prefix) do update set last_number = queue_counters.last_number + 1
     returning last_number`,
    [point.id, day, prefix],
  );
  const code = ticketCode(t.topic, counter.rows[0]!.last_number);
  const token = crypto.randomBytes(32).toString('base64url');
  const res = await tx.query<{ id: string }>(
    `insert into queue_tickets (service_point, service_day, code, topic, language, channel, token_hash, booking_id, advisor_id, created_at, queued_at)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $10) returning id`,
    [
      point.id,
      day,
      code,
      t.topic,
      t.language,
      t.channel,
      hashToken(token),
      t.bookingId ?? null,
      t.advisorId ?? null,
      now,
    ],
  );
  await announce(tx, point.id);
  return { token, code, id: res.rows[0]!.id };
}

export async function takeTicket(
  db: Db,
  settings: QueueSettings,
  pointId: string,
  input: { topic: Topic; language: string; channel: 'kiosk' | 'phone' },
  now: Date,
): Promise<NewTicket> {
  const point = servicePoint(settings, pointId);
  if (!point.walkIn) throw new DomainError('not_found');
  if (!(await openState(db, point, now)).open) throw new DomainError('queue_closed');
  return db.transaction((tx) => insertTicket(tx, point, input, now));
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

async function ticketByToken(q: Queryable, token: string): Promise<TicketRow> {
  if (!/^[A-Za-z0-9_-]{43}$/.test(token)) throw new DomainError('not_found');
  const row = (await q.query<TicketRow>('select * from queue_tickets where token_hash = $1', [hashToken(token)]))
    .rows[0];
  if (!row) throw new DomainError('not_found');
  return row;
}

export async function ticketPoint(q: Queryable, token: string): Promise<string> {
  return (await ticketByToken(q, token)).service_point;
}

async function openDesks(q: Queryable, pointId: string) {
  return (
    await q.query<{ desk: string; languages: string[]; paused: boolean; staff_id: string }>(
      'select desk, languages, paused, staff_id from queue_desks where service_point = $1 and ended_at is null order by desk',
      [pointId],
    )
  ).rows;
}

export async function ticketView(q: Queryable, settings: QueueSettings, token: string, now: Date): Promise<TicketView> {
  const t = await ticketByToken(q, token);
  const point = servicePoint(settings, t.service_point);
  const desks = (await openDesks(q, point.id)).filter((d) => !d.paused);
  const view: TicketView = {
    code: t.code,
    status: t.status,
    topic: t.topic,
    language: t.language,
    servicePoint: { id: point.id, place: point.place, street: point.street },
    callCount: t.call_count,
    feedbackGiven: t.feedback_given,
    languagesServed: [...new Set(desks.flatMap((d) => d.languages))].sort(),
  };
  if (t.status === 'called') return { ...view, desk: t.called_desk!, calledAt: new Date(t.called_at!).toISOString() };
  if (t.status !== 'waiting') return view;
  const ahead = Number(
    (
      await q.query<{ n: number }>(
        `select count(*)::int as n from queue_tickets where service_point = $1 and status = 'waiting' and seq < $2`,
        [point.id, t.seq],
      )
    ).rows[0]!.n,
  );
  const since = daysLater(now, -settings.estimate.sampleDays);
  const samples = await q.query<{ topic: TicketTopic; language: string; minutes: number }>(
    `select topic, language, extract(epoch from ended_at - first_called_at) / 60 as minutes
       from queue_tickets where status = 'served' and topic = $1 and ended_at > $2 and first_called_at is not null`,
    [t.topic, since],
  );
  const desksServing = desks.filter((d) => d.languages.includes(t.language)).length || desks.length;
  const estimate = estimateWait(
    { topic: t.topic, language: t.language, ahead, desksServing },
    samples.rows.map((s) => ({ ...s, minutes: Number(s.minutes) })),
    settings.estimate.minSamples,
  );
  return { ...view, ahead, estimate };
}

export async function leaveQueue(db: Db, token: string, now: Date) {
  await db.transaction(async (tx) => {
    const t = await ticketByToken(tx, token);
    const res = await tx.query(
      `update queue_tickets set status = 'left', ended_at = $2 where id = $1 and status in ('waiting', 'called')`,
      [t.id, now],
    );
    if (!res.rowCount) throw new DomainError('ticket_ended');
    await announce(tx, t.service_point);
  });
}

// ---------------------------------------------------------------------------------------------
// The display screen and the public status (no personal data: numbers, desks, languages)

/** Tickets waiting now, by service point (for the metrics). */
export async function waitingByServicePoint(q: Queryable): Promise<Record<string, number>> {
  const rows = (
    await q.query<{ service_point: string; n: number }>(
      `select service_point, count(*)::int as n from queue_tickets where status = 'waiting' group by 1`,
    )
  ).rows;
  return Object.fromEntries(rows.map((r) => [r.service_point, Number(r.n)]));
}

export async function displayView(
  q: Queryable,
  settings: QueueSettings,
  pointId: string,
  now: Date,
): Promise<DisplayView> {
  const point = servicePoint(settings, pointId);
  const day = helsinkiDay(now).date;
  const calls = await q.query<{
    code: string;
    called_desk: string | null;
    language: string;
    called_at: Date;
    call_count: number;
    status: TicketStatus;
  }>(
    `select code, called_desk, language, called_at, call_count, status
       from queue_tickets where service_point = $1 and service_day = $2 and called_at is not null and called_desk is not null
      order by called_at desc limit 6`,
    [point.id, day],
  );
  const waiting = (
    await q.query<{ n: number }>(
      `select count(*)::int as n from queue_tickets where service_point = $1 and status = 'waiting'`,
      [point.id],
    )
  ).rows[0]!.n;
  const desks = (await openDesks(q, point.id)).filter((d) => !d.paused);
  return {
    servicePoint: { id: point.id, place: point.place, street: point.street },
    open: await openState(q, point, now),
    calls: calls.rows.map((r) => ({
      code: r.code,
      desk: r.called_desk ?? '',
      language: r.language,
      calledAt: new Date(r.called_at).toISOString(),
      callCount: r.call_count,
      active: r.status === 'called',
    })),
    waiting: Number(waiting),
    languagesServed: [...new Set(desks.flatMap((d) => d.languages))].sort(),
  };
}

// ---------------------------------------------------------------------------------------------
// The advisor console

interface DeskRow {
  id: string;
  service_point: string;
  desk: string;
  staff_id: string;
  languages: string[];
  paused: boolean;
}

async function myDesk(q: Queryable, user: StaffUser): Promise<DeskRow | undefined> {
  return (await q.query<DeskRow>('select * from queue_desks where staff_id = $1 and ended_at is null', [user.id]))
    .rows[0];
}

async function requireDesk(q: Queryable, user: StaffUser): Promise<DeskRow> {
  const desk = await myDesk(q, user);
  if (!desk) throw new DomainError('no_desk');
  return desk;
}

const INVALID_CHOICE = { code: 'invalid_choice', key: 'errors.field.invalidChoice' };

export async function openDesk(
  db: Db,
  settings: QueueSettings,
  user: StaffUser,
  input: { servicePoint: string; desk: string; languages: string[] },
  now: Date,
) {
  const point = servicePoint(settings, input.servicePoint);
  if (!point.desks.includes(input.desk)) throw invalidField('desk', INVALID_CHOICE);
  await db.transaction(async (tx) => {
    // Moving to another desk ends the advisor's previous one.
    await tx.query(`update queue_desks set ended_at = $2 where staff_id = $1 and ended_at is null`, [user.id, now]);
    await tx
      .query(
        `insert into queue_desks (service_point, desk, staff_id, languages, started_at) values ($1, $2, $3, $4, $5)`,
        [point.id, input.desk, user.id, [...new Set(input.languages)], now],
      )
      .catch((err) => {
        if (uniqueViolation(err)) throw new DomainError('desk_taken');
        throw err;
      });
    await announce(tx, point.id);
  });
}

export async function pauseDesk(db: Db, user: StaffUser, paused: boolean) {
  await db.transaction(async (tx) => {
    const desk = await requireDesk(tx, user);
    await tx.query('update queue_desks set paused = $2 where id = $1', [desk.id, paused]);
    await announce(tx, desk.service_point);
  });
}

export async function closeDesk(db: Db, user: StaffUser, now: Date) {
  await db.transaction(async (tx) => {
    const desk = await requireDesk(tx, user);
    const called = await tx.query(
      `select 1 from queue_tickets where service_point = $1 and called_desk = $2 and status = 'called'`,
      [desk.service_point, desk.desk],
    );
    if (called.rowCount) throw new DomainError('desk_busy');
    await tx.query('update queue_desks set ended_at = $2 where id = $1', [desk.id, now]);
    await announce(tx, desk.service_point);
  });
}

/**
 * Calls the next person to the advisor's desk, inside `tx` (exported so the tests can hold two
 * transactions open on two connections and see the database keep them apart).
 */
export async function callNextIn(
  tx: Queryable,
  settings: QueueSettings,
  user: StaffUser,
  now: Date,
): Promise<CalledTicket | null> {
  const desk = await requireDesk(tx, user);
  if (desk.paused) throw new DomainError('desk_paused');
  const busy = await tx.query(
    `select 1 from queue_tickets where service_point = $1 and called_desk = $2 and status = 'called'`,
    [desk.service_point, desk.desk],
  );
  if (busy.rowCount) throw new DomainError('desk_busy');
  const waiting = await tx.query<{
    id: string;
    seq: number;
    language: string;
    topic: TicketTopic;
    queued_at: Date;
    advisor_id: string | null;
    desk: string | null;
  }>(
    `select id, seq, language, topic, queued_at, advisor_id, desk from queue_tickets where service_point = $1 and status = 'waiting' for update`,
    [desk.service_point],
  );
  const candidates: WaitingTicket[] = waiting.rows.map((r) => ({
    id: r.id,
    seq: Number(r.seq),
    language: r.language,
    topic: r.topic,
    queuedAt: new Date(r.queued_at),
    advisorId: r.advisor_id,
    desk: r.desk,
  }));
  const pick = pickNext(
    candidates,
    { advisorId: user.id, desk: desk.desk, languages: desk.languages },
    now,
    settings.maxWaitMinutes,
  );
  if (!pick) return null;
  const res = await tx.query<{ code: string; call_count: number }>(
    `update queue_tickets set status = 'called', called_desk = $2, called_by = $3, called_at = $4, first_called_at = coalesce(first_called_at, $4),
            call_count = call_count + 1, interpreter_needed = $5, desk = null
      where id = $1 and status = 'waiting' returning code, call_count`,
    [pick.ticket.id, desk.desk, user.id, now, pick.interpreterNeeded],
  );
  // The rows are locked, so this cannot happen; if it ever did, failing beats calling twice.
  if (!res.rowCount) throw new DomainError('conflict');
  await announce(tx, desk.service_point);
  return {
    id: pick.ticket.id,
    code: res.rows[0]!.code,
    language: pick.ticket.language,
    topic: pick.ticket.topic,
    interpreterNeeded: pick.interpreterNeeded,
    reason: pick.reason,
    calledAt: now.toISOString(),
    callCount: res.rows[0]!.call_count,
    waitedMinutes: Math.round((now.getTime() - pick.ticket.queuedAt.getTime()) / 60_000),
  };
}

export async function callNext(db: Db, settings: QueueSettings, user: StaffUser, now: Date) {
  try {
    return await db.transaction((tx) => callNextIn(tx, settings, user, now));
  } catch (err) {
    // Two calls from the same desk at once: the unique index turned the second away.
    if (uniqueViolation(err, 'queue_one_call_per_desk')) throw new DomainError('desk_busy');
    throw err;
  }
}

/** The ticket called to the advisor's desk, for recall, served, no-show and transfer. */
async function calledHere(
  tx: Queryable,
  user: StaffUser,
  ticketId: string,
): Promise<{ desk: DeskRow; ticket: TicketRow }> {
  const desk = await requireDesk(tx, user);
  const ticket = (
    await tx.query<TicketRow>(
      `select * from queue_tickets where id = $1 and service_point = $2 and called_desk = $3 and status = 'called' for update`,
      [ticketId, desk.service_point, desk.desk],
    )
  ).rows[0];
  if (!ticket) throw new DomainError('ticket_ended');
  return { desk, ticket };
}

export async function recall(db: Db, user: StaffUser, ticketId: string, now: Date) {
  await db.transaction(async (tx) => {
    const { desk } = await calledHere(tx, user, ticketId);
    await tx.query('update queue_tickets set called_at = $2, call_count = call_count + 1 where id = $1', [
      ticketId,
      now,
    ]);
    await announce(tx, desk.service_point);
  });
}

export async function finish(
  db: Db,
  settings: QueueSettings,
  user: StaffUser,
  ticketId: string,
  outcome: 'served' | 'no_show',
  now: Date,
) {
  await db.transaction(async (tx) => {
    const { desk, ticket } = await calledHere(tx, user, ticketId);
    if (
      outcome === 'no_show' &&
      now.getTime() - new Date(ticket.called_at!).getTime() < settings.noShowAfterMinutes * 60_000
    ) {
      throw new DomainError('too_early', { params: { minutes: settings.noShowAfterMinutes } });
    }
    await tx.query(`update queue_tickets set status = $2, ended_at = $3 where id = $1`, [ticketId, outcome, now]);
    await announce(tx, desk.service_point);
  });
}

/** Back into the queue with its place kept: under another topic, or for another desk only. */
export async function transfer(
  db: Db,
  settings: QueueSettings,
  user: StaffUser,
  ticketId: string,
  to: { topic: Topic } | { desk: string },
) {
  await db.transaction(async (tx) => {
    const { desk } = await calledHere(tx, user, ticketId);
    if ('desk' in to && !servicePoint(settings, desk.service_point).desks.includes(to.desk)) {
      throw invalidField('desk', INVALID_CHOICE);
    }
    await tx.query(
      `update queue_tickets set status = 'waiting', topic = coalesce($2, topic), desk = $3, advisor_id = case when $3::text is null then advisor_id else null end where id = $1`,
      [ticketId, 'topic' in to ? to.topic : null, 'desk' in to ? to.desk : null],
    );
    await announce(tx, desk.service_point);
  });
}

export async function addOpening(
  db: Db,
  settings: QueueSettings,
  user: StaffUser,
  pointId: string,
  until: string,
  now: Date,
) {
  const point = servicePoint(settings, pointId);
  const closesAt = helsinkiInstant(helsinkiDay(now).date, until);
  if (closesAt <= now) throw invalidField('until', { code: 'too_small', key: 'errors.field.invalidDate' });
  await db.transaction(async (tx) => {
    const res = await tx.query<{ id: string }>(
      'insert into queue_openings (service_point, opens_at, closes_at, created_by, created_at) values ($1, $2, $3, $4, $2) returning id',
      [point.id, now, closesAt, user.id],
    );
    await audit(tx, now, user, 'create', 'queue_opening', res.rows[0]!.id);
    await announce(tx, point.id);
  });
}

export async function consoleView(
  q: Queryable,
  settings: QueueSettings,
  user: StaffUser,
  now: Date,
  pointId?: string,
): Promise<ConsoleView> {
  const desk = await myDesk(q, user);
  const point = servicePoint(settings, desk?.service_point ?? pointId ?? settings.servicePoints[0]!.id);
  const servicePoints = await Promise.all(
    settings.servicePoints.map(async (p) => ({
      id: p.id,
      place: p.place,
      street: p.street,
      desks: p.desks,
      open: await openState(q, p, now),
    })),
  );
  const waitingRows = (
    await q.query<TicketRow>(
      `select * from queue_tickets where service_point = $1 and status = 'waiting' order by seq`,
      [point.id],
    )
  ).rows;
  const calledRows = (
    await q.query<TicketRow>(`select * from queue_tickets where service_point = $1 and status = 'called'`, [point.id])
  ).rows;
  const desks = await openDesks(q, point.id);
  const count = (key: 'language' | 'topic') =>
    waitingRows.reduce<Record<string, number>>((acc, r) => {
      acc[r[key]] = (acc[r[key]] ?? 0) + 1;
      return acc;
    }, {});
  const mineCalled = desk ? calledRows.find((r) => r.called_desk === desk.desk) : undefined;
  return {
    servicePoints,
    desk: desk
      ? { servicePoint: desk.service_point, desk: desk.desk, languages: desk.languages, paused: desk.paused }
      : null,
    current: mineCalled
      ? {
          id: mineCalled.id,
          code: mineCalled.code,
          language: mineCalled.language,
          topic: mineCalled.topic,
          interpreterNeeded: mineCalled.interpreter_needed,
          reason: '',
          calledAt: new Date(mineCalled.called_at!).toISOString(),
          callCount: mineCalled.call_count,
          waitedMinutes: Math.round(
            (new Date(mineCalled.called_at!).getTime() - new Date(mineCalled.queued_at).getTime()) / 60_000,
          ),
          noShowFrom: new Date(
            new Date(mineCalled.called_at!).getTime() + settings.noShowAfterMinutes * 60_000,
          ).toISOString(),
        }
      : null,
    waiting: waitingRows.map((r) => {
      const waited = (now.getTime() - new Date(r.queued_at).getTime()) / 60_000;
      return {
        id: r.id,
        code: r.code,
        language: r.language,
        topic: r.topic,
        waitedMinutes: Math.floor(waited),
        overMaxWait: waited >= settings.maxWaitMinutes,
        forDesk: r.desk,
        appointment: r.topic === 'appointment',
        mine: r.advisor_id === user.id,
      };
    }),
    desks: desks.map((d) => ({
      desk: d.desk,
      languages: d.languages,
      paused: d.paused,
      calling: calledRows.find((r) => r.called_desk === d.desk)?.code ?? null,
    })),
    counts: { byLanguage: count('language'), byTopic: count('topic') },
    maxWaitMinutes: settings.maxWaitMinutes,
  };
}

// ---------------------------------------------------------------------------------------------
// Closing

/**
 * Closes what the day left open: tickets from earlier days, today's tickets once the day's last
 * window has closed and the grace period passed, and desks from earlier days. Run by the worker.
 */
export async function closeQueues(db: Db, settings: QueueSettings, now: Date): Promise<number> {
  const today = helsinkiDay(now).date;
  let closed = 0;
  for (const point of settings.servicePoints) {
    const lastClose = await lastClosingToday(db, point, now);
    // Past the day's last closing (extra openings included) and the grace: nothing opens again today.
    const todayDone = !lastClose || now.getTime() >= lastClose.getTime() + settings.closeGraceMinutes * 60_000;
    await db.transaction(async (tx) => {
      const res = await tx.query(
        `update queue_tickets set status = 'closed', ended_at = $3
          where service_point = $1 and status in ('waiting', 'called') and (service_day < $2 or ($4 and service_day = $2))`,
        [point.id, today, now, todayDone],
      );
      await tx.query(
        `update queue_desks set ended_at = $2 where service_point = $1 and ended_at is null and started_at < $3`,
        [point.id, now, helsinkiInstant(today, '00:00')],
      );
      if (res.rowCount) await announce(tx, point.id);
      closed += res.rowCount;
    });
  }
  return closed;
}
