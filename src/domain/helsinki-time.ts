/**
 * Europe/Helsinki wall-clock time from the platform's own time-zone data (Intl, CLDR/IANA), so
 * the same code runs in Node and in every browser without shipping a time-zone library.
 * DST: on the spring change (last Sunday of March, 03:00 → 04:00) a wall time in the gap maps to
 *  the later offset; on the autumn change (04:00 → 03:00) an ambiguous time maps to the later,
 * winter-time instant. Opening hours never fall in those hours.
 */
export const TIME_ZONE = 'Europe/Helsinki';

const fmt = new Intl.DateTimeFormat('en-GB', {
  timeZone: TIME_ZONE,
  hourCycle: 'h23',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  weekday: 'short',
});
const WEEKDAYS: Record<string, number> = { Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6, Sun: 7 };
const pad = (n: number) => String(n).padStart(2, '0');

export interface WallClock { year: number; month: number; day: number; hour: number; minute: number; second: number; weekday: number }

export function wallClock(instant: Date | number): WallClock {
  const parts = Object.fromEntries(fmt.formatToParts(typeof instant === 'number' ? instant : instant.getTime()).map((p) => [p.type, p.value]));
  return {
    year: Number(parts.year),
    month: Number(parts.month),
    day: Number(parts.day),
    hour: Number(parts.hour),
    minute: Number(parts.minute),
    second: Number(parts.second),
    weekday: WEEKDAYS[parts.weekday!]!,
  };
}

/** Milliseconds Helsinki is ahead of UTC at an instant (7 200 000 in winter, 10 800 000 in summer). */
export function offsetAt(ms: number): number {
  const w = wallClock(ms);
  return Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second) - Math.floor(ms / 1000) * 1000;
}

/** The instant of a Helsinki date (YYYY-MM-DD) and time (HH:MM). */
export function helsinkiInstant(date: string, time: string): Date {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const [hh, mm] = time.split(':').map(Number) as [number, number];
  const asUtc = Date.UTC(y, m - 1, d, hh, mm);
  let guess = asUtc - offsetAt(asUtc);
  // A second pass settles the instants near a DST change.
  guess = asUtc - offsetAt(guess);
  return new Date(guess);
}

export function helsinkiDay(instant: Date): { date: string; weekday: number; minutes: number } {
  const w = wallClock(instant);
  return { date: `${w.year}-${pad(w.month)}-${pad(w.day)}`, weekday: w.weekday, minutes: w.hour * 60 + w.minute };
}

export function helsinkiTime(instant: Date): string {
  const w = wallClock(instant);
  return `${pad(w.hour)}:${pad(w.minute)}`;
}

/** A calendar date plus days (no time zone involved). */
export function addDays(date: string, days: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const t = new Date(Date.UTC(y, m - 1, d + days));
  return `${t.getUTCFullYear()}-${pad(t.getUTCMonth() + 1)}-${pad(t.getUTCDate())}`;
}

/** ISO weekday (1 = Monday) of a calendar date. */
export function weekdayOf(date: string): number {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d)).getUTCDay() || 7;
}
