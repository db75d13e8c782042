/**
 * Free times: the advisors' weekly hours and their exceptions, less holidays and active bookings,
 * made into slots by the domain (server/domain/slots.ts). Read for the booking form and the manage
 * page, the workspace's preview, and by every booking and move (a slot must still be on offer).
 */
import type { FreeTime, Mode, SlotDay, SlotsResponse } from '../../src/contracts/booking.ts';
import { finnishHolidays } from '../../src/domain/calendar.ts';
import { addDays, helsinkiDay } from '../../src/domain/calendar.ts';
import type { Queryable } from '../db/client.ts';
import { DomainError } from '../domain/errors.ts';
import {
  generateSlots,
  parseSlotId,
  type AvailabilityException,
  type AvailabilityTemplate,
  type Slot,
  type SlotRules,
} from '../domain/slots.ts';

async function loadTemplates(q: Queryable, advisorId?: string): Promise<AvailabilityTemplate[]> {
  const res = await q.query<{
    advisor_id: string;
    weekday: number;
    start_time: string;
    end_time: string;
    slot_minutes: number;
    modes: Mode[];
    languages: string[];
    valid_from: string;
    valid_until: string | null;
  }>(
    `select t.advisor_id, t.weekday, to_char(t.start_time, 'HH24:MI') as start_time, to_char(t.end_time, 'HH24:MI') as end_time,
            t.slot_minutes, t.modes, t.languages, to_char(t.valid_from, 'YYYY-MM-DD') as valid_from, to_char(t.valid_until, 'YYYY-MM-DD') as valid_until
       from availability_templates t join staff_users s on s.id = t.advisor_id
      where s.active and ($1::uuid is null or t.advisor_id = $1)`,
    [advisorId ?? null],
  );
  return res.rows.map((r) => ({
    advisorId: r.advisor_id,
    weekday: r.weekday,
    startTime: r.start_time,
    endTime: r.end_time,
    slotMinutes: r.slot_minutes,
    modes: r.modes,
    languages: r.languages,
    validFrom: r.valid_from,
    validUntil: r.valid_until,
  }));
}

async function loadExceptions(
  q: Queryable,
  from: Date,
  only?: { advisorId: string; date: string },
): Promise<AvailabilityException[]> {
  const res = await q.query<{
    advisor_id: string;
    date: string;
    kind: 'absence' | 'extra';
    start_time: string | null;
    end_time: string | null;
    slot_minutes: number;
    modes: Mode[];
    languages: string[];
  }>(
    `select advisor_id, to_char(date, 'YYYY-MM-DD') as date, kind, to_char(start_time, 'HH24:MI') as start_time, to_char(end_time, 'HH24:MI') as end_time, slot_minutes, modes, languages
       from availability_exceptions where date >= ($1::timestamptz at time zone 'Europe/Helsinki')::date
        and ($2::uuid is null or (advisor_id = $2 and date = $3::date))`,
    [from, only?.advisorId ?? null, only?.date ?? null],
  );
  return res.rows.map((r) => ({
    advisorId: r.advisor_id,
    date: r.date,
    kind: r.kind,
    startTime: r.start_time,
    endTime: r.end_time,
    slotMinutes: r.slot_minutes,
    modes: r.modes,
    languages: r.languages,
  }));
}

/**
 * The taken times from `now` on: active bookings, less holds whose deadline has passed (free at
 * once, before the housekeeping job marks them expired), and the earliest deadline still to come
 * (when this set goes stale by itself: free-times-cache.ts keeps it no longer).
 */
async function taken(q: Queryable, now: Date): Promise<{ booked: Set<string>; nextRelease: Date | null }> {
  const res = await q.query<{ advisor_id: string; starts_at: Date; hold_until: Date | null }>(
    `select advisor_id, starts_at, hold_until from bookings
      where status = 'active' and starts_at >= $1 and (hold_until is null or hold_until > $1)`,
    [now],
  );
  const deadlines = res.rows.flatMap((r) => (r.hold_until ? [new Date(r.hold_until).getTime()] : []));
  return {
    booked: new Set(res.rows.map((r) => `${r.advisor_id}.${new Date(r.starts_at).getTime()}`)),
    nextRelease: deadlines.length ? new Date(Math.min(...deadlines)) : null,
  };
}

const bookedSet = async (q: Queryable, now: Date) => (await taken(q, now)).booked;

function holidaysAround(now: Date, days: number): Set<string> {
  const today = helsinkiDay(now).date;
  return new Set(finnishHolidays(today, addDays(today, days + 14)).map((h) => h.date));
}

