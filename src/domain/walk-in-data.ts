/**
 * Assembles what the walk-in island needs: the staff-edited schedule and the holidays of a year and
 * the next. The API serves it at run time, for the year the reader's clock is in; nothing here runs
 * with the build's clock.
 */
import { finnishHolidays, helsinkiDate } from './calendar.ts';
import type { WalkInData, WalkInSchedule } from './walk-in.ts';
import { walkInScheduleSchema } from './walk-in-schema.ts';

export function parseWalkInSchedule(raw: unknown): WalkInSchedule {
  return walkInScheduleSchema.parse(raw);
}

/** The schedule with the holidays of `year` and the next (the year of `now` in Helsinki unless asked). */
export function walkInData(
  schedule: WalkInSchedule,
  now: Date,
  year = Number(helsinkiDate(now).slice(0, 4)),
): WalkInData {
  return { schedule, holidays: finnishHolidays(`${year}-01-01`, `${year + 1}-12-31`) };
}
