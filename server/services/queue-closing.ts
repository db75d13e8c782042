/**
 * The end of the queue's day, run by the housekeeping worker: what nobody closed by hand (a
 * ticket still waiting, a desk left open) is closed, so tomorrow starts empty and the reports
 * count every ticket once.
 */
import type { Db } from '../db/client.ts';
import { helsinkiDay, helsinkiInstant } from '../../src/domain/calendar.ts';
import type { QueueSettings } from '../../src/domain/queue-settings.ts';
import { announce } from './queue-events.ts';
import { lastClosingToday } from './queue-openings.ts';
import { forgetPhones } from './queue-sms.ts';

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
      const res = await tx.query<{ id: string }>(
        `update queue_tickets set status = 'closed', ended_at = $3
          where service_point = $1 and status in ('waiting', 'called') and (service_day < $2 or ($4 and service_day = $2))
          returning id`,
        [point.id, today, now, todayDone],
      );
      await forgetPhones(
        tx,
        res.rows.map((r) => r.id),
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
