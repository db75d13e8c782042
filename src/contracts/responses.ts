/**
 * What the public API answers, as schemas: the routes name them in their description
 * (server/http/route-doc.ts), so the OpenAPI document shows each answer's shape, and
 * tests/api/openapi.test.ts checks real answers against them, so they cannot drift from the code.
 * The islands import only the types inferred here (`import type`), so none of this reaches a
 * browser bundle. The workspace's answers are in staff-responses.ts, built from the pieces here.
 */
import * as z from 'zod/mini';
import { MODES, modeSchema } from './booking.ts';
import { TOPICS } from '../domain/queue-topics.ts';

export const isoInstant = z
  .string()
  .check(z.regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/));
export const isoDate = z.string().check(z.regex(/^\d{4}-\d{2}-\d{2}$/));

export const freeTimeSchema = z.object({ slotId: z.string(), start: isoInstant, end: isoInstant });
export type FreeTime = z.infer<typeof freeTimeSchema>;
export const slotDaySchema = z.object({ date: isoDate, times: z.array(freeTimeSchema) });
export type SlotDay = z.infer<typeof slotDaySchema>;
export const slotsResponseSchema = z.object({ days: z.array(slotDaySchema), earliest: z.nullable(isoInstant) });
export type SlotsResponse = z.infer<typeof slotsResponseSchema>;

export const bookingOptionsSchema = z.object({ languages: z.array(z.string()), modes: z.array(z.enum(MODES)) });
export type BookingOptions = z.infer<typeof bookingOptionsSchema>;

export const bookingViewSchema = z.object({
  reference: z.string(),
  /** `expired`: a hold not confirmed in time (README "Security"), its time freed. */
  status: z.enum(['active', 'cancelled', 'attended', 'no_show', 'expired']),
  start: isoInstant,
  end: isoInstant,
  mode: modeSchema,
  serviceLanguage: z.string(),
  interpreterLanguage: z.nullable(z.string()),
  contactLanguage: z.string(),
  meetingLink: z.nullable(z.string()),
  changeable: z.boolean(),
  /** Held, not confirmed yet: the time is freed at this instant unless confirmed with the code or link sent. Null when confirmed. */
  confirmBy: z.nullable(isoInstant),
});
export type BookingView = z.infer<typeof bookingViewSchema>;
export const bookingAnswerSchema = z.object({ booking: bookingViewSchema });
export const bookingCreatedSchema = z.object({ booking: bookingViewSchema, manageUrl: z.string(), icsUrl: z.string() });
export type BookingCreated = z.infer<typeof bookingCreatedSchema>;

/** An employer request or a referral received: its reference and the date of the first contact. */
export const receivedSchema = z.object({ reference: z.string(), dueDate: isoDate });

export const enrolmentCreatedSchema = z.object({
  reference: z.string(),
  status: z.enum(['enrolled', 'waitlisted']),
  manageToken: z.string(),
  /** Held, not confirmed yet: the place is freed at this instant unless confirmed with the code or link sent. Null when confirmed. */
  confirmBy: z.nullable(isoInstant),
});

export const courseGroupsSchema = z.object({
  groups: z.array(
    z.object({
      id: z.string(),
      course: z.string(),
      language: z.string(),
      format: z.string(),
      place: z.nullable(z.string()),
      capacity: z.number(),
      seatsLeft: z.number(),
      waiting: z.number(),
      enrolOpen: z.boolean(),
      sessions: z.array(z.object({ start: isoInstant, end: isoInstant })),
    }),
  ),
});
export const seatsSchema = z.object({ capacity: z.number(), enrolled: z.number(), waiting: z.number() });

