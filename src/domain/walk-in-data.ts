/**
 * Assembles what the walk-in page and island need: the staff-edited schedule and the holidays of
 * the coming year. Used by the page at build time (for readers without JavaScript) and by the API
 * at run time (so a schedule change shows without a rebuild).
 */
import { finnishHolidays } from './holidays.ts';
import { helsinkiDay, type WalkInData, type WalkInSchedule } from './walk-in.ts';
import { walkInScheduleSchema } from './walk-in-schema.ts';

export function parseWalkInSchedule(raw: unknown): WalkInSchedule {
  return walkInScheduleSchema.parse(raw);
}

export function walkInData(schedule: WalkInSchedule, now: Date): WalkInData {
  const today = helsinkiDay(now).date;
  const from = `${Number(today.slice(0, 4))}-01-01`;
  const to = `${Number(today.slice(0, 4)) + 1}-12-31`;
  return { schedule, holidays: finnishHolidays(from, to) };
}