/**
 * Every free slot of the horizon, all advisors, languages and modes: the uncached computation
 * (free-times-cache.ts keeps its result between changes, and no later than `nextRelease`, the
 * earliest deadline of a hold counted as taken). Its three reads go out together.
 */
export async function freeSlotsUntil(
  q: Queryable,
  now: Date,
  rules: SlotRules,
): Promise<{ slots: Slot[]; nextRelease: Date | null }> {
  const [templates, exceptions, { booked, nextRelease }] = await Promise.all([
    loadTemplates(q),
    loadExceptions(q, now),
    taken(q, now),
  ]);
  const slots = generateSlots({
    templates,
    exceptions,
    holidays: holidaysAround(now, rules.horizonDays),
    now,
    booked,
    rules,
  });
  return { slots, nextRelease };
}

export const freeSlots = async (q: Queryable, now: Date, rules: SlotRules): Promise<Slot[]> =>
  (await freeSlotsUntil(q, now, rules)).slots;

/**
 * Checks that a requested slot is one we would offer now, in the language and mode (not a guessed
 * or stale id), from its advisor's templates and that day's exceptions only: never the whole
 * horizon. Whether it is still free is settled by the unique index when it is written.
 */
export async function slotOnOffer(
  q: Queryable,
  id: string,
  language: string,
  mode: Mode,
  now: Date,
  rules: SlotRules,
): Promise<Slot> {
  const parsed = parseSlotId(id);
  if (!parsed || !/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/.test(parsed.advisorId))
    throw new DomainError('slot_unavailable');
  const date = helsinkiDay(parsed.startsAt).date;
  const [templates, exceptions] = await Promise.all([
    loadTemplates(q, parsed.advisorId),
    loadExceptions(q, now, { advisorId: parsed.advisorId, date }),
  ]);
  const slots = generateSlots({
    templates,
    exceptions,
    holidays: holidaysAround(now, rules.horizonDays),
    now,
    booked: new Set(),
    rules,
    onlyDate: date,
  });
  return offeredSlot(slots, id, language, mode);
}

/** An advisor's coming slots, booked ones included and marked, for the workspace's preview. */
export async function previewSlots(q: Queryable, advisorId: string, now: Date, rules: SlotRules) {
  const [booked, templates, exceptions] = await Promise.all([
    bookedSet(q, now),
    loadTemplates(q, advisorId),
    loadExceptions(q, now),
  ]);
  const slots = generateSlots({
    templates,
    exceptions: exceptions.filter((e) => e.advisorId === advisorId),
    holidays: holidaysAround(now, rules.horizonDays),
    now,
    booked,
    rules,
    includeBooked: true,
  });
  return slots.map((s) => ({
    start: s.startsAt.toISOString(),
    end: s.endsAt.toISOString(),
    modes: s.modes,
    languages: s.languages,
    booked: booked.has(s.id),
  }));
}

export function groupByDay(slots: Slot[]): SlotsResponse {
  const days = new Map<string, FreeTime[]>();
  for (const s of slots) {
    const date = helsinkiDay(s.startsAt).date;
    const list = days.get(date) ?? [];
    list.push({ slotId: s.id, start: s.startsAt.toISOString(), end: s.endsAt.toISOString() });
    days.set(date, list);
  }
  const out: SlotDay[] = [...days].map(([date, times]) => ({ date, times }));
  return { days: out, earliest: slots[0]?.startsAt.toISOString() ?? null };
}

export async function bookingOptions(q: Queryable): Promise<{ languages: string[]; modes: Mode[] }> {
  const templates = await loadTemplates(q);
  return {
    languages: [...new Set(templates.flatMap((t) => t.languages))].sort(),
    modes: (['in_person', 'phone', 'video'] as const).filter((m) => templates.some((t) => t.modes.includes(m))),
  };
}

/** Checks that a requested slot is one we would offer now (not a guessed or stale id). */
export function offeredSlot(slots: Slot[], slotId: string, language: string, mode: Mode): Slot {
  const parsed = parseSlotId(slotId);
  const slot = parsed && slots.find((s) => s.id === slotId);
  if (!slot?.languages.includes(language) || !slot.modes.includes(mode)) throw new DomainError('slot_unavailable');
  return slot;
}

/** The first five of the (cached) choosable free times, offered again after a conflict. */
export const firstFive = (slots: Slot[]): FreeTime[] =>
  slots.slice(0, 5).map((s) => ({ slotId: s.id, start: s.startsAt.toISOString(), end: s.endsAt.toISOString() }));
