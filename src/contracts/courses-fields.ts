/**
 * The course enrolment payload, light enough for the catalogue page: the page checks a phone's
 * shape and the server the number itself (./courses.ts), from the same field rules, as the
 * booking's (./booking-fields.ts). libphonenumber's metadata would more than double the page.
 */
import * as z from 'zod/mini';
import { emailSchema, honeypot, localeSchema, phoneOrEmail, phoneShapeSchema, text } from './booking-fields.ts';

/** An enrolment, with the phone checked by `phone`. */
export const enrolmentRequestWith = <P extends z.ZodMiniType>(phone: P) =>
  z
    .strictObject({
      name: text(2, 120),
      phone: z.optional(phone),
      email: z.optional(emailSchema),
      contactLanguage: localeSchema,
      /** The person agreed to the processing described in the privacy notice (its version is stored). */
      consent: z.literal(true),
      website: honeypot,
    })
    .check(phoneOrEmail);

/** The catalogue page's check of an enrolment (the phone's shape only). */
export const enrolmentRequestShape = enrolmentRequestWith(phoneShapeSchema);
