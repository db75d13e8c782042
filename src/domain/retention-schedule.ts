/**
 * The retention schedule (content/settings/retention.json): how long each kind of record is kept,
 * counted from which moment. The server's housekeeping enforces it; the privacy page renders it.
 */
import { z } from 'zod';
import raw from '../../content/settings/retention.json' with { type: 'json' };

/** `reason`: why the period is what it is, for the data protection officer (not shown to the public). */
const entry = <T extends string>(after: T) =>
  z.object({ days: z.number().int().min(30).max(3650), after: z.literal(after), reason: z.string().optional() });

export const retentionScheduleSchema = z.object({
  sample: z.boolean().default(false),
  records: z.object({
    bookings: entry('appointment'),
    enrolments: entry('lastSession'),
    requests: entry('closed'),
    /** Requests never closed: counted from the last activity (received, contacted, a follow-up done). */
    openRequests: entry('lastActivity'),
    queueTickets: entry('visit'),
    /** Satisfaction comments' free text, counted from the end of the month it was given in; the score stays. */
    feedbackComments: entry('answerMonth'),
    auditLog: entry('event'),
  }),
});
export type RetentionSchedule = z.output<typeof retentionScheduleSchema>;

export const retentionSchedule: RetentionSchedule = retentionScheduleSchema.parse(raw);
