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
  slotId,
  slotTaken,
  type AvailabilityException,
  type AvailabilityTemplate,
  type Slot,
  type SlotRules,
} from '../domain/slots.ts';

/**
 * A template row and an exception row as the domain's AvailabilityTemplate and
 * AvailabilityException, built by the database: one read can then carry both of an advisor's day.
 */
const TEMPLATE = `json_build_object('advisorId', t.advisor_id, 'weekday', t.weekday,
  'startTime', to_char(t.start_time, 'HH24:MI'), 'endTime', to_char(t.end_time, 'HH24:MI'),
  'slotMinutes', t.slot_minutes, 'modes', t.modes, 'languages', t.languages,
  'validFrom', to_char(t.valid_from, 'YYYY-MM-DD'), 'validUntil', to_char(t.valid_until, 'YYYY-MM-DD'))`;
const EXCEPTION = `json_build_object('advisorId', e.advisor_id, 'date', to_char(e.date, 'YYYY-MM-DD'), 'kind', e.kind,
  'startTime', to_char(e.start_time, 'HH24:MI'), 'endTime', to_char(e.end_time, 'HH24:MI'),
  'slotMinutes', e.slot_minutes, 'modes', e.modes, 'languages', e.languages)`;
/** Active advisors' templates; `$1`, when not null, names one advisor. */
const TEMPLATES_FROM = `from availability_templates t join staff_users s on s.id = t.advisor_id
  where s.active and ($1::uuid is null or t.advisor_id = $1)`;

async function loadTemplates(q: Queryable, advisorId?: string): Promise<AvailabilityTemplate[]> {
  const res = await q.query<{ v: AvailabilityTemplate }>(`select ${TEMPLATE} as v ${TEMPLATES_FROM}`, [
    advisorId ?? null,
  ]);
  return res.rows.map((r) => r.v);
}

/** Every advisor's exceptions from the Helsinki date of `from` on. */
async function loadExceptions(q: Queryable, from: Date): Promise<AvailabilityException[]> {
  const res = await q.query<{ v: AvailabilityException }>(
    `select ${EXCEPTION} as v from availability_exceptions e
      where e.date >= ($1::timestamptz at time zone 'Europe/Helsinki')::date`,
    [from],
  );
  return res.rows.map((r) => r.v);
}

/**
 * One advisor's templates, one date's exceptions, and whether an active booking (not a lapsed
 * hold) already has the time starting at `startsAt`, in one round trip (a booking's check).
 */
async function loadAdvisorDay(q: Queryable, advisorId: string, date: string, startsAt: Date, now: Date) {
  const res = await q.query<{ templates: AvailabilityTemplate[]; exceptions: AvailabilityException[]; taken: boolean }>(
    `select (select coalesce(json_agg(${TEMPLATE}), '[]') ${TEMPLATES_FROM}) as templates,
            (select coalesce(json_agg(${EXCEPTION}), '[]') from availability_exceptions e
              where e.advisor_id = $1 and e.date = $2::date) as exceptions,
            exists (select 1 from bookings b where b.advisor_id = $1 and b.starts_at = $3 and b.status = 'active'
                      and (b.hold_until is null or b.hold_until > $4)) as taken`,
    [advisorId, date, startsAt, now],
  );
  return res.rows[0]!;
}

/**
 * The taken times from `now` on: active bookings, less holds whose deadline has passed (free at
 * once, before the housekeeping job marks them expired), and the earliest deadline still to come
 * (when this set goes stale by itself: free-times-cache.ts keeps it no longer).
 */
/**
 * The slots active bookings take from now on, each with its hold's deadline (ms since the epoch)
 * while unconfirmed, or Infinity once confirmed (server/domain/holds.ts). A lapsed hold is not
 * read; one that lapses later counts as free from its deadline (`slotTaken`).
 */
async function takenSlots(q: Queryable, now: Date): Promise<Map<string, number>> {
  const res = await q.query<{ advisor_id: string; starts_at: Date; hold_until: Date | null }>(
    `select advisor_id, starts_at, hold_until from bookings
      where status = 'active' and starts_at >= $1 and (hold_until is null or hold_until > $1)`,
    [now],
  );
  return new Map(
    res.rows.map((r) => [
      slotId(r.advisor_id, new Date(r.starts_at)),
      r.hold_until ? new Date(r.hold_until).getTime() : Number.POSITIVE_INFINITY,
    ]),
  );
}

const bookedSet = async (q: Queryable, now: Date) => new Set((await takenSlots(q, now)).keys());

function holidaysAround(now: Date, days: number): Set<string> {
  const today = helsinkiDay(now).date;
  return new Set(finnishHolidays(today, addDays(today, days + 14)).map((h) => h.date));
}

/**
 * Every slot the advisors offer over the horizon, booked or not, and the taken ones (with their
 * holds' deadlines): the two halves of the free times, kept apart so that a booking changes only
 * the second (the cache in free-times-cache.ts follows bookings one slot at a time). Their three
 * reads go out together.
 */
export async function offeredAndBooked(
  q: Queryable,
  now: Date,
  rules: SlotRules,
): Promise<{ offered: Slot[]; booked: Map<string, number> }> {
  const [templates, exceptions, booked] = await Promise.all([
    loadTemplates(q),
    loadExceptions(q, now),
    takenSlots(q, now),
  ]);
  const holidays = holidaysAround(now, rules.horizonDays);
  return { offered: generateSlots({ templates, exceptions, holidays, now, booked: new Set(), rules }), booked };
}

/** Every free slot of the horizon, all advisors, languages and modes: the uncached computation. */
export async function freeSlots(q: Queryable, now: Date, rules: SlotRules): Promise<Slot[]> {
  const { offered, booked } = await offeredAndBooked(q, now, rules);
  return offered.filter((s) => !slotTaken(booked, s.id, now.getTime()));
}

/** A requested slot's advisor and start, or `slot_unavailable` for an id that cannot be one. */
function requestedSlot(id: string): { advisorId: string; startsAt: Date } {
  const parsed = parseSlotId(id);
  if (!parsed || !/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/.test(parsed.advisorId))
    throw new DomainError('slot_unavailable');
  return parsed;
}

/**
 * Checks that a requested slot is one we would offer now, in the language and mode (not a guessed
 * or stale id), from its advisor's templates and that day's exceptions only: never the whole
 * horizon; and says whether it is taken as this statement reads it. A time that is free here may
 * still be taken by another request before it is written: the unique index settles that race.
 */
export async function slotOnOffer(
  q: Queryable,
  id: string,
  language: string,
  mode: Mode,
  now: Date,
  rules: SlotRules,
): Promise<{ slot: Slot; taken: boolean }> {
  const parsed = requestedSlot(id);
  const date = helsinkiDay(parsed.startsAt).date;
  const { templates, exceptions, taken } = await loadAdvisorDay(q, parsed.advisorId, date, parsed.startsAt, now);
  const slots = generateSlots({
    templates,
    exceptions,
    holidays: holidaysAround(now, rules.horizonDays),
    now,
    booked: new Set(),
    rules,
    onlyDate: date,
  });
  return { slot: offeredSlot(slots, id, language, mode), taken };
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
    const list = days.get(s.date) ?? [];
    list.push({ slotId: s.id, start: s.startsAt.toISOString(), end: s.endsAt.toISOString() });
    days.set(s.date, list);
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
