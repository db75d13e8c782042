/**
 * The calendar (src/domain/calendar.ts): Helsinki time across the DST changes, today's date near
 * midnight, "N days later" at the same wall-clock time, the holidays, working-day deadlines, and the
 * requests' service levels built on them. Instants are given in UTC so each case states the
 * wall-clock time it means.
 */
import Holidays from 'date-holidays';
import { describe, expect, test } from 'vitest';
import {
  addDays,
  addMonths,
  quarterEnd,
  quarterStart,
  addWorkingDays,
  daysLater,
  dueAfterWorkingDays,
  finnishHolidays,
  helsinkiDate,
  helsinkiDay,
  helsinkiInstant,
  helsinkiMonth,
  isWorkingDay,
  wallClock,
  weekdayOf,
  type Holiday,
} from '../../src/domain/calendar.ts';
import { firstContactDue, followUpDue } from '../../server/domain/request-deadlines.ts';

const iso = (d: Date) => d.toISOString();
const HOUR = 3_600_000;

describe('Helsinki wall-clock', () => {
  test('winter is UTC+2 and summer UTC+3', () => {
    expect(helsinkiInstant('2026-01-05', '09:00').toISOString()).toBe('2026-01-05T07:00:00.000Z');
    expect(helsinkiInstant('2026-07-06', '09:00').toISOString()).toBe('2026-07-06T06:00:00.000Z');
  });
  test('the DST change days keep wall-clock times', () => {
    // 2026-03-29: clocks go 03:00 → 04:00; 2026-10-25: 04:00 → 03:00.
    expect(helsinkiInstant('2026-03-30', '09:00').toISOString()).toBe('2026-03-30T06:00:00.000Z');
    expect(helsinkiInstant('2026-10-26', '09:00').toISOString()).toBe('2026-10-26T07:00:00.000Z');
    expect(helsinkiDay(new Date('2026-10-25T21:30:00Z'))).toMatchObject({ date: '2026-10-25', weekday: 7 });
    expect(helsinkiDay(new Date('2026-10-25T22:30:00Z'))).toMatchObject({ date: '2026-10-26', weekday: 1 });
  });

  test('a wall time in the spring gap lands after it; an ambiguous autumn time is the winter-time one', () => {
    expect(helsinkiInstant('2026-03-29', '03:30').toISOString()).toBe('2026-03-29T01:30:00.000Z'); // 04:30 EEST
    expect(helsinkiInstant('2026-10-25', '03:30').toISOString()).toBe('2026-10-25T01:30:00.000Z'); // 03:30 EET, the second 03:30
  });
});

describe("the wall clock, read from each hour's offset", () => {
  test('agrees with the platform’s time-zone data at every 7 minutes 13 seconds of 2026–2027, DST changes included', () => {
    const intl = new Intl.DateTimeFormat('en-GB', {
      timeZone: 'Europe/Helsinki',
      hourCycle: 'h23',
      dateStyle: 'short',
      timeStyle: 'medium',
    });
    const mismatches: string[] = [];
    for (let ms = Date.UTC(2026, 0, 1); ms < Date.UTC(2028, 0, 1); ms += 433_123) {
      const w = wallClock(ms);
      const mine = `${String(w.day).padStart(2, '0')}/${String(w.month).padStart(2, '0')}/${w.year}, ${[w.hour, w.minute, w.second].map((n) => String(n).padStart(2, '0')).join(':')}`;
      if (mine !== intl.format(ms)) mismatches.push(`${new Date(ms).toISOString()}: ${mine} ≠ ${intl.format(ms)}`);
    }
    expect(mismatches).toEqual([]);
    // Around the changes themselves, to the second.
    for (const change of ['2027-03-28T01:00:00Z', '2027-10-31T01:00:00Z'])
      for (let d = -2000; d <= 2000; d += 1000) {
        const ms = new Date(change).getTime() + d;
        const w = wallClock(ms);
        expect(
          `${String(w.hour).padStart(2, '0')}:${String(w.minute).padStart(2, '0')}:${String(w.second).padStart(2, '0')}`,
        ).toBe(intl.format(ms).slice(-8));
      }
    expect(wallClock(new Date('2027-03-28T00:59:59Z')).hour).toBe(2);
    expect(wallClock(new Date('2027-03-28T01:00:00Z')).hour).toBe(4);
    expect(wallClock(new Date('2027-10-31T00:59:59Z')).hour).toBe(3);
    expect(wallClock(new Date('2027-10-31T01:00:00Z')).hour).toBe(3);
    expect(wallClock(new Date('2027-10-31T01:00:00Z')).weekday).toBe(7);
  });
});

