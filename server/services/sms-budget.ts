/**
 * The SMS channel's own daily count (SMS_DAILY_CAP): each SMS takes one from today's budget (a
 * Helsinki day) before it is sent, in one statement, so instances sharing the database never pass
 * the cap together. Over the cap, SMS wait in the outbox until the next day (emails go on).
 */
import type { Queryable } from '../db/client.ts';
import { addDays, helsinkiDate, helsinkiInstant } from '../../src/domain/calendar.ts';

/** Takes one SMS from today's budget: today's count including it, or undefined when the cap is reached. */
export async function reserveSms(q: Queryable, now: Date, cap: number): Promise<number | undefined> {
  const res = await q.query<{ sent: number }>(
    `insert into sms_daily (day, sent) values ($1, 1)
     on conflict (day) do update set sent = sms_daily.sent + 1 where sms_daily.sent < $2 returning sent`,
    [helsinkiDate(now), cap],
  );
  return res.rows[0]?.sent;
}

/** SMS sent (or being sent) today, for /metrics. */
export async function smsSentToday(q: Queryable, now: Date): Promise<number> {
  const res = await q.query<{ sent: number }>('select sent from sms_daily where day = $1', [helsinkiDate(now)]);
  return Number(res.rows[0]?.sent ?? 0);
}

/** When the next day's budget opens: the next Helsinki midnight. */
export const nextSmsDay = (now: Date): Date => helsinkiInstant(addDays(helsinkiDate(now), 1), '00:00');

/** The share of the cap from which a warning is logged and /metrics' gauge stands out. */
export const SMS_WARN_SHARE = 0.8;
