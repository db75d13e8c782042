/**
 * The advisor console: calling the next person to one's desk, recalling, served or no-show,
 * transferring back into the queue, and the console's view of the queue. Who is next is decided
 * by pickNext in server/domain/queue.ts; this module loads its inputs and stores its choice.
 *
 * Concurrency: "call next" locks the service point's waiting tickets (SELECT … FOR UPDATE) in its
 * transaction, so a second advisor's call waits for the first to commit and then sees the first
 * one's ticket as called; the update also requires `status = 'waiting'`, and a unique index
 * allows one called ticket per desk.
 */
import type { Db, Queryable } from '../db/client.ts';
import { uniqueViolation } from '../db/errors.ts';
import { DomainError, invalidField } from '../domain/errors.ts';
import { pickNext, type TicketTopic, type Topic, type WaitingTicket } from '../domain/queue.ts';
import type { QueueSettings } from '../../src/domain/queue-settings.ts';
import type { CalledTicket, ConsoleView } from '../../src/contracts/staff-responses.ts';
import { announce } from './queue-events.ts';
import { openState, servicePoint } from './queue-openings.ts';
import type { TicketRow } from './queue-tickets.ts';
import { type DeskRow, INVALID_CHOICE, myDesk, openDesks, requireDesk } from './queue-desks.ts';
import type { StaffUser } from './auth.ts';
import { forgetPhones, noShowGrace, tellCalled } from './queue-sms.ts';

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
  await tellCalled(tx, settings, { id: pick.ticket.id, service_point: desk.service_point }, desk.desk, now);
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
    const grace = await noShowGrace(tx, settings, ticketId);
    if (outcome === 'no_show' && now.getTime() - new Date(ticket.called_at!).getTime() < grace * 60_000) {
      throw new DomainError('too_early', { params: { minutes: grace } });
    }
    await tx.query(`update queue_tickets set status = $2, ended_at = $3 where id = $1`, [ticketId, outcome, now]);
    await forgetPhones(tx, [ticketId]);
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
  const grace = mineCalled ? await noShowGrace(q, settings, mineCalled.id) : settings.noShowAfterMinutes;
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
          noShowFrom: new Date(new Date(mineCalled.called_at!).getTime() + grace * 60_000).toISOString(),
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
