/**
 * The calendar: every rule of dates and times in one pure module (no database, no HTTP, no Node
 * module), used by the server and, for the Helsinki time, by the islands.
 *
 * - Helsinki time: today's date, the wall clock, the instant of a date and time. Europe/Helsinki from
 *   the platform's own time-zone data (Intl, CLDR/IANA), so the same code runs in Node and in every
 *   browser without shipping a time-zone library. DST: on the spring change (last Sunday of March,
 *   03:00 → 04:00) a wall time in the gap maps to the later offset; on the autumn change (04:00 →
 *   03:00) an ambiguous time maps to the later, winter-time instant. Opening hours never fall there.
 * - Dates (`YYYY-MM-DD`) and months (`YYYY-MM`) are Helsinki calendar dates; their arithmetic
 *   involves no time zone.
 * - "N calendar days later" keeps the Helsinki wall-clock time, so it is 23 or 25 hours across a
 *   DST change (a follow-up 21 days after 10:00 is at 10:00).
 * - Holidays: the days the city's offices are closed (Finnish public holidays, Midsummer Eve and
 *   Christmas Eve), computed here from their rules: a holiday package would weigh a megabyte in
 *   every island that shows a date.
 * - Working days: Monday to Friday, holidays excluded. A deadline of N working days counts from the
 *   day after the day something arrived and ends at the end of the N-th working day, Helsinki time.
 */
export const TIME_ZONE = 'Europe/Helsinki';

// ---------------------------------------------------------------------------------------------
// Helsinki time

const fmt = new Intl.DateTimeFormat('en-GB', {
  timeZone: TIME_ZONE,
  hourCycle: 'h23',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
});
const pad = (n: number) => String(n).padStart(2, '0');
const ymd = (y: number, m: number, d: number) => `${y}-${pad(m)}-${pad(d)}`;
const parseDate = (date: string) => date.split('-').map(Number) as [number, number, number];

export interface WallClock {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  weekday: number;
}

const HOUR = 3_600_000;

/** Milliseconds Helsinki is ahead of UTC at an instant, read from the platform's time-zone data. */
function offsetFromIntl(ms: number): number {
  const parts = Object.fromEntries(fmt.formatToParts(ms).map((p) => [p.type, p.value]));
  const wall = Date.UTC(
    Number(parts.year),
    Number(parts.month) - 1,
    Number(parts.day),
    Number(parts.hour),
    Number(parts.minute),
    Number(parts.second),
  );
  return wall - Math.floor(ms / 1000) * 1000;
}

// Helsinki's offset changes only on a whole UTC hour (01:00 UTC, both DST changes), so it is read
// once per UTC hour and kept: Intl's formatToParts costs microseconds, and the free times read
// tens of thousands of instants. Bounded, as a long-running server meets new hours for ever.
const offsets = new Map<number, number>();

/** Milliseconds Helsinki is ahead of UTC at an instant (7 200 000 in winter, 10 800 000 in summer). */
function offsetAt(ms: number): number {
  const hour = Math.floor(ms / HOUR);
  let offset = offsets.get(hour);
  if (offset === undefined) {
    offset = offsetFromIntl(hour * HOUR);
    if (offsets.size >= 20_000) offsets.clear();
    offsets.set(hour, offset);
  }
  return offset;
}

/** The Helsinki wall clock at an instant. */
export function wallClock(instant: Date | number): WallClock {
  const ms = typeof instant === 'number' ? instant : instant.getTime();
  // The wall clock is the instant moved by the offset, read as UTC.
  const wall = new Date(ms + offsetAt(ms));
  return {
    year: wall.getUTCFullYear(),
    month: wall.getUTCMonth() + 1,
    day: wall.getUTCDate(),
    hour: wall.getUTCHours(),
    minute: wall.getUTCMinutes(),
    second: wall.getUTCSeconds(),
    weekday: ((wall.getUTCDay() + 6) % 7) + 1,
  };
}

/** The instant of a Helsinki wall-clock reading. */
function instantOf(date: string, hour: number, minute: number, second = 0, ms = 0): Date {
  const [y, m, d] = parseDate(date);
  const asUtc = Date.UTC(y, m - 1, d, hour, minute, second, ms);
  let guess = asUtc - offsetAt(asUtc);
  // A second pass settles the instants near a DST change.
  guess = asUtc - offsetAt(guess);
  return new Date(guess);
}

/** The instant of a Helsinki date (YYYY-MM-DD) and time (HH:MM). */
export function helsinkiInstant(date: string, time: string): Date {
  const [hh, mm] = time.split(':').map(Number) as [number, number];
  return instantOf(date, hh, mm);
}

