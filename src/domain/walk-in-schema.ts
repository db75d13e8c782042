/**
 * The walk-in schedule file's schema (content/settings/walk-in.json), for the server and the
 * pages; kept apart from walk-in.ts so that the island does not ship zod.
 */
import { z } from 'zod';
import type { WalkInData, WalkInSchedule } from './walk-in.ts';

const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/);
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const session = z
  .object({ start: hhmm, end: hhmm, languages: z.array(z.string().min(2).max(8)).min(1) })
  .refine((s) => s.end > s.start, { message: 'end must be after start', path: ['end'] });

export const walkInScheduleSchema = z.object({
  sample: z.boolean().default(false),
  updated: isoDate,
  sessions: z.array(session.and(z.object({ weekday: z.number().int().min(1).max(7) }))),
  exceptions: z
    .array(z.object({ date: isoDate, closed: z.boolean().optional(), sessions: z.array(session).optional() }))
    .default([]),
  channels: z.object({ remote: z.boolean(), chatUrl: z.url().nullable() }),
});

// The hand-written type in walk-in.ts and this schema must agree.
export const _typeCheck: (v: z.output<typeof walkInScheduleSchema>) => WalkInSchedule = (v) => v;

const holidaySchema = z.object({ date: isoDate, key: z.string(), name: z.record(z.string(), z.string()) });
/** The API's answers: the schedule as staff saved it, and with the holidays for the public page. */
export const walkInScheduleAnswerSchema = z.object({ schedule: walkInScheduleSchema });
export const walkInDataSchema = z.object({ schedule: walkInScheduleSchema, holidays: z.array(holidaySchema) });
export const _dataTypeCheck: (v: z.output<typeof walkInDataSchema>) => WalkInData = (v) => v;
