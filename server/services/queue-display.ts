/**
 * What the waiting room's screen and the metrics read: recent calls, how many wait, which
 * languages are served. No personal data: numbers, desks and languages only, since the screen
 * hangs in a public hall and the metrics leave the house.
 */
import type { Queryable } from '../db/client.ts';
import type { QueueSettings } from '../../src/domain/queue-settings.ts';
import type { DisplayView } from '../../src/contracts/queue.ts';
import { displayFrom, readPoint } from './queue-live.ts';

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
  return displayFrom(await readPoint(q, settings, pointId, [], now));
}