/** The Helsinki date of an instant, its ISO weekday (1 = Monday) and the minutes since midnight. */
export function helsinkiDay(instant: Date): { date: string; weekday: number; minutes: number } {
  const w = wallClock(instant);
  return { date: ymd(w.year, w.month, w.day), weekday: w.weekday, minutes: w.hour * 60 + w.minute };
}

/** The Helsinki date (YYYY-MM-DD) of an instant: "today" is `helsinkiDate(now)`, never a UTC date. */
export function helsinkiDate(instant: Date): string {
  return helsinkiDay(instant).date;
}

/** The Helsinki month (YYYY-MM) of an instant. */
export function helsinkiMonth(instant: Date): string {
  return helsinkiDate(instant).slice(0, 7);
}

/** The Helsinki wall-clock time (HH:MM) of an instant. */
export function helsinkiTime(instant: Date): string {
  const w = wallClock(instant);
  return `${pad(w.hour)}:${pad(w.minute)}`;
}

// ---------------------------------------------------------------------------------------------
// Dates, months and days later

/** A calendar date plus days (no time zone involved; negative goes back). */
export function addDays(date: string, days: number): string {
  const [y, m, d] = parseDate(date);
  const t = new Date(Date.UTC(y, m - 1, d + days));
  return ymd(t.getUTCFullYear(), t.getUTCMonth() + 1, t.getUTCDate());
}

/** A month (YYYY-MM) plus months (negative goes back). */
export function addMonths(month: string, months: number): string {
  const [y, m] = parseDate(month);
  const index = y * 12 + (m - 1) + months;
  return `${Math.floor(index / 12)}-${pad((index % 12) + 1)}`;
}

/** The first month (YYYY-MM) of `month`'s calendar quarter. */
export function quarterStart(month: string): string {
  const m = Number(month.slice(5, 7));
  return `${month.slice(0, 5)}${pad(m - ((m - 1) % 3))}`;
}

/** The last month (YYYY-MM) of `month`'s calendar quarter. */
export function quarterEnd(month: string): string {
  return addMonths(quarterStart(month), 2);
}

/** ISO weekday (1 = Monday) of a calendar date. */
export function weekdayOf(date: string): number {
  const [y, m, d] = parseDate(date);
  return new Date(Date.UTC(y, m - 1, d)).getUTCDay() || 7;
}

/**
 * The instant `days` calendar days after `instant` (before, when negative) at the same Helsinki
 * wall-clock time: 23 or 25 hours a day across a DST change, never 24 × `days` hours. A time that
 * does not exist on the target day (the spring gap) moves past the gap; an ambiguous one (autumn)
 * is the winter-time instant.
 */
export function daysLater(instant: Date, days: number): Date {
  if (days === 0) return new Date(instant);
  const w = wallClock(instant);
  return instantOf(addDays(ymd(w.year, w.month, w.day), days), w.hour, w.minute, w.second, instant.getTime() % 1000);
}

// ---------------------------------------------------------------------------------------------
// Holidays

/** A day closed by law or custom, with its name in the languages we have it in. */
export interface Holiday {
  date: string;
  /** Its translation key: `holiday.<key>` in every locale's `format.json` (src/i18n/format.ts). */
  key: string;
  name: Record<string, string>;
}

/** Easter Sunday of a year (the anonymous Gregorian algorithm, Meeus/Jones/Butcher). */
function easter(y: number): string {
  const a = y % 19;
  const b = Math.floor(y / 100);
  const c = y % 100;
  const g = Math.floor((b - Math.floor((b + 8) / 25) + 1) / 3);
  const h = (19 * a + b - Math.floor(b / 4) - g + 15) % 30;
  const l = (32 + 2 * (b % 4) + 2 * Math.floor(c / 4) - h - (c % 4)) % 7;
  const n = h + l - 7 * Math.floor((a + 11 * h + 22 * l) / 451) + 114;
  return ymd(y, Math.floor(n / 31), (n % 31) + 1);
}

/** The first date from `from` on (at most six days later) that falls on an ISO weekday. */
const firstWeekday = (from: string, weekday: number) => addDays(from, (weekday - weekdayOf(from) + 7) % 7);

/**
 * The days the city's offices are closed: Finland's public holidays (the Church Act and the Annual
 * Holidays Act fix them), plus Midsummer Eve and Christmas Eve. New Year's Eve is a normal working
 * day (staff add an exception when the desk closes early). Names as date-holidays gives them (a unit
 * test compares the two over a century).
 */
