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
  estimate: z.object({
    sampleDays: z.number().int().min(1).max(365),
    minSamples: z.number().int().min(1).max(100),
    /** Multipliers of the point estimate for the range shown: calibrated by `npm run bench` (the simulation). */
    range: z
      .object({ low: z.number().min(0).max(1), high: z.number().min(1).max(10) })
      .default({ low: 0.5, high: 1.5 }),
  }),
  /** Text messages for tickets followed by SMS (opt-in): when the range's lower bound reaches `nearMinutes`, and at the call. */
  sms: z
    .object({
      nearMinutes: z.number().int().min(1).max(120),
      /** The no-show grace for a ticket followed by SMS (the person may be a walk away). */
      noShowAfterMinutes: z.number().int().min(0).max(60),
    })
    .default({ nearMinutes: 10, noShowAfterMinutes: 8 }),
  checkInWindowMinutes: z.object({ before: z.number().int().min(0).max(240), after: z.number().int().min(0).max(240) }),
  servicePoints: z.array(servicePointSchema).min(1),
});

export type ServicePoint = z.output<typeof servicePointSchema>;
export type QueueSettings = z.output<typeof queueSettingsSchema>;

/**
 * A walk-in day for the simulation that measures the wait estimate (server/domain/queue-simulation.ts,
 * content/settings/queue-simulation.json): sample data, not a measurement of Palvelutori.
 */
const share = z.record(z.string(), z.number().min(0));
export const queueSimulationSchema = z.object({
  sample: z.boolean().default(false),
  /** Opening hours of the simulated day (Helsinki time). */
  open: z.object({ start: hhmm, end: hhmm }),
  /** Arrivals per hour, one number per opening hour from `open.start` (a Poisson process). */
  arrivalsPerHour: z.array(z.number().min(0)).min(1),
  /** Relative shares of the topics and of the languages asked for. */
  topics: share,
  languages: share,
  /** Service time per topic, lognormal: its median in minutes and the spread (sigma of the log). */
  serviceMinutes: z.record(z.string(), z.object({ median: z.number().positive(), spread: z.number().min(0).max(2) })),
  /** The desks open all day and the languages each serves. */
  desks: z.array(z.object({ desk: z.string(), languages: z.array(z.string()).min(1) })).min(1),
  /** Days simulated before any is measured, so the estimate has service times to go on. */
  warmUpDays: z.number().int().min(0).max(365),
  /** Days measured. */
  days: z.number().int().min(1).max(3650),
});
export type QueueSimulationSettings = z.output<typeof queueSimulationSchema>;
