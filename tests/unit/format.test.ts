/**
 * The formatting module (src/i18n/format.ts): one date form per locale, day before the month's
 * name; with an `Intl` that has no data for a locale (this Chromium for Somali and Sorani, many
 * phones for more) the locale's own names and patterns give the same text the server writes.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { createFormatter, type FormatData, type IntlLike, withNumberingSystem } from '../../src/i18n/format.ts';
import { LOCALE_CODES, LOCALES } from '../../src/i18n/locales.ts';
import { finnishHolidays } from '../../src/domain/calendar.ts';

const data = (locale: string) =>
  JSON.parse(fs.readFileSync(path.join('locales', locale, 'format.json'), 'utf8')) as FormatData;

/** An Intl without data for any locale: `supportedLocalesOf` answers [], formatting falls back to English. */
const NO_DATA: IntlLike = {
  DateTimeFormat: Object.assign(
    function DateTimeFormat(_: string, options: Intl.DateTimeFormatOptions) {
      return new Intl.DateTimeFormat('en-US', options);
    } as unknown as IntlLike['DateTimeFormat'],
    { supportedLocalesOf: () => [] as string[] },
  ),
};

const noData = (locale: string) => createFormatter(locale, data(locale), NO_DATA);
// Tuesday 8 December 2026, 13:05 in Helsinki (11:05 UTC).
const instant = new Date('2026-12-08T11:05:00Z');

describe('without Intl data (supportedLocalesOf answers [])', () => {
  test('the fallback is used, never English', () => {
    for (const l of LOCALE_CODES) expect(noData(l).usesIntl, l).toBe(false);
  });

  test.each([
    ['fi', 'tiistai 8. joulukuuta', 'tiistai 8. joulukuuta 2026 13:05', 'joulukuu 2026', 'suomi, ruotsi ja englanti'],
    [
      'so',
      'Talaado, 8 Diseembar',
      'Talaado, 8 Diseembar 2026 13:05',
      'Diseembar 2026',
      'Finishka, Iswiidhish iyo Ingiriisi',
    ],
    [
      'ckb',
      'سێشەممە، 8ی کانونی یەکەم',
      'سێشەممە، 8ی کانونی یەکەمی 2026 13:05',
      '2026 کانونی یەکەم',
      'فینلەندی، سویدی و ئینگلیزی',
    ],
    ['ar', 'الثلاثاء، 8 ديسمبر', 'الثلاثاء، 8 ديسمبر 2026 13:05', 'ديسمبر 2026', 'الفنلندية والسويدية والإنجليزية'],
    ['zh', '12月8日星期二', '2026年12月8日星期二 13:05', '2026年12月', '芬兰语、瑞典语和英语'],
  ])('%s', (locale, day, dateTime, monthYear, list) => {
    const f = noData(locale);
    expect(f.day(instant)).toBe(day);
    expect(f.day('2026-12-08')).toBe(day);
    expect(f.dateTime(instant)).toBe(dateTime);
    expect(f.monthYear('2026-12')).toBe(monthYear);
    expect(f.languageList(['fi', 'sv', 'en'])).toBe(list);
    expect(f.time(instant)).toBe('13:05');
  });

  test('no English weekday or month name in any locale but English', () => {
    const english = /\b(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|January|December|and)\b/;
    for (const l of LOCALE_CODES.filter((c) => c !== 'en')) {
      const f = noData(l);
      for (let m = 1; m <= 12; m++)
        expect(f.fullDate(`2026-${String(m).padStart(2, '0')}-0${(m % 7) + 1}`), l).not.toMatch(english);
      expect(f.languageList(['fi', 'sv', 'ar']), l).not.toMatch(english);
    }
  });
});

describe('with the runtime’s Intl (Node has full ICU)', () => {
  test('names come from Intl where it has data, and say what the fallback says', () => {
    for (const l of LOCALE_CODES) {
      const withIntl = createFormatter(l, data(l));
      expect(withIntl.usesIntl, l).toBe(true);
      for (let d = 1; d <= 31; d += 3) {
        const date = `2026-${String((d % 12) + 1).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
        expect(withIntl.fullDate(date), `${l} ${date}`).toBe(noData(l).fullDate(date));
        expect(withIntl.day(date), `${l} ${date}`).toBe(noData(l).day(date));
        expect(withIntl.monthYear(date.slice(0, 7)), `${l} ${date}`).toBe(noData(l).monthYear(date.slice(0, 7)));
      }
    }
  });

  test('day before month everywhere: never a month-first or numeric date', () => {
    for (const l of LOCALE_CODES) {
      const text = createFormatter(l, data(l)).day('2026-12-08');
      expect(text, l).not.toMatch(/\d+\/\d+/);
    }
    expect(createFormatter('en', data('en')).day('2026-12-08')).toBe('Tuesday 8 December');
    expect(createFormatter('so', data('so')).date('2026-12-08')).toBe('8 Diseembar 2026');
  });

  test('times are 24-hour HH:MM in Helsinki time, summer and winter', () => {
    for (const l of LOCALE_CODES) {
      const f = createFormatter(l, data(l));
      expect(f.time(new Date('2026-12-08T07:00:00Z')), l).toBe('09:00');
      expect(f.time(new Date('2026-07-08T14:30:00Z')), l).toBe('17:30');
    }
  });
});

describe('the locale files', () => {
  test('every holiday has a name in every locale; fi, sv and en are the calendar’s', () => {
    const holidays = finnishHolidays('2026-01-01', '2026-12-31');
    expect(new Set(holidays.map((h) => h.key)).size).toBe(15);
    for (const l of LOCALE_CODES) {
      const f = createFormatter(l, data(l));
      for (const h of holidays) {
        expect(f.holiday(h.key).trim(), `${l} ${h.key}`).not.toBe('');
        if (h.name[l]) expect(f.holiday(h.key), `${l} ${h.key}`).toBe(h.name[l]);
      }
    }
  });

  test('Sorani, Kurmanji and Kurdish are named apart in every locale, and no two languages alike', () => {
    const codes = [...LOCALE_CODES, 'sq', 'ps', 'prs', 'ti', 'ku', 'kmr'];
    for (const l of LOCALE_CODES) {
      const f = createFormatter(l, data(l));
      const names = codes.map((c) => f.languageName(c));
      expect(new Set(names).size, `${l}: ${names.join(', ')}`).toBe(codes.length);
    }
  });

  test('a locale’s numbering system from the registry is used for its digits', () => {
    // All 16 use Western digits today; a locale set to `arab` would get Arabic-Indic ones.
    for (const { code, numberingSystem } of LOCALES) expect(numberingSystem, code).toBe('latn');
    expect(createFormatter('ar', withNumberingSystem(data('ar'))).time(instant)).toBe('13:05');
    const arab = createFormatter('ar', withNumberingSystem(data('ar'), 'arab'), NO_DATA);
    expect(arab.time(instant)).toBe('١٣:٠٥');
    expect(arab.date('2026-12-08')).toBe('٨ ديسمبر ٢٠٢٦');
  });
});