describe('today and this month are Helsinki dates, not UTC ones', () => {
  test('from midnight to 02:00 (winter) or 03:00 (summer) Helsinki is a day ahead of UTC', () => {
    expect(helsinkiDate(new Date('2027-01-14T22:30:00Z'))).toBe('2027-01-15'); // 00:30 EET
    expect(helsinkiDate(new Date('2027-07-14T21:30:00Z'))).toBe('2027-07-15'); // 00:30 EEST
    expect(helsinkiDate(new Date('2027-07-14T20:59:59Z'))).toBe('2027-07-14'); // 23:59 EEST
  });
  test('a month begins at Helsinki midnight; months add across years', () => {
    expect(helsinkiMonth(new Date('2026-12-31T22:30:00Z'))).toBe('2027-01');
    expect(helsinkiMonth(new Date('2027-03-31T21:30:00Z'))).toBe('2027-04');
    expect(addMonths('2027-01', -1)).toBe('2026-12');
    expect(addMonths('2026-05', 7)).toBe('2026-12');
    expect(addMonths('2026-12', 1)).toBe('2027-01');
    expect(addMonths('2027-03', -27)).toBe('2024-12');
  });
  test('date arithmetic knows leap years and weekdays', () => {
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(addDays('2027-03-01', -1)).toBe('2027-02-28');
    expect(weekdayOf('2027-03-28')).toBe(7);
    expect(weekdayOf('2027-03-29')).toBe(1);
  });
});

describe('N calendar days later, at the same Helsinki wall-clock time (DST 2027: 28 March, 31 October)', () => {
  test.each([
    // Saturday 10:00 EET → Sunday 10:00 EEST; Saturday 10:00 EEST → Sunday 10:00 EET.
    ['spring', 23, '2027-03-27T08:00:00Z', '2027-03-28T07:00:00.000Z'],
    ['autumn', 25, '2027-10-30T07:00:00Z', '2027-10-31T08:00:00.000Z'],
  ])('over the %s change a day is %i hours (10:00 stays 10:00), and back', (_, hours, from, to) => {
    const before = new Date(from);
    const after = daysLater(before, 1);
    expect(iso(after)).toBe(to);
    expect(after.getTime() - before.getTime()).toBe(hours * HOUR);
    expect(iso(daysLater(after, -1))).toBe(iso(before));
  });

  test('weeks across a change keep the time; seconds and milliseconds too', () => {
    expect(iso(daysLater(new Date('2027-03-15T14:45:30.250Z'), 21))).toBe('2027-04-05T13:45:30.250Z'); // 16:45:30.250 both times
    expect(iso(daysLater(new Date('2027-10-20T05:15:00Z'), 21))).toBe('2027-11-10T06:15:00.000Z'); // 08:15 both times
    expect(iso(daysLater(new Date('2027-06-01T09:00:00Z'), -365))).toBe('2026-06-01T09:00:00.000Z');
    expect(iso(daysLater(new Date('2027-06-01T09:00:00Z'), 0))).toBe('2027-06-01T09:00:00.000Z');
  });

  test('a time the target day lacks moves past the spring gap; an ambiguous autumn time is the winter-time one', () => {
    expect(iso(daysLater(new Date('2027-03-27T01:30:00Z'), 1))).toBe('2027-03-28T01:30:00.000Z'); // 03:30 EET → 04:30 EEST
    expect(iso(daysLater(new Date('2027-10-30T00:30:00Z'), 1))).toBe('2027-10-31T01:30:00.000Z'); // 03:30 EEST → 03:30 EET
  });

  test('midnight stays midnight', () => {
    const midnight = helsinkiInstant('2027-03-27', '00:00');
    expect(iso(daysLater(midnight, 2))).toBe(iso(helsinkiInstant('2027-03-29', '00:00')));
    expect(helsinkiDate(daysLater(midnight, 2))).toBe('2027-03-29');
  });
});

describe('holidays', () => {
  test('the same days and names as the date-holidays package, 2000–2100 (its public days, Midsummer Eve and Christmas Eve)', () => {
    const fi = new Holidays('FI', { timezone: 'Europe/Helsinki' });
    for (let y = 2000; y <= 2100; y++) {
      const closed = (lang: string) =>
        fi
          .getHolidays(y, lang)
          .filter((h) => h.type === 'public' || (h.type === 'bank' && !h.date.startsWith(`${y}-12-31`)));
      const [names, sv, en] = [closed('fi'), closed('sv'), closed('en')];
      const expected = names.map((h, i) => ({
        date: h.date.slice(0, 10),
        name: { fi: h.name, sv: sv[i]!.name, en: en[i]!.name },
      }));
      const sort = (list: Omit<Holiday, 'key'>[]) =>
        [...list]
          .map(({ date, name }) => ({ date, name }))
          .sort((a, b) => a.date.localeCompare(b.date) || a.name.fi!.localeCompare(b.name.fi!));
      expect(sort(finnishHolidays(`${y}-01-01`, `${y}-12-31`)), String(y)).toEqual(sort(expected));
    }
  });

  test('Midsummer and All Saints move to their Saturday; Easter moves Good Friday to Pentecost', () => {
    const dates = finnishHolidays('2027-01-01', '2027-12-31').map((h) => `${h.date} ${h.name.en}`);
    expect(dates).toContain('2027-03-26 Good Friday');
    expect(dates).toContain('2027-05-06 Ascension Day');
    expect(dates).toContain('2027-06-25 Midsummer Eve');
    expect(dates).toContain("2027-11-06 All Saints' Day");
    expect(dates.some((d) => d.startsWith('2027-12-31'))).toBe(false);
  });
});

