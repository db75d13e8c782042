/**
 * The booking API's payloads, defined once: the routes validate with these, and the booking island
 * checks the same fields before it sends (./booking-fields.ts, where the phone's shape stands in
 * for its number's check: libphonenumber's metadata stays on the server). Written with zod/mini
 * (the same zod, a tree-shakable API). Field messages come from the error keys
 * (src/contracts/field-errors.ts); custom checks carry their key in `params`.
 */
import { isValidPhoneNumber, parsePhoneNumberWithError } from 'libphonenumber-js/min';
import * as z from 'zod/mini';
import {
  bookingRequestWith,
  invalidPhone,
  languageCodeSchema,
  modeSchema,
  resendLinkWith,
  slotIdSchema,
} from './booking-fields.ts';

export {
  emailSchema,
  languageCodeSchema,
  localeSchema,
  MODES,
  type Mode,
  modeSchema,
  slotIdSchema,
} from './booking-fields.ts';

/** Finnish numbers may be written locally (040 123 4567); others need their country code. Stored as E.164. */
export const phoneSchema = z.pipe(
  z.string().check(
    z.trim(),
    z.maxLength(30),
    z.refine((v) => isValidPhoneNumber(v, 'FI'), invalidPhone),
  ),
  z.transform((v) => parsePhoneNumberWithError(v, 'FI').number as string),
);

export const slotQuerySchema = z.object({ language: languageCodeSchema, mode: modeSchema });

export const bookingRequestSchema = bookingRequestWith(phoneSchema);
export type BookingRequest = z.input<typeof bookingRequestSchema>;
export type ValidBookingRequest = z.output<typeof bookingRequestSchema>;

export const changeRequestSchema = z.strictObject({ slotId: slotIdSchema });

/**
 * Confirming a held booking (README "Security"): the 6-digit code sent to the contact (spaces and
 * any script's digits are read by the server), or the link's token from the message.
 */
export const confirmRequestSchema = z
  .strictObject({
    code: z.optional(z.string().check(z.trim(), z.maxLength(20))),
    link: z.optional(z.string().check(z.regex(/^[A-Za-z0-9_-]{43}$/))),
    locale: z.optional(z.string().check(z.maxLength(12))),
  })
  .check(
    z.refine((v) => !!(v.code || v.link), {
      path: ['code'],
      params: { key: 'errors.field.required', code: 'required' },
    }),
  );

export const resendLinkSchema = resendLinkWith(phoneSchema);

/** What the API answers with: schemas in ./responses.ts, their types here for the islands. */
export type {
  BookingCreated,
  BookingOptions,
  BookingView,
  FreeTime,
  SlotDay,
  SlotsResponse,
} from './responses.ts';
