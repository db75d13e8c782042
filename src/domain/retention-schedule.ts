/**
 * The retention schedule (content/settings/retention.json): how long each kind of record is kept,
 * counted from which moment. The server's housekeeping enforces it; the privacy page renders it.
 */
import { z } from 'zod';
import raw from '../../content/settings/retention.json' with { type: 'json' };

const entry = <T extends string>(after: T) =>
  z.object({ days: z.number().int().min(30).max(3650), after: z.literal(after) });

export const retentionScheduleSchema = z.object({
  sample: z.boolean().default(false),
  records: z.object({
    bookings: entry('appointment'),
    enrolments: entry('lastSession'),
    requests: entry('closed'),
    queueTickets: entry('visit'),
    auditLog: entry('event'),
  }),
});
export type RetentionSchedule = z.output<typeof retentionScheduleSchema>;

export const retentionSchedule: RetentionSchedule = retentionScheduleSchema.parse(raw);
