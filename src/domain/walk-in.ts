/**
 * The walk-in desk's schedule and "open now / opens next", computed for any instant in
 * Europe/Helsinki wall-clock time (DST included). Pure: the page's island runs it with the
 * browser's clock, the server with its own; neither runs at build time. No zod here: islands
 * import this module, and the schema lives in walk-in-schema.ts for the server and the pages.
 */
import {
  addDays,
  helsinkiDate,
  helsinkiDay,
  helsinkiInstant,
  helsinkiTime,
  weekdayOf,
  type Holiday,
} from './calendar.ts';

/** One opening of the desk on a day. */
export interface Session {
  start: string;
  end: string;
  languages: string[];
}

/** The staff-edited schedule (validated by walkInScheduleSchema in walk-in-schema.ts). */
export interface WalkInSchedule {
  sample: boolean;
  updated: string;
  sessions: (Session & { weekday: number })[];
  exceptions: { date: string; closed?: boolean | undefined; sessions?: Session[] | undefined }[];
  channels: { remote: boolean; chatUrl: string | null };
}

/** What the API and the page hand to the island. */
export interface WalkInData {
  schedule: WalkInSchedule;
  holidays: Holiday[];
}

const toMinutes = (t: string) => Number(t.slice(0, 2)) * 60 + Number(t.slice(3, 5));

/** The sessions on one date: an exception replaces the week's, a holiday closes it. */
export function sessionsOn(
  data: WalkInData,
  date: string,
): { sessions: Session[]; holiday?: Holiday; exception?: boolean } {
  const exception = data.schedule.exceptions.find((e) => e.date === date);
  if (exception) return { sessions: exception.closed ? [] : (exception.sessions ?? []), exception: true };
  const holiday = data.holidays.find((h) => h.date === date);
  if (holiday) return { sessions: [], holiday };
  const weekday = weekdayOf(date);
  const sessions = data.schedule.sessions
    .filter((s) => s.weekday === weekday)
    .map(({ start, end, languages }) => ({ start, end, languages }));
  return { sessions: sessions.sort((a, b) => a.start.localeCompare(b.start)) };
}

export interface OpenSession {
  date: string;
  start: string;
  end: string;
  languages: string[];
  opensAt: Date;
  closesAt: Date;
}

export type WalkInStatus =
  | { state: 'open'; session: OpenSession }
  | { state: 'closed'; holiday?: Holiday; next?: OpenSession };

/** Upcoming sessions from `now` on, the one in progress first, for up to `days` days. */
export function upcomingSessions(data: WalkInData, now: Date, days = 60): OpenSession[] {
  const today = helsinkiDay(now);
  const out: OpenSession[] = [];
  for (let i = 0; i < days; i++) {
    const date = addDays(today.date, i);
    for (const s of sessionsOn(data, date).sessions) {
      const closesAt = helsinkiInstant(date, s.end);
      if (closesAt.getTime() <= now.getTime()) continue;
      out.push({
        date,
        start: s.start,
        end: s.end,
        languages: s.languages,
        opensAt: helsinkiInstant(date, s.start),
        closesAt,
      });
    }
  }
  return out;
}

export function walkInStatus(data: WalkInData, now: Date): WalkInStatus {
  const upcoming = upcomingSessions(data, now);
  const first = upcoming[0];
  if (first && first.opensAt.getTime() <= now.getTime()) {
    // Back-to-back sessions (09–12, 12–15) are one opening: report when the desk really closes.
    let closesAt = first.closesAt;
    for (const s of upcoming.slice(1)) {
      if (s.opensAt.getTime() !== closesAt.getTime()) break;
      closesAt = s.closesAt;
    }
    return { state: 'open', session: { ...first, closesAt, end: helsinkiTime(closesAt) } };
  }
  const holiday = sessionsOn(data, helsinkiDate(now)).holiday;
  return { state: 'closed', ...(holiday ? { holiday } : {}), ...(first ? { next: first } : {}) };
}

/** The next session (in progress or coming) that serves `language`. */
export function nextInLanguage(data: WalkInData, now: Date, language: string): OpenSession | undefined {
  return upcomingSessions(data, now).find((s) => s.languages.includes(language));
}

/** Weekly table rows, Monday first, with closed days kept so the table shows them. */
export function weeklyTable(schedule: WalkInSchedule): { weekday: number; sessions: Session[] }[] {
  return [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({
    weekday,
    sessions: schedule.sessions
      .filter((s) => s.weekday === weekday)
      .sort((a, b) => toMinutes(a.start) - toMinutes(b.start)),
  }));
}

export interface UpcomingChange {
  date: string;
  kind: 'closed' | 'hours' | 'holiday';
  sessions: Session[];
  holiday?: Holiday;
}

/** Exceptions and holidays from today (Helsinki) for `days` days, in date order. */
export function upcomingChanges(data: WalkInData, now: Date, days = 120): UpcomingChange[] {
  const from = helsinkiDate(now);
  const to = addDays(from, days);
  const exceptionDates = new Set(data.schedule.exceptions.map((e) => e.date));
  return [
    ...data.schedule.exceptions
      .filter((e) => e.date >= from && e.date <= to)
      .map((e) => ({
        date: e.date,
        kind: e.closed ? ('closed' as const) : ('hours' as const),
        sessions: e.closed ? [] : (e.sessions ?? []),
      })),
    ...data.holidays
      .filter((h) => h.date >= from && h.date <= to && !exceptionDates.has(h.date))
      .map((h) => ({ date: h.date, kind: 'holiday' as const, sessions: [], holiday: h })),
  ].sort((a, b) => a.date.localeCompare(b.date));
}
