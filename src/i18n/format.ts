/**
 * The one place that turns dates, times, weekdays, months, lists, language and holiday names into
 * the reader's language: every island, page, email, SMS and `.ics` text goes through a formatter.
 *
 * - Always Europe/Helsinki wall-clock, the Gregorian calendar and the locale's numbering system
 *   (the registry's `numberingSystem`).
 * - One date form per locale, the project's own (`pattern.*` in `locales/<code>/format.json`): the
 *   day before the month's name ("tiistai 8. joulukuuta"), or a marked month (zh "12月8日星期二");
 *   never "12/8". The time is always 24-hour "HH:MM".
 * - Weekday and month names from `Intl` where the runtime has the locale's data
 *   (`supportedLocalesOf` answers with the same language), otherwise from the locale's file, which
 *   `scripts/format-data.ts` fills from the same CLDR data: a phone without Somali data writes what
 *   the server writes.
 * - Lists, language and holiday names are always the locale's file: CLDR names Kurmanji and
 *   Kurdish alike and has no Sorani list, and holidays are not in CLDR at all.
 *
 * Each locale's data is handed in (`createFormatter(locale, data)`): pages and the server read the
 * file of the one locale they serve, an island gets its page's locale in its data block, so no
 * bundle carries all 16. `intl` can be replaced, e.g. by one without data, to test the fallback.
 */
import { wallClock } from '../domain/calendar.ts';

/**
 * A locale's `format.json`, and its `numberingSystem` from the registry (src/i18n/locales.ts),
 * which the loaders add (`withNumberingSystem`) so that islands need not carry the registry.
 */
export type FormatData = Record<string, string>;

/** A locale's data with the registry's numbering system in it (`latn` unless set). */
export const withNumberingSystem = (data: FormatData, numberingSystem = 'latn'): FormatData => ({
  ...data,
  numberingSystem,
});

/** The part of `Intl` the formatter uses (a test passes one without data). */
export interface IntlLike {
  DateTimeFormat: Pick<typeof Intl.DateTimeFormat, 'supportedLocalesOf'> &
    (new (
      locale: string,
      options: Intl.DateTimeFormatOptions,
    ) => Pick<Intl.DateTimeFormat, 'formatToParts'>);
}

/** A date of the calendar ("2026-12-08") or an instant (read on Helsinki's wall clock). */
export type DateInput = Date | string;

export interface Formatter {
  locale: string;
  /** Whether the names came from this runtime's Intl (false: the locale's own file). */
  usesIntl: boolean;
  /** "09:00": 24-hour, Helsinki time. */
  time(instant: Date): string;
  /** A wall-clock time written "HH:MM" (a schedule's), in the locale's digits. */
  clock(hhmm: string): string;
  /** Weekday, day and month: "tiistai 8. joulukuuta". */
  day(date: DateInput): string;
  /** Day, month and year: "8. joulukuuta 2026" (no weekday, so it reads inside a sentence). */
  date(date: DateInput): string;
  /** Weekday, day, month and year: "tiistai 8. joulukuuta 2026". */
  fullDate(date: DateInput): string;
  /** The full date and the time: "tiistai 8. joulukuuta 2026 09:00". */
  dateTime(instant: Date): string;
  /** A month of a year, "2026-12": "joulukuu 2026". */
  monthYear(month: string): string;
  /** An ISO weekday's name (1 Monday … 7 Sunday). */
  weekday(isoWeekday: number): string;
  /** "suomi, ruotsi ja englanti". */
  list(items: readonly string[]): string;
  languageName(code: string): string;
  languageList(codes: readonly string[]): string;
  /** A holiday by its key in `src/domain/calendar.ts` ("independenceDay"). */
  holiday(key: string): string;
}

const DIGITS: Record<string, string> = {
  latn: '0123456789',
  arab: '٠١٢٣٤٥٦٧٨٩',
  arabext: '۰۱۲۳۴۵۶۷۸۹',
  thai: '๐๑๒๓๔๕๖๗๘๙',
};

const fill = (pattern: string, values: Record<string, string>) =>
  pattern.replace(/\{\{(\w+)\}\}/g, (_, k: string) => values[k] ?? '');

/** Whether a runtime's Intl has date data for the locale (not a fallback to its default). */
export function intlHasData(intl: IntlLike, locale: string): boolean {
  try {
    const [found] = intl.DateTimeFormat.supportedLocalesOf([locale]);
    return !!found && found.split('-')[0] === locale.split('-')[0];
  } catch {
    return false;
  }
}

interface Ymd {
  year: number;
  month: number;
  day: number;
  weekday: number;
}

function ymdOf(input: DateInput): Ymd {
  if (typeof input !== 'string') return wallClock(input);
  const [year, month, day] = input.split('-').map(Number) as [number, number, number];
  return { year, month, day, weekday: new Date(Date.UTC(year, month - 1, day)).getUTCDay() || 7 };
}

export type DateKind = 'day' | 'date' | 'fullDate';
export type FormatKind = DateKind | 'time' | 'dateTime' | 'monthYear' | 'clock';