export const servicePointSchema = z.object({ id: z.string(), place: z.string(), street: z.string() });
export const openStateSchema = z.object({
  open: z.boolean(),
  closesAt: z.optional(isoInstant),
  opensAt: z.optional(isoInstant),
  languages: z.optional(z.array(z.string())),
});
/** Whether a service point takes tickets now: while open, until when; while closed, the next opening. */
export type OpenState = z.infer<typeof openStateSchema>;
export const queueStatusSchema = z.object({
  servicePoint: servicePointSchema,
  open: openStateSchema,
  waiting: z.number(),
  languagesServed: z.array(z.string()),
  joinUrl: z.optional(z.string()),
});
export const ticketTakenSchema = z.object({
  ticket: z.object({ code: z.string() }),
  token: z.string(),
  url: z.string(),
  /** The ticket's page, absolute: what its QR code opens. */
  pageUrl: z.string(),
});
/** A first check-in has a page (and a QR code); checking in again only repeats the number. */
export const checkedInSchema = z.object({
  ticket: z.object({ code: z.string() }),
  token: z.optional(z.string()),
  pageUrl: z.optional(z.string()),
});
/** A ticket's topic: the kiosk's topics, and `appointment` for a booked client who checked in. */
export const ticketTopicSchema = z.enum([...TOPICS, 'appointment']);
export const ticketStatusSchema = z.enum(['waiting', 'called', 'served', 'no_show', 'left', 'closed']);
export type TicketStatus = z.infer<typeof ticketStatusSchema>;
export const waitEstimateSchema = z.union([
  z.object({ kind: z.literal('next') }),
  /** From `from` to `to` minutes (whole 5 minutes): holds 80 % of the simulated waits. */
  z.object({
    kind: z.literal('range'),
    from: z.number(),
    to: z.number(),
    basis: z.enum(['topic_language', 'topic']),
  }),
  z.object({ kind: z.literal('unknown') }),
]);
export type WaitEstimate = z.infer<typeof waitEstimateSchema>;
export const ticketViewSchema = z.object({
  code: z.string(),
  status: ticketStatusSchema,
  topic: ticketTopicSchema,
  language: z.string(),
  servicePoint: servicePointSchema,
  /** People before this ticket while it waits. */
  ahead: z.optional(z.number()),
  estimate: z.optional(waitEstimateSchema),
  /** While called: which desk. */
  desk: z.optional(z.string()),
  calledAt: z.optional(isoInstant),
  /** Grows with every recall, so the page alerts again. */
  callCount: z.number(),
  /** The satisfaction question was answered for this visit. */
  feedbackGiven: z.boolean(),
  /** Languages served at the point's open desks right now. */
  languagesServed: z.array(z.string()),
  /** A phone number was given for text messages (never the number itself). */
  smsFollowed: z.boolean(),
});
export type TicketView = z.infer<typeof ticketViewSchema>;
export const ticketAnswerSchema = z.object({ ticket: ticketViewSchema });
export const displaySchema = z.object({
  servicePoint: servicePointSchema,
  open: openStateSchema,
  /** The latest calls, newest first; the first is "now serving". */
  calls: z.array(
    z.object({
      code: z.string(),
      desk: z.string(),
      language: z.string(),
      calledAt: isoInstant,
      callCount: z.number(),
      active: z.boolean(),
    }),
  ),
  waiting: z.number(),
  languagesServed: z.array(z.string()),
  /** Where the display's QR code leads (the phone page for joining), at a point that takes walk-ins. */
  joinUrl: z.optional(z.string()),
});
export type DisplayView = z.infer<typeof displaySchema>;

/** Answers that only confirm: `{ "status": "thanks" }`, `"left"`, `"accepted"`, `"ok"`. */
export const statusSchema = z.object({ status: z.string() });

/** Liveness: the database's state (a 503 answers `{ status: 'unavailable', … }`). */
export const healthSchema = z.object({
  status: z.literal('ok'),
  database: z.object({
    engine: z.enum(['pglite', 'postgres']),
    reachable: z.boolean(),
    latencyMs: z.number(),
    pendingMigrations: z.number(),
  }),
});
/** Readiness (a 503 answers `{ status: 'not_ready', reason, pending? }`). */
export const readySchema = z.object({ status: z.literal('ready') });
