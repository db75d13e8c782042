/**
 * The booking payloads' fields, light enough for the booking page: everything but the phone
 * number's full check. The page checks a phone's shape (`phoneShapeSchema`: digits, an optional
 * +country code, a Finnish local 0…); the server checks the number itself with libphonenumber's
 * metadata (./booking.ts `phoneSchema`), which would more than double the page's JavaScript. The
 * same field rules make both schemas (`bookingRequestWith`), so they cannot drift apart.
 */
import * as z from 'zod/mini';
import { LOCALE_CODES } from '../i18n/locales.ts';

export const MODES = ['in_person', 'phone', 'video'] as const;
export const modeSchema = z.enum(MODES);
export type Mode = z.infer<typeof modeSchema>;

/** Any BCP 47-like language code an advisor or interpreter may serve (not only the site's 16). */
export const languageCodeSchema = z.string().check(z.regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})?$/));
export const localeSchema = z.enum(LOCALE_CODES as [string, ...string[]]);
export const slotIdSchema = z.string().check(z.regex(/^[0-9a-f-]{36}\.\d{12,14}$/));

export const text = (min: number, max: number) => z.string().check(z.trim(), z.minLength(min), z.maxLength(max));
/** Optional free text: empty or blank counts as not given. */
export const optionalText = (max: number) =>
  z.optional(
    z.pipe(
      z.string().check(z.trim(), z.maxLength(max)),
      z.transform((v) => (v ? v : undefined)),
    ),
  );

const invalidPhone = { params: { key: 'errors.field.invalidPhone', code: 'invalid_phone' } };
/** The separators people write in phone numbers. */
const separators = /[\s().\-/]/g;

/**
 * A phone number's shape, in the browser: a Finnish local number (0 and 5–11 digits) or + and a
 * country code with 7–15 digits in all (E.164's limit). Whether the number exists is the server's check.
 */
export const phoneShapeSchema = z.string().check(
  z.trim(),
  z.maxLength(30),
  z.refine((v) => /^(\+[1-9]\d{6,14}|0\d{5,11})$/.test(v.replace(separators, '')), invalidPhone),
);
export { invalidPhone };

export const emailSchema = z.pipe(z.string().check(z.trim(), z.toLowerCase(), z.maxLength(254)), z.email());

/** Honeypot: people never see the field; anything in it means a bot. */
export const honeypot = z.optional(z.string().check(z.maxLength(0)));

/** A phone or an email, at least one: the contact a message can reach. */
export const phoneOrEmail = z.refine(
  (b: unknown) => !!((b as { phone?: string }).phone || (b as { email?: string }).email),
  {
    path: ['phone'],
    params: { key: 'errors.field.phoneOrEmail', code: 'phone_or_email' },
  },
);

/** A booking request, with the phone checked by `phone`. */
export const bookingRequestWith = <P extends z.ZodMiniType>(phone: P) =>
  z
    .strictObject({
      slotId: slotIdSchema,
      serviceLanguage: languageCodeSchema,
      mode: modeSchema,
      name: text(2, 120),
      phone: z.optional(phone),
      email: z.optional(emailSchema),
      contactLanguage: localeSchema,
      interpreterLanguage: z.optional(languageCodeSchema),
      accessNeeds: optionalText(300),
      reason: optionalText(500),
      /** The booking page's locale, for the manage link. */
      locale: localeSchema,
      /** Honeypot: people never see it; anything in it means a bot. */
      website: honeypot,
    })
    .check(phoneOrEmail);

/** "Send me my link", with the phone checked by `phone`. */
export const resendLinkWith = <P extends z.ZodMiniType>(phone: P) =>
  z
    .strictObject({
      name: text(2, 120),
      phone: z.optional(phone),
      email: z.optional(emailSchema),
      locale: localeSchema,
    })
    .check(phoneOrEmail);

/** The booking page's check before it sends (the server checks again, the number itself included). */
export const bookingRequestShape = bookingRequestWith(phoneShapeSchema);
