/**
 * The queue API's payloads, defined once for the kiosk, the phone page, the advisor console and
 * the routes (zod/mini, see booking.ts).
 */
import * as z from 'zod/mini';
import { LOCALE_CODES } from '../i18n/locales.ts';
import { TOPICS } from '../domain/queue-topics.ts';
import { languageCodeSchema, phoneSchema } from './booking.ts';

export const topicSchema = z.enum(TOPICS);
const servicePointId = z.string().check(z.regex(/^[a-z0-9-]{2,40}$/));
const deskId = z.string().check(z.regex(/^[A-Za-z0-9]{1,4}$/));
const hhmm = z.string().check(z.regex(/^([01]\d|2[0-3]):[0-5]\d$/));

/** A ticket from the kiosk or a phone: no personal data, only what to help with and in what language. */
export const takeTicketSchema = z.object({
  topic: topicSchema,
  language: z.enum(LOCALE_CODES as [string, ...string[]]),
  channel: z.optional(z.enum(['kiosk', 'phone'])),
  /** The page's language, for the redirect after a form post. */
  locale: z.optional(z.enum(LOCALE_CODES as [string, ...string[]])),
});

/** Text messages about a ticket (opt-in): the mobile number and the messages' language. */
export const smsOptInSchema = z.object({
  phone: phoneSchema,
  locale: z.enum(LOCALE_CODES as [string, ...string[]]),
});

/** The page language a QR code's link opens in (the kiosk's chosen language; the ticket's own by default). */
export const qrQuerySchema = z.object({
  locale: z.optional(z.enum(LOCALE_CODES as [string, ...string[]])),
});

/** A booked client checks in with the booking reference ("K7M-4QX", case and spaces forgiven). */
export const checkInSchema = z.object({
  reference: z
    .pipe(
      z.string().check(z.trim(), z.maxLength(12)),
      z.transform((v) => v.toUpperCase().replace(/[\s-]/g, '')),
    )
    .check(z.regex(/^[2-9A-HJKMNP-Z]{6}$/)),
});

/** The service point a console view shows (`?point=<id>`); by default the desk's, or the first. */
export const pointQuerySchema = z.object({ point: z.optional(z.string()) });

export const openDeskSchema = z.strictObject({
  servicePoint: servicePointId,
  desk: deskId,
  languages: z.array(languageCodeSchema).check(z.minLength(1), z.maxLength(20)),
});
export const pauseDeskSchema = z.strictObject({ paused: z.boolean() });
export const transferSchema = z.union([z.strictObject({ topic: topicSchema }), z.strictObject({ desk: deskId })]);
/** An extra opening today, from now until `until` (Helsinki time). */
export const openingSchema = z.strictObject({ servicePoint: servicePointId, until: hhmm });

// The views the server sends are inferred from their answer schemas (responses.ts, and the
// advisor console's in staff-responses.ts); the islands import them as types, without zod.
export type { DisplayView, TicketStatus, TicketView, WaitEstimate } from './responses.ts';

/** A coordinator pairs a walk-in kiosk (a tablet at the desk): its name, to tell kiosks apart. */
export const kioskPairingSchema = z.strictObject({
  label: z.string().check(z.trim(), z.minLength(1), z.maxLength(80)),
});
