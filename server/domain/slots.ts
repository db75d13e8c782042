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
  /** Its Helsinki date (YYYY-MM-DD), known when it is made: the answers group by it. */
  date: string;
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

// One Helsinki instant per date and minute of the day, shared by every advisor and kept between
// calls: checking one requested slot (every booking) would otherwise work out its day's instants
// again. Bounded, as a long-running server meets new dates for ever. (Dates are never mutated.)
const instants = new Map<string, Date>();
function instant(date: string, m: number): Date {
  const key = `${date}|${m}`;
  const known = instants.get(key);
  if (known) return known;
  const at = helsinkiInstant(date, hhmm(m));
  if (instants.size >= 50_000) instants.clear();
  instants.set(key, at);
  return at;
}

/**
 * Work done by one `generateSlots` call, counted for the tests that show it linear: every
 * candidate slot considered and every index lookup. No step scans the slots made so far.
 */
export interface SlotWork {
  steps: number;
}

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
  /** Counts the work done (tests). */
  work?: SlotWork;
}): Slot[] {
  const work = input.work ?? { steps: 0 };
  const rules = input.rules ?? DEFAULT_SLOT_RULES;
  const today = helsinkiDate(input.now);
  const first = addWorkingDays(today, rules.noticeWorkingDays, input.holidays);
  const last = addDays(today, rules.horizonDays);
  // Indexes, built once: templates by weekday, extra hours by date, absences by advisor and date.
  const byWeekday = new Map<number, AvailabilityTemplate[]>();
  for (const t of input.templates) push(byWeekday, t.weekday, t);
  const extrasByDate = new Map<string, AvailabilityException[]>();
  const absences = new Map<string, AvailabilityException[]>();
  for (const e of input.exceptions ?? []) {
    if (e.kind === 'extra') push(extrasByDate, e.date, e);
    else push(absences, `${e.advisorId}|${e.date}`, e);
  }
  const seen = new Set<string>(); // overlapping template and extra hours make one slot
  const slots: Slot[] = [];
  const from = input.onlyDate && input.onlyDate > first ? input.onlyDate : first;
  const to = input.onlyDate && input.onlyDate < last ? input.onlyDate : last;
  for (let date = from; date <= to; date = addDays(date, 1)) {
    work.steps++;
    if (input.holidays.has(date)) continue;
    const regular = (byWeekday.get(weekdayOf(date)) ?? []).filter(
      (t) => date >= t.validFrom && (!t.validUntil || date <= t.validUntil),
    );
    const extras = (extrasByDate.get(date) ?? []).map((e) => ({ ...e, startTime: e.startTime!, endTime: e.endTime! }));
    const day: Slot[] = [];
    for (const t of [...regular, ...extras]) {
      const away = absences.get(`${t.advisorId}|${date}`) ?? [];
      for (let m = minutes(t.startTime); m + t.slotMinutes <= minutes(t.endTime); m += t.slotMinutes) {
        work.steps += 1 + away.length;
        const end = m + t.slotMinutes;
        const absent = away.some(
          (e) => e.startTime === null || (minutes(e.startTime) < end && m < minutes(e.endTime!)),
        );
        if (absent) continue;
        const startsAt = instant(date, m);
        const id = slotId(t.advisorId, startsAt);
        if ((input.booked.has(id) && !input.includeBooked) || seen.has(id)) continue;
        seen.add(id);
        day.push({
          id,
          advisorId: t.advisorId,
          date,
          startsAt,
          endsAt: instant(date, end),
          modes: t.modes,
          languages: t.languages,
        });
      }
    }
    // Days come in order, so sorting each day's slots sorts them all.
    day.sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime() || a.advisorId.localeCompare(b.advisorId));
    for (const s of day) slots.push(s);
  }
  return slots;
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V) {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** The slots offered in a language and mode, in their order. */
export const offeredIn = (slots: Slot[], language: string, mode: Mode): Slot[] =>
  slots.filter((s) => s.languages.includes(language) && s.modes.includes(mode));

/**
 * Taken slots with the deadline (ms) of each one's unconfirmed hold, or Infinity once confirmed:
 * a hold's time is free again from its deadline, whether or not it has been released yet.
 */
export type TakenSlots = ReadonlyMap<string, number>;

/** Whether a slot is taken at an instant (ms): booked, and confirmed or held past it. */
export const slotTaken = (taken: TakenSlots, id: string, at: number): boolean => (taken.get(id) ?? 0) > at;

/** The earliest hold deadline after `at` (ms) among taken slots: when free times change by themselves. */
export function nextRelease(taken: TakenSlots, at: number): number {
  let next = Number.POSITIVE_INFINITY;
  for (const until of taken.values()) if (until > at && until < next) next = until;
  return next;
}

/**
 * Free times a client can choose at `at` (ms) from a language and mode's offered slots: the ones
 * not taken, one per start time (whichever advisor is free then), earliest first; at most `limit`.
 */
export function choosable(
  offered: Slot[],
  taken: TakenSlots,
  at: number,
  limit = Number.POSITIVE_INFINITY,
  except = '',
  /** Where to begin: every slot before it is taken (`scanStart`). */
  from = 0,
) {
  const out: Slot[] = [];
  let lastStart = Number.NaN;
  for (let i = from; i < offered.length; i++) {
    if (out.length >= limit) break;
    const s = offered[i]!;
    const start = s.startsAt.getTime();
    // Offered slots come sorted by start time, so one start's slots are together.
    if (start === lastStart || slotTaken(taken, s.id, at) || s.id === except) continue;
    lastStart = start;
    out.push(s);
  }
  return out;
}

/**
 * Where a search for choosable slots can begin: every offered slot before `index` is taken, and
 * stays taken until `until` (the earliest hold deadline among them, Infinity if all are
 * confirmed) unless one of them is freed. As the calendar fills up from its first days, the 409's
 * "first free times" would otherwise walk through every taken slot again on each conflict.
 */
export interface ScanStart {
  index: number;
  until: number;
}

/**
 * The scan start at `at`, continuing from an earlier one that still holds (`at` before its
 * `until`, nothing before it freed since): only the slots taken after it are walked through.
 */
export function scanStart(offered: Slot[], taken: TakenSlots, at: number, earlier?: ScanStart): ScanStart {
  let { index, until } = earlier && at < earlier.until ? earlier : { index: 0, until: Number.POSITIVE_INFINITY };
  for (; index < offered.length; index++) {
    const deadline = taken.get(offered[index]!.id) ?? 0;
    if (deadline <= at) break;
    until = Math.min(until, deadline);
  }
  return { index, until };
}

/** Free times a client can choose: one per start time (whichever advisor), for a language and mode. */
export function choosableSlots(slots: Slot[], language: string, mode: Mode): Slot[] {
  return choosable(offeredIn(slots, language, mode), new Map(), 0);
}
