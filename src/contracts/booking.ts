/**
 * The booking API's payloads, defined once: the booking island validates with these before it
 * sends, the routes validate the same request again. Field messages come from the error keys
 * (server/http/validate.ts maps zod issues; custom checks carry their key in `params`).
 */
import { isValidPhoneNumber, parsePhoneNumberWithError } from 'libphonenumber-js/min';
import { z } from 'zod';
import { LOCALE_CODES } from '../i18n/locales.ts';

export const MODES = ['in_person', 'phone', 'video'] as const;
export const modeSchema = z.enum(MODES);
export type Mode = z.infer<typeof modeSchema>;

/** Any BCP 47-like language code an advisor or interpreter may serve (not only the site's 16). */
export const languageCodeSchema = z.string().regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})?$/);
export const localeSchema = z.enum(LOCALE_CODES as [string, ...string[]]);
export const slotIdSchema = z.string().regex(/^[0-9a-f-]{36}\.\d{12,14}$/);

const trimmed = (max: number) => z.string().trim().max(max);
const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .optional()
    .transform((v) => (v ? v : undefined));

/** Finnish numbers may be written locally (040 123 4567); others need their country code. */
export const phoneSchema = z
  .string()
  .trim()
  .max(30)
  .refine((v) => isValidPhoneNumber(v, 'FI'), { params: { key: 'errors.field.invalidPhone', code: 'invalid_phone' } })
  .transform((v) => parsePhoneNumberWithError(v, 'FI').number as string);

export const slotQuerySchema = z.object({ language: languageCodeSchema, mode: modeSchema });

export const bookingRequestSchema = z
  .strictObject({
    slotId: slotIdSchema,
    serviceLanguage: languageCodeSchema,
    mode: modeSchema,
    name: trimmed(120).min(2),
    phone: phoneSchema.optional(),
    email: z.email().trim().toLowerCase().max(254).optional(),
    contactLanguage: localeSchema,
    interpreterLanguage: languageCodeSchema.optional(),
    accessNeeds: optionalText(300),
    reason: optionalText(500),
    /** The booking page's locale, for the manage link. */
    locale: localeSchema,
    /** Honeypot: people never see it; anything in it means a bot. */
    website: z.string().max(0).optional(),
  })
  .refine((b) => b.phone || b.email, { path: ['phone'], params: { key: 'errors.field.phoneOrEmail', code: 'phone_or_email' } });
export type BookingRequest = z.input<typeof bookingRequestSchema>;
export type ValidBookingRequest = z.output<typeof bookingRequestSchema>;

export const changeRequestSchema = z.strictObject({ slotId: slotIdSchema });

export const resendLinkSchema = z
  .strictObject({ name: trimmed(120).min(2), phone: phoneSchema.optional(), email: z.email().trim().toLowerCase().max(254).optional(), locale: localeSchema })
  .refine((b) => b.phone || b.email, { path: ['phone'], params: { key: 'errors.field.phoneOrEmail', code: 'phone_or_email' } });

/** What the API answers with. */
export interface FreeTime { slotId: string; start: string; end: string }
export interface SlotDay { date: string; times: FreeTime[] }
export interface SlotsResponse { days: SlotDay[]; earliest: string | null }
export interface BookingOptions { languages: string[]; modes: Mode[] }
export interface BookingView {
  reference: string;
  status: 'active' | 'cancelled' | 'attended' | 'no_show';
  start: string;
  end: string;
  mode: Mode;
  serviceLanguage: string;
  interpreterLanguage: string | null;
  contactLanguage: string;
  meetingLink: string | null;
  changeable: boolean;
}
export interface BookingCreated { booking: BookingView; manageUrl: string; icsUrl: string }
