/**
 * The reports' period: whole calendar quarters, from the first month of `from`'s quarter to the
 * last month of `to`'s, at most five years. Tables that add up a period do it per quarter, so two
 * periods that overlap (January–March and January–June) share the same quarter rows and their
 * difference reveals nothing new (README, Reports).
 */
import * as z from 'zod/mini';
import { quarterEnd, quarterStart } from '../domain/calendar.ts';

const month = z.string().check(z.regex(/^20\d\d-(0[1-9]|1[0-2])$/));

export const reportPeriodSchema = z.object({ from: month, to: month }).check(
  z.refine((p) => p.from <= p.to, {
    path: ['to'],
    params: { key: 'errors.field.invalidDate', code: 'invalid_period' },
  }),
  z.refine((p) => Number(p.to.slice(0, 4)) - Number(p.from.slice(0, 4)) <= 5, {
    path: ['from'],
    params: { key: 'errors.field.invalidDate', code: 'period_too_long' },
  }),
  z.refine((p) => quarterStart(p.from) === p.from, {
    path: ['from'],
    params: { key: 'errors.field.invalidDate', code: 'not_quarter_start' },
  }),
  z.refine((p) => quarterEnd(p.to) === p.to, {
    path: ['to'],
    params: { key: 'errors.field.invalidDate', code: 'not_quarter_end' },
  }),
);
export type ReportPeriod = z.output<typeof reportPeriodSchema>;
