/**
 * What the public API answers, as schemas: the routes name them in their description
 * (server/http/route-doc.ts), so the OpenAPI document shows each answer's shape, and
 * tests/api/openapi.test.ts checks real answers against them, so they cannot drift from the code.
 * The islands import only the types inferred here (`import type`), so none of this reaches a
 * browser bundle. Workspace answers are described by their summaries only (staff-only, not a
 * published interface).
 */
import * as z from 'zod/mini';
import { MODES, modeSchema } from './booking.ts';
import { TOPICS } from '../domain/queue-topics.ts';

const isoInstant = z.string().check(z.regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/));
const isoDate = z.string().check(z.regex(/^\d{4}-\d{2}-\d{2}$/));

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

const servicePointSchema = z.object({ id: z.string(), place: z.string(), street: z.string() });
export const openStateSchema = z.object({
  open: z.boolean(),
  closesAt: z.optional(isoInstant),
  opensAt: z.optional(isoInstant),
  languages: z.optional(z.array(z.string())),
});
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
export const ticketAnswerSchema = z.object({
  ticket: z.object({
    code: z.string(),
    status: z.enum(['waiting', 'called', 'served', 'no_show', 'left', 'closed']),
    topic: z.enum(TOPICS),
    language: z.string(),
    servicePoint: servicePointSchema,
    ahead: z.optional(z.number()),
    estimate: z.optional(
      z.union([
        z.object({ kind: z.literal('next') }),
        z.object({
          kind: z.literal('range'),
          from: z.number(),
          to: z.number(),
          basis: z.enum(['topic_language', 'topic']),
        }),
        z.object({ kind: z.literal('unknown') }),
      ]),
    ),
    desk: z.optional(z.string()),
    calledAt: z.optional(isoInstant),
    callCount: z.number(),
    feedbackGiven: z.boolean(),
    languagesServed: z.array(z.string()),
    smsFollowed: z.boolean(),
  }),
});
export const displaySchema = z.object({
  servicePoint: servicePointSchema,
  open: openStateSchema,
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
});

/** Answers that only confirm: `{ "status": "thanks" }`, `"left"`, `"accepted"`, `"ok"`. */
export const statusSchema = z.object({ status: z.string() });
