/**
 * Deadlines in working days (Monday to Friday, Finnish public holidays excluded), e.g. the employer
 * one-stop's promise of a first contact within 3 working days. A request that arrives on a day
 * counts from the next working day; the deadline is the end of the last one, Helsinki time.
 */
import { addDays, helsinkiDay, helsinkiInstant, weekdayOf } from '../../src/domain/helsinki-time.ts';
import { isFinnishHoliday } from '../../src/domain/holidays.ts';

/** Whether a date is a holiday; Finnish public holidays unless a test or a caller says otherwise. */
export type HolidayTest = (date: string) => boolean;

export function isWorkingDay(date: string, isHoliday: HolidayTest = isFinnishHoliday): boolean {
  return weekdayOf(date) <= 5 && !isHoliday(date);
}

/** The n-th working day after `date`. */
export function addWorkingDays(date: string, n: number, isHoliday: HolidayTest = isFinnishHoliday): string {
  let d = date;
  for (let left = n; left > 0; ) {
    d = addDays(d, 1);
    if (isWorkingDay(d, isHoliday)) left--;
  }
  return d;
}

/** The date and instant by which something received at `received` must be done. */
export function dueAfterWorkingDays(received: Date, n: number): { date: string; at: Date } {
  const date = addWorkingDays(helsinkiDay(received).date, n);
  return { date, at: new Date(helsinkiInstant(addDays(date, 1), '00:00').getTime() - 1) };
}