describe('three working days', () => {
  test.each([
    ['Easter 2026 (Good Friday 3.4., Easter Monday 6.4.)', '2026-04-02', '2026-04-09'],
    ['Easter 2027 (26.3. and 29.3.)', '2027-03-25', '2027-04-01'],
    ['Midsummer 2026 (Eve Friday 19.6.)', '2026-06-18', '2026-06-24'],
    ['Midsummer 2027 (Eve Friday 25.6.)', '2027-06-24', '2027-06-30'],
    ['Independence Day 2027 (Monday 6.12.)', '2027-12-03', '2027-12-09'],
    ['Christmas 2026 (Thursday to Saturday)', '2026-12-23', '2026-12-30'],
    ['Christmas 2027 (Eve on Friday)', '2027-12-23', '2027-12-29'],
    ['an ordinary week', '2026-11-23', '2026-11-26'],
  ])('%s: received %s, due %s', (_, received, due) => {
    expect(addWorkingDays(received, 3)).toBe(due);
  });

  test('the deadline is the end of the last working day in Helsinki, also received late in the evening', () => {
    const due = dueAfterWorkingDays(new Date('2026-11-23T21:30:00Z'), 3); // Mon 23:30 EET
    expect(due.date).toBe('2026-11-26');
    expect(due.at.toISOString()).toBe('2026-11-26T21:59:59.999Z');
    expect(dueAfterWorkingDays(new Date('2026-11-23T22:30:00Z'), 3).date).toBe('2026-11-27'); // already Tuesday in Helsinki
  });

  test('weekends and holidays are not working days; a caller may give its own holidays', () => {
    expect(isWorkingDay('2026-12-06')).toBe(false); // Sunday, Independence Day
    expect(isWorkingDay('2026-12-24')).toBe(false);
    expect(isWorkingDay('2026-12-31')).toBe(true);
    expect(isWorkingDay('2026-11-28')).toBe(false);
    expect(isWorkingDay('2026-12-31', new Set(['2026-12-31']))).toBe(false);
    expect(addWorkingDays('2026-12-23', 1, new Set<string>())).toBe('2026-12-24');
    expect(addWorkingDays('2026-12-23', 1, (d) => d === '2026-12-24')).toBe('2026-12-25');
  });
});

describe("the requests' service levels", () => {
  test('first contact by the end of the third working day', () => {
    expect(firstContactDue(new Date('2027-03-25T10:00:00Z'))).toEqual({
      date: '2027-04-01',
      at: new Date('2027-04-01T20:59:59.999Z'),
    }); // Easter between
  });

  test('the follow-up is 21 days after the contact at the same Helsinki time, across DST too', () => {
    expect(iso(followUpDue(new Date('2027-01-11T08:00:00Z')))).toBe('2027-02-01T08:00:00.000Z'); // 10:00 EET → 10:00 EET
    // Contacted Monday 15.3.2027 10:00 EET: Monday 5.4. 10:00 EEST, 21 × 24 h less an hour (not 11:00).
    expect(iso(followUpDue(new Date('2027-03-15T08:00:00Z')))).toBe('2027-04-05T07:00:00.000Z');
    // Contacted Wednesday 20.10.2027 10:00 EEST: Wednesday 10.11. 10:00 EET (not 09:00).
    expect(iso(followUpDue(new Date('2027-10-20T07:00:00Z')))).toBe('2027-11-10T08:00:00.000Z');
  });
});

describe('calendar quarters (the reports’ periods)', () => {
  test('each month belongs to its quarter: its first and last month', () => {
    expect([quarterStart('2027-01'), quarterEnd('2027-01')]).toEqual(['2027-01', '2027-03']);
    expect([quarterStart('2027-05'), quarterEnd('2027-05')]).toEqual(['2027-04', '2027-06']);
    expect([quarterStart('2027-09'), quarterEnd('2027-09')]).toEqual(['2027-07', '2027-09']);
    expect([quarterStart('2027-12'), quarterEnd('2027-10')]).toEqual(['2027-10', '2027-12']);
  });
});
