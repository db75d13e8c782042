/**
 * The booking API's payloads, defined once: the booking island validates with these before it
 * sends, the routes validate the same request again. Written with zod/mini (the same zod, a
 * tree-shakable API) so the island ships a few kilobytes of it instead of the whole library.
 * Field messages come from the error keys (src/contracts/field-errors.ts); custom checks carry
 * their key in `params`.
 */
import { isValidPhoneNumber, parsePhoneNumberWithError } from 'libphonenumber-js/min';
import * as z from 'zod/mini';
import { LOCALE_CODES } from '../i18n/locales.ts';

export const MODES = ['in_person', 'phone', 'video'] as const;
export const modeSchema = z.enum(MODES);
export type Mode = z.infer<typeof modeSchema>;

/** Any BCP 47-like language code an advisor or interpreter may serve (not only the site's 16). */
export const languageCodeSchema = z.string().check(z.regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})?$/));
export const localeSchema = z.enum(LOCALE_CODES as [string, ...string[]]);
export const slotIdSchema = z.string().check(z.regex(/^[0-9a-f-]{36}\.\d{12,14}$/));

const text = (min: number, max: number) => z.string().check(z.trim(), z.minLength(min), z.maxLength(max));
/** Optional free text: empty or blank counts as not given. */
const optionalText = (max: number) =>
  z.optional(
    z.pipe(
      z.string().check(z.trim(), z.maxLength(max)),
      z.transform((v) => (v ? v : undefined)),
    ),
  );

/** Finnish numbers may be written locally (040 123 4567); others need their country code. Stored as E.164. */
export const phoneSchema = z.pipe(
  z.string().check(
    z.trim(),
    z.maxLength(30),
    z.refine((v) => isValidPhoneNumber(v, 'FI'), {
      params: { key: 'errors.field.invalidPhone', code: 'invalid_phone' },
    }),
  ),
  z.transform((v) => parsePhoneNumberWithError(v, 'FI').number as string),
);
export const emailSchema = z.pipe(z.string().check(z.trim(), z.toLowerCase(), z.maxLength(254)), z.email());

const phoneOrEmail = z.refine((b: unknown) => !!((b as { phone?: string }).phone || (b as { email?: string }).email), {
  path: ['phone'],
  params: { key: 'errors.field.phoneOrEmail', code: 'phone_or_email' },
});

export const slotQuerySchema = z.object({ language: languageCodeSchema, mode: modeSchema });

export const bookingRequestSchema = z
  .strictObject({
    slotId: slotIdSchema,
    serviceLanguage: languageCodeSchema,
    mode: modeSchema,
    name: text(2, 120),
    phone: z.optional(phoneSchema),
    email: z.optional(emailSchema),
    contactLanguage: localeSchema,
    interpreterLanguage: z.optional(languageCodeSchema),
    accessNeeds: optionalText(300),
    reason: optionalText(500),
    /** The booking page's locale, for the manage link. */
    locale: localeSchema,
    /** Honeypot: people never see it; anything in it means a bot. */
    website: z.optional(z.string().check(z.maxLength(0))),
  })
  .check(phoneOrEmail);
export type BookingRequest = z.input<typeof bookingRequestSchema>;
export type ValidBookingRequest = z.output<typeof bookingRequestSchema>;

export const changeRequestSchema = z.strictObject({ slotId: slotIdSchema });

export const resendLinkSchema = z
  .strictObject({
    name: text(2, 120),
    phone: z.optional(phoneSchema),
    email: z.optional(emailSchema),
    locale: localeSchema,
  })
  .check(phoneOrEmail);

/** What the API answers with: schemas in ./responses.ts, their types here for the islands. */
export type {
  BookingCreated,
  BookingOptions,
  BookingView,
  FreeTime,
  SlotDay,
  SlotsResponse,
} from './responses.ts';