const FINNISH_HOLIDAYS: { key: string; on: (y: number) => string; fi: string; sv: string; en: string }[] = [
  { key: 'newYearsDay', on: (y) => ymd(y, 1, 1), fi: 'uudenvuodenpäivä', sv: 'nyårsdagen', en: "New Year's Day" },
  { key: 'epiphany', on: (y) => ymd(y, 1, 6), fi: 'loppiainen', sv: 'trettondedag jul', en: 'Epiphany' },
  { key: 'goodFriday', on: (y) => addDays(easter(y), -2), fi: 'pitkäperjantai', sv: 'långfredagen', en: 'Good Friday' },
  { key: 'easterSunday', on: (y) => easter(y), fi: 'pääsiäispäivä', sv: 'påskdagen', en: 'Easter Sunday' },
  {
    key: 'easterMonday',
    on: (y) => addDays(easter(y), 1),
    fi: 'toinen pääsiäispäivä',
    sv: 'annandag påsk',
    en: 'Easter Monday',
  },
  { key: 'mayDay', on: (y) => ymd(y, 5, 1), fi: 'vappu', sv: 'första maj', en: 'Labour Day' },
  {
    key: 'ascensionDay',
    on: (y) => addDays(easter(y), 39),
    fi: 'helatorstai',
    sv: 'Kristi himmelsfärdsdag',
    en: 'Ascension Day',
  },
  { key: 'pentecost', on: (y) => addDays(easter(y), 49), fi: 'helluntaipäivä', sv: 'pingstdagen', en: 'Pentecost' },
  {
    key: 'midsummerEve',
    on: (y) => firstWeekday(ymd(y, 6, 19), 5),
    fi: 'juhannusaatto',
    sv: 'midsommarafton',
    en: 'Midsummer Eve',
  },
  {
    key: 'midsummerDay',
    on: (y) => firstWeekday(ymd(y, 6, 20), 6),
    fi: 'juhannuspäivä',
    sv: 'midsommardagen',
    en: 'Midsummer Day',
  },
  {
    key: 'allSaintsDay',
    on: (y) => firstWeekday(ymd(y, 10, 31), 6),
    fi: 'pyhäinpäivä',
    sv: 'alla helgons dag',
    en: "All Saints' Day",
  },
  {
    key: 'independenceDay',
    on: (y) => ymd(y, 12, 6),
    fi: 'itsenäisyyspäivä',
    sv: 'självständighetsdagen',
    en: 'Independence Day',
  },
  { key: 'christmasEve', on: (y) => ymd(y, 12, 24), fi: 'jouluaatto', sv: 'julafton', en: 'Christmas Eve' },
  { key: 'christmasDay', on: (y) => ymd(y, 12, 25), fi: 'joulupäivä', sv: 'juldagen', en: 'Christmas Day' },
  { key: 'boxingDay', on: (y) => ymd(y, 12, 26), fi: 'tapaninpäivä', sv: 'annandag jul', en: 'Boxing Day' },
];
const byYear = new Map<number, Holiday[]>();

function holidaysOf(y: number): Holiday[] {
  let list = byYear.get(y);
  if (!list) {
    list = FINNISH_HOLIDAYS.map(({ key, on, fi, sv, en }) => ({ date: on(y), key, name: { fi, sv, en } })).sort(
      (a, b) => a.date.localeCompare(b.date),
    );
    byYear.set(y, list);
  }
  return list;
}

/** Finnish holidays between two dates, inclusive. */
export function finnishHolidays(from: string, to: string): Holiday[] {
  const out: Holiday[] = [];
  for (let y = Number(from.slice(0, 4)); y <= Number(to.slice(0, 4)); y++)
    out.push(...holidaysOf(y).filter((h) => h.date >= from && h.date <= to));
  return out;
}

export function isFinnishHoliday(date: string): boolean {
  return holidaysOf(Number(date.slice(0, 4))).some((h) => h.date === date);
}

// ---------------------------------------------------------------------------------------------
// Working days and deadlines

/**
 * Which dates are holidays: Finnish public holidays unless a caller says otherwise, as a test or as
 * the set of dates it was given (slot generation is given its holidays).
 */
export type HolidayRule = ((date: string) => boolean) | ReadonlySet<string>;

const isHoliday = (rule: HolidayRule, date: string) => (typeof rule === 'function' ? rule(date) : rule.has(date));

export function isWorkingDay(date: string, holidays: HolidayRule = isFinnishHoliday): boolean {
  return weekdayOf(date) <= 5 && !isHoliday(holidays, date);
}

/** The n-th working day after `date`. */
export function addWorkingDays(date: string, n: number, holidays: HolidayRule = isFinnishHoliday): string {
  let d = date;
  for (let left = n; left > 0; ) {
    d = addDays(d, 1);
    if (isWorkingDay(d, holidays)) left--;
  }
  return d;
}

/**
 * The deadline of something received at `received` and due within `n` working days: the date of
 * the n-th working day after the day it arrived (Helsinki), and the last instant of that day.
 */
export function dueAfterWorkingDays(received: Date, n: number): { date: string; at: Date } {
  const date = addWorkingDays(helsinkiDate(received), n);
  return { date, at: new Date(helsinkiInstant(addDays(date, 1), '00:00').getTime() - 1) };
}
