/**
 * What the waiting room's screen and the metrics read: recent calls, how many wait, which
 * languages are served. No personal data: numbers, desks and languages only, since the screen
 * hangs in a public hall and the metrics leave the house.
 */
import type { Queryable } from '../db/client.ts';
import { helsinkiDay } from '../../src/domain/calendar.ts';
import type { QueueSettings } from '../../src/domain/queue-settings.ts';
import type { DisplayView, TicketStatus } from '../../src/contracts/queue.ts';
import { openState, servicePoint } from './queue-openings.ts';
import { openDesks } from './queue-desks.ts';

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
