/**
 * The shape of the queue's settings file (content/settings/queue.json): service points, desks and
 * the rules' numbers. The server reads the file at start (server/queue-settings.ts); the kiosk and
 * display pages import the JSON at build time. No file access here: this folder runs in browsers too.
 */
import { z } from 'zod';

const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/);

export const servicePointSchema = z.object({
  id: z.string().regex(/^[a-z0-9-]{2,40}$/),
  place: z.string().min(1),
  street: z.string().min(1),
  desks: z.array(z.string().regex(/^[A-Za-z0-9]{1,4}$/)).min(1),
  /** "walk-in": the walk-in desk's schedule; otherwise these hours on working days. */
  hours: z.union([z.literal('walk-in'), z.object({ start: hhmm, end: hhmm })]),
  /** Walk-in tickets by topic are taken here. */
  walkIn: z.boolean(),
  /** Booked clients check in here (in-person appointments are at this address). */
  appointments: z.boolean(),
});

export const queueSettingsSchema = z.object({
  sample: z.boolean().default(false),
  maxWaitMinutes: z.number().int().min(5).max(480),
  noShowAfterMinutes: z.number().int().min(0).max(60),
  closeGraceMinutes: z.number().int().min(0).max(240),
  estimate: z.object({ sampleDays: z.number().int().min(1).max(365), minSamples: z.number().int().min(1).max(100) }),
  checkInWindowMinutes: z.object({ before: z.number().int().min(0).max(240), after: z.number().int().min(0).max(240) }),
  servicePoints: z.array(servicePointSchema).min(1),
});

export type ServicePoint = z.output<typeof servicePointSchema>;
export type QueueSettings = z.output<typeof queueSettingsSchema>;