/**
 * The `datetime` attribute of the `<time>` that shows a formatter's output: an instant as ISO
 * (UTC), a calendar date "2026-12-08", a month "2026-12" or a clock time "09:00" as given.
 */
export const datetimeAttr = (input: DateInput): string => (typeof input === 'string' ? input : input.toISOString());

/** A formatter's text for one kind (what a `<time>` element shows). */
export function formatAs(f: Formatter, kind: FormatKind, input: DateInput): string {
  if (kind === 'time' || kind === 'dateTime') return f[kind](typeof input === 'string' ? new Date(input) : input);
  if (kind === 'monthYear' || kind === 'clock') return f[kind](String(input));
  return f[kind](input);
}

/** Calendar date of an input on Helsinki's wall clock, "2026-12-08". */
export function isoDate(input: DateInput): string {
  if (typeof input === 'string') return input;
  const w = wallClock(input);
  return `${w.year}-${String(w.month).padStart(2, '0')}-${String(w.day).padStart(2, '0')}`;
}

export function createFormatter(locale: string, data: FormatData, intl: IntlLike = Intl): Formatter {
  const own = (key: string) => {
    const v = data[key];
    if (v === undefined) throw new Error(`format.json of "${locale}" lacks "${key}"`);
    return v;
  };
  const digitSet = DIGITS[data.numberingSystem ?? 'latn'] ?? DIGITS.latn!;
  const num = (n: number, width = 1) =>
    String(n)
      .padStart(width, '0')
      .replace(/\d/g, (d) => digitSet[Number(d)]!);
  const usesIntl = intlHasData(intl, locale);

  // Names from Intl, read from a formatted date of 2024 (whose 1 January is a Monday).
  const cache = new Map<string, string>();
  const intlPart = (options: Intl.DateTimeFormatOptions, month: number, day: number, type: string) => {
    const key = `${JSON.stringify(options)}|${month}|${day}|${type}`;
    let v = cache.get(key);
    if (v === undefined) {
      const f = new intl.DateTimeFormat(`${locale}-u-ca-gregory-nu-latn`, { ...options, timeZone: 'UTC' });
      v = f.formatToParts(new Date(Date.UTC(2024, month - 1, day, 12))).find((p) => p.type === type)?.value ?? '';
      cache.set(key, v);
    }
    return v;
  };
  const weekday = (n: number) =>
    usesIntl ? intlPart({ weekday: 'long', day: 'numeric', month: 'long' }, 1, n, 'weekday') : own(`weekday.${n}`);
  const month = (m: number) =>
    usesIntl ? intlPart({ day: 'numeric', month: 'long' }, m, 8, 'month') : own(`month.${m}`);
  const monthStandalone = (m: number) =>
    usesIntl ? intlPart({ month: 'long', year: 'numeric' }, m, 8, 'month') : own(`monthStandalone.${m}`);

  const values = (d: Ymd) => ({
    weekday: weekday(d.weekday),
    day: num(d.day),
    month: month(d.month),
    monthStandalone: monthStandalone(d.month),
    year: num(d.year),
  });
  const time = (instant: Date) => {
    const w = wallClock(instant);
    return `${num(w.hour, 2)}:${num(w.minute, 2)}`;
  };
  const fullDate = (input: DateInput) => fill(own('pattern.fullDate'), values(ymdOf(input)));
  const list = (items: readonly string[]) => {
    if (items.length < 2) return items[0] ?? '';
    if (items.length === 2) return fill(own('list.pair'), { 0: items[0]!, 1: items[1]! });
    let out = fill(own('list.end'), { 0: items.at(-2)!, 1: items.at(-1)! });
    for (let i = items.length - 3; i >= 0; i--)
      out = fill(own(i === 0 ? 'list.start' : 'list.middle'), { 0: items[i]!, 1: out });
    return out;
  };
  const languageName = (code: string) => data[`language.${code}`] ?? code;

  return {
    locale,
    usesIntl,
    time,
    clock: (hhmm) => hhmm.replace(/\d/g, (d) => digitSet[Number(d)]!),
    day: (input) => fill(own('pattern.day'), values(ymdOf(input))),
    date: (input) => fill(own('pattern.date'), values(ymdOf(input))),
    fullDate,
    dateTime: (instant) => fill(own('pattern.dateTime'), { date: fullDate(instant), time: time(instant) }),
    monthYear: (m) => fill(own('pattern.monthYear'), values(ymdOf(`${m}-01`))),
    weekday,
    list,
    languageName,
    languageList: (codes) => list(codes.map(languageName)),
    holiday: (key) => own(`holiday.${key}`),
  };
}

/** One formatter per locale, made once from the data `load` reads (pages at build time, the server). */
export function formatterCache(load: (locale: string) => FormatData): (locale: string) => Formatter {
  const cache = new Map<string, Formatter>();
  return (locale) => {
    let f = cache.get(locale);
    if (!f) {
      f = createFormatter(locale, load(locale));
      cache.set(locale, f);
    }
    return f;
  };
}
