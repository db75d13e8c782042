/** The reports' period: whole months, `from` to `to` inclusive, at most five years. */
import * as z from 'zod/mini';

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
);
export type ReportPeriod = z.output<typeof reportPeriodSchema>;
