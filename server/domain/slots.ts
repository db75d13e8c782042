/**
 * Free assessment times from advisors' weekly availability. Pure: the caller passes the templates,
 * the holidays, what is booked and the current time.
 * Rules (issue #4): no times on Finnish public holidays or weekends' holidays, none before the
 * next working day (minimum notice), none beyond the horizon (default 6 weeks); wall-clock times
 * in Europe/Helsinki, so a 09:00 slot is 09:00 on both sides of a DST change.
 */
import { addDays, addWorkingDays, helsinkiDate, helsinkiInstant, weekdayOf } from '../../src/domain/calendar.ts';

export type Mode = 'in_person' | 'phone' | 'video';

export interface AvailabilityTemplate {
  advisorId: string;
  weekday: number; // ISO, 1 = Monday
  startTime: string; // HH:MM
  endTime: string;
  slotMinutes: number;
  modes: Mode[];
  languages: string[];
  validFrom: string; // YYYY-MM-DD
  validUntil: string | null;
}

/** A one-off change: an absence (whole day when no times) or extra hours on one date. */
export interface AvailabilityException {
  advisorId: string;
  date: string;
  kind: 'absence' | 'extra';
  startTime: string | null;
  endTime: string | null;
  slotMinutes: number;
  modes: Mode[];
  languages: string[];
}

export interface Slot {
  id: string;
  advisorId: string;
  startsAt: Date;
  endsAt: Date;
  modes: Mode[];
  languages: string[];
}

export interface SlotRules {
  horizonDays: number;
  /** Working days between today and the first bookable day: 1 = "not before the next working day". */
  noticeWorkingDays: number;
}

export const DEFAULT_SLOT_RULES: SlotRules = { horizonDays: 42, noticeWorkingDays: 1 };

export const slotId = (advisorId: string, startsAt: Date) => `${advisorId}.${startsAt.getTime()}`;

export function parseSlotId(id: string): { advisorId: string; startsAt: Date } | undefined {
  const m = /^([0-9a-f-]{36})\.(\d{12,14})$/.exec(id);
  if (!m) return undefined;
  return { advisorId: m[1]!, startsAt: new Date(Number(m[2])) };
}

const minutes = (t: string) => Number(t.slice(0, 2)) * 60 + Number(t.slice(3, 5));
const hhmm = (m: number) => `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;

export function generateSlots(input: {
  templates: AvailabilityTemplate[];
  holidays: ReadonlySet<string>;
  now: Date;
  booked: ReadonlySet<string>;
  rules?: SlotRules;
  /** Limit to one day (YYYY-MM-DD), e.g. to check a single requested slot. */
  onlyDate?: string;
  exceptions?: AvailabilityException[];
  /** Keep booked slots in the result (the advisor's preview shows them). */
  includeBooked?: boolean;
}): Slot[] {
  const exceptions = input.exceptions ?? [];
  const rules = input.rules ?? DEFAULT_SLOT_RULES;
  const today = helsinkiDate(input.now);
  const first = addWorkingDays(today, rules.noticeWorkingDays, input.holidays);
  const last = addDays(today, rules.horizonDays);
  const slots: Slot[] = [];
  for (let date = first; date <= last; date = addDays(date, 1)) {
    if (input.onlyDate && date !== input.onlyDate) continue;
    if (input.holidays.has(date)) continue;
    const weekday = weekdayOf(date);
    const extras = exceptions
      .filter((e) => e.date === date && e.kind === 'extra')
      .map((e) => ({ ...e, startTime: e.startTime!, endTime: e.endTime! }));
    const regular = input.templates.filter(
      (t) => t.weekday === weekday && date >= t.validFrom && (!t.validUntil || date <= t.validUntil),
    );
    for (const t of [...regular, ...extras]) {
      for (let m = minutes(t.startTime); m + t.slotMinutes <= minutes(t.endTime); m += t.slotMinutes) {
        const end = m + t.slotMinutes;
        const absent = exceptions.some(
          (e) =>
            e.kind === 'absence' &&
            e.advisorId === t.advisorId &&
            e.date === date &&
            (e.startTime === null || (minutes(e.startTime) < end && m < minutes(e.endTime!))),
        );
        if (absent) continue;
        const startsAt = helsinkiInstant(date, hhmm(m));
        const id = slotId(t.advisorId, startsAt);
        if (input.booked.has(id) && !input.includeBooked) continue;
        if (slots.some((s) => s.id === id)) continue; // overlapping template and extra hours
        slots.push({
          id,
          advisorId: t.advisorId,
          startsAt,
          endsAt: helsinkiInstant(date, hhmm(end)),
          modes: t.modes,
          languages: t.languages,
        });
      }
    }
  }
  return slots.sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime() || a.advisorId.localeCompare(b.advisorId));
}

/** Free times a client can choose: one per start time (whichever advisor), for a language and mode. */
export function choosableSlots(slots: Slot[], language: string, mode: Mode): Slot[] {
  const seen = new Set<number>();
  return slots.filter((s) => {
    if (!s.languages.includes(language) || !s.modes.includes(mode)) return false;
    if (seen.has(s.startsAt.getTime())) return false;
    seen.add(s.startsAt.getTime());
    return true;
  });
}
