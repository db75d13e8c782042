/**
 * Which service point, and when it takes tickets: its schedule (office hours, or the walk-in
 * sessions of server/services/walk-in.ts) plus the extra openings an advisor adds for a busy day.
 * Tickets, the display, the console and the closing all ask this one place, so "open" means the
 * same to each of them.
 */
import type { Db, Queryable } from '../db/client.ts';
import { onDemandListener } from '../db/listener.ts';
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

export interface Window {
  opensAt: Date;
  closesAt: Date;
  languages?: string[];
}

export const QUEUE_HOURS_CHANNEL = 'ihl_queue_hours';

/** The point's scheduled windows from today on (for a week), extra openings included. */
async function windows(q: Queryable, point: ServicePoint, now: Date): Promise<Window[]> {
  // The walk-in schedule and the extra openings in one round trip.
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

/**
 * The points' hours kept in this process for taking tickets, which asks on every ticket: each
 * point's windows of the Helsinki day (from its start; those closed by `now` are left out when
 * asked), read again when the day turns, when they change in any process (`NOTIFY
 * ihl_queue_hours` at commit, migration 023), when this process changed them (`changed()`, so the
 * writer's next ticket never waits for its own NOTIFY), and after `maxAgeMs` (a NOTIFY lost
 * while the LISTEN connection reconnects). Another process's change counts from its NOTIFY's
 * arrival, a moment after its commit.
 */
export interface QueueHours {
  windows(point: ServicePoint, now: Date): Promise<Window[]>;
  changed(): void;
  close(): Promise<void>;
}

export function createQueueHours(
  db: Db,
  options: { maxAgeMs?: number; onError?: (err: Error) => void } = {},
): QueueHours {
  const maxAgeMs = options.maxAgeMs ?? 60_000;
  let kept = new Map<string, { madeAt: number; windows: Promise<Window[]> }>();
  const forget = () => {
    kept = new Map();
  };
  const listener = onDemandListener(db, QUEUE_HOURS_CHANNEL, forget, options.onError);
  return {
    async windows(point, now) {
      const listening = listener.ready();
      const today = helsinkiDay(now).date;
      const key = `${point.id}|${today}`;
      let entry = kept.get(key);
      if (!entry || Math.abs(now.getTime() - entry.madeAt) > maxAgeMs) {
        const map = kept;
        // Read once this process LISTENs: a change committed before then would reach no one.
        const read = listening.then(() => windows(db, point, helsinkiInstant(today, '00:00')));
        entry = { madeAt: now.getTime(), windows: read };
        map.set(key, entry);
        // A failed read is not kept: the next ticket tries again.
        read.catch(() => {
          if (map.get(key) === entry) map.delete(key);
        });
      }
      return (await entry.windows).filter((w) => w.closesAt > now);
    },
    changed: forget,
    close: listener.stop,
  };
}

/** Open now (until when, in which languages), or when it opens next, from the point's windows. */
function openStateOf(ws: Window[], now: Date): OpenState {
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

export async function openState(q: Queryable, point: ServicePoint, now: Date): Promise<OpenState> {
  return openStateOf(await windows(q, point, now), now);
}

/** Whether the point takes tickets now, from the kept hours (taking a ticket asks this). */
export async function takesTicketsNow(hours: QueueHours, point: ServicePoint, now: Date): Promise<boolean> {
  return openStateOf(await hours.windows(point, now), now).open;
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
  hours: Pick<QueueHours, 'changed'>,
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
  hours.changed();
}
