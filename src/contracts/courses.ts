/** Payloads of the course enrolment API, shared by the catalogue island (to come) and the routes. */
import * as z from 'zod/mini';
import { emailSchema, localeSchema, phoneSchema } from './booking.ts';

export const enrolmentRequestSchema = z
  .strictObject({
    name: z.string().check(z.trim(), z.minLength(2), z.maxLength(120)),
    phone: z.optional(phoneSchema),
    email: z.optional(emailSchema),
    contactLanguage: localeSchema,
    /** The person agreed to the processing described in the privacy notice (its version is stored). */
    consent: z.literal(true),
    website: z.optional(z.string().check(z.maxLength(0))),
  })
  .check(
    z.refine((b: unknown) => !!((b as { phone?: string }).phone || (b as { email?: string }).email), {
      path: ['phone'],
      params: { key: 'errors.field.phoneOrEmail', code: 'phone_or_email' },
    }),
  );
