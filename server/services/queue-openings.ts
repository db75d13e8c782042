/**
 * Which service point, and when it takes tickets: its schedule (office hours, or the walk-in
 * sessions of server/services/walk-in.ts) plus the extra openings an advisor adds for a busy day.
 * Tickets, the display, the console and the closing all ask this one place, so "open" means the
 * same to each of them.
 */
import type { Db, Queryable } from '../db/client.ts';
import { DomainError, invalidField } from '../domain/errors.ts';
import { addDays, helsinkiDay, helsinkiInstant, isWorkingDay } from '../../src/domain/calendar.ts';
import { upcomingSessions } from '../../src/domain/walk-in.ts';
import { walkInData } from '../../src/domain/walk-in-data.ts';
import type { QueueSettings, ServicePoint } from '../../src/domain/queue-settings.ts';
import type { OpenState } from '../../src/contracts/responses.ts';
import { storedSchedule } from './walk-in.ts';
import { announce } from './queue-events.ts';
import { audit } from './audit.ts';
import type { StaffUser } from './auth.ts';

export function servicePoint(settings: QueueSettings, id: string): ServicePoint {
  const point = settings.servicePoints.find((p) => p.id === id);
  if (!point) throw new DomainError('not_found');
  return point;
}

interface Window {
  opensAt: Date;
  closesAt: Date;
  languages?: string[];
}

/** The point's scheduled windows from today on (for a week), extra openings included. */
async function windows(q: Queryable, point: ServicePoint, now: Date): Promise<Window[]> {
  // The walk-in schedule and the extra openings in one round trip (every ticket asks).
  const { schedule, extra } = (
    await q.query<{ schedule: unknown; extra: { opens_at: string; closes_at: string }[] }>(
      `select (select schedule from walk_in_schedule where id = 1) as schedule,
              coalesce((select json_agg(json_build_object('opens_at', opens_at, 'closes_at', closes_at) order by opens_at)
                          from queue_openings where service_point = $1 and closes_at > $2), '[]'::json) as extra`,
      [point.id, now],
    )
  ).rows[0]!;
  const out: Window[] = [];
  if (point.hours === 'walk-in') {
    const data = walkInData(storedSchedule(schedule), now);
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
  for (const r of extra) out.push({ opensAt: new Date(r.opens_at), closesAt: new Date(r.closes_at) });
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
    return { open: true, closesAt: closesAt.toISOString(), ...(languages ? { languages } : {}) };
  }
  return ws[0] ? { open: false, opensAt: ws[0].opensAt.toISOString() } : { open: false };
}

/** When today's queue at this point closes for good (the last window of the day), if it opens today. */
export async function lastClosingToday(q: Queryable, point: ServicePoint, now: Date): Promise<Date | undefined> {
  const today = helsinkiDay(now).date;
  const dayStart = helsinkiInstant(today, '00:00');
  const ws = await windows(q, point, dayStart);
  const todays = ws.filter((w) => helsinkiDay(w.opensAt).date === today);
  return todays.length ? new Date(Math.max(...todays.map((w) => w.closesAt.getTime()))) : undefined;
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
