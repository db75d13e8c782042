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
  choosableSlots,
  generateSlots,
  parseSlotId,
  type AvailabilityException,
  type AvailabilityTemplate,
  type Slot,
  type SlotRules,
} from '../domain/slots.ts';

async function loadTemplates(q: Queryable): Promise<AvailabilityTemplate[]> {
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
      where s.active`,
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

async function loadExceptions(q: Queryable, from: Date): Promise<AvailabilityException[]> {
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
       from availability_exceptions where date >= ($1::timestamptz at time zone 'Europe/Helsinki')::date`,
    [from],
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

async function bookedSet(q: Queryable, from: Date): Promise<Set<string>> {
  const res = await q.query<{ advisor_id: string; starts_at: Date }>(
    `select advisor_id, starts_at from bookings where status = 'active' and starts_at >= $1`,
    [from],
  );
  return new Set(res.rows.map((r) => `${r.advisor_id}.${new Date(r.starts_at).getTime()}`));
}

function holidaysAround(now: Date, days: number): Set<string> {
  const today = helsinkiDay(now).date;
  return new Set(finnishHolidays(today, addDays(today, days + 14)).map((h) => h.date));
}

export async function freeSlots(q: Queryable, now: Date, rules: SlotRules): Promise<Slot[]> {
  return generateSlots({
    templates: await loadTemplates(q),
    exceptions: await loadExceptions(q, now),
    holidays: holidaysAround(now, rules.horizonDays),
    now,
    booked: await bookedSet(q, now),
    rules,
  });
}

/** An advisor's coming slots, booked ones included and marked, for the workspace's preview. */
export async function previewSlots(q: Queryable, advisorId: string, now: Date, rules: SlotRules) {
  const booked = await bookedSet(q, now);
  const slots = generateSlots({
    templates: (await loadTemplates(q)).filter((t) => t.advisorId === advisorId),
    exceptions: (await loadExceptions(q, now)).filter((e) => e.advisorId === advisorId),
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

/** The first five free times in the language and mode, offered again after a conflict. */
export async function nextTimes(
  q: Queryable,
  now: Date,
  rules: SlotRules,
  language: string,
  mode: Mode,
): Promise<FreeTime[]> {
  const slots = choosableSlots(await freeSlots(q, now, rules), language, mode).slice(0, 5);
  return slots.map((s) => ({ slotId: s.id, start: s.startsAt.toISOString(), end: s.endsAt.toISOString() }));
}
