/**
 * Referrals from partners and requests from employers, defined once, light enough for the public
 * forms' pages: the islands check a phone's shape before sending (`…Shape`), the routes (forms and
 * the partner API) check again with the number itself (./requests.ts), from the same field rules.
 */
import * as z from 'zod/mini';
import { isValidBusinessId, normalizeBusinessId } from '../domain/business-id.ts';
import {
  emailSchema,
  honeypot,
  languageCodeSchema,
  localeSchema,
  optionalText,
  phoneShapeSchema,
  text,
} from './booking-fields.ts';

export {
  EMPLOYER_NEEDS,
  SECTORS,
  PARTNER_ORGS,
  REFERRAL_REASONS,
  OUTCOMES,
  REQUEST_STATUSES,
  type RequestKind,
  type Outcome,
  type RequestStatus,
} from '../domain/request-options.ts';
import { EMPLOYER_NEEDS, SECTORS, PARTNER_ORGS, REFERRAL_REASONS, OUTCOMES } from '../domain/request-options.ts';

/**
 * The version of the consent text the referral form shows (locales: referral.consent). Stored
 * with every referral; change it whenever that text changes.
 */
export const REFERRAL_CONSENT_VERSION = '2026-11-23';

const atLeastOne = <T extends readonly [string, ...string[]]>(values: T) =>
  z.array(z.enum(values)).check(
    z.maxLength(values.length),
    z.refine((a) => a.length > 0, { params: { key: 'errors.field.chooseAtLeastOne', code: 'choose_at_least_one' } }),
  );

export const businessIdSchema = z.pipe(
  z
    .string()
    .check(
      z.trim(),
      z.maxLength(12),
      z.refine(isValidBusinessId, { params: { key: 'errors.field.invalidBusinessId', code: 'invalid_business_id' } }),
    ),
  z.transform(normalizeBusinessId),
);

/** An employer's request, with the phone checked by `phone`. */
export const employerRequestWith = <P extends z.ZodMiniType>(phone: P) =>
  z.strictObject({
    company: text(2, 200),
    businessId: businessIdSchema,
    contactName: text(2, 120),
    email: emailSchema,
    phone: z.optional(phone),
    needs: atLeastOne(EMPLOYER_NEEDS),
    positions: z.optional(z.number().check(z.int(), z.minimum(1), z.maximum(1000))),
    sector: z.enum(SECTORS),
    languages: z.array(languageCodeSchema).check(z.maxLength(20)),
    message: optionalText(1000),
    locale: localeSchema,
    website: honeypot,
  });

const clientContact = z.refine(
  (b: unknown) => !!((b as { clientPhone?: string }).clientPhone || (b as { clientEmail?: string }).clientEmail),
  {
    path: ['clientPhone'],
    params: { key: 'errors.field.phoneOrEmail', code: 'phone_or_email' },
  },
);

/** A referral's fields, with phones checked by `phone`: what a partner's system sends (the partner comes from its API key) and the public form. */
export const referralSchemasWith = <P extends z.ZodMiniType>(phone: P) => {
  const referralFields = {
    referrerName: text(2, 120),
    referrerEmail: emailSchema,
    referrerPhone: z.optional(phone),
    clientName: text(2, 120),
    clientPhone: z.optional(phone),
    clientEmail: z.optional(emailSchema),
    clientLanguage: languageCodeSchema,
    interpreterNeeded: z.boolean(),
    reasons: atLeastOne(REFERRAL_REASONS),
    note: optionalText(500),
  };
  return {
    partnerReferral: z
      .strictObject({ ...referralFields, consentGiven: z.literal(true), consentVersion: text(1, 40) })
      .check(clientContact),
    /** The public form for partners' staff: who refers, from where, and the consent shown on the form. */
    referralForm: z
      .strictObject({
        ...referralFields,
        partnerOrg: z.enum(PARTNER_ORGS),
        partnerName: text(2, 200),
        consent: z
          .boolean()
          .check(z.refine((v) => v, { params: { key: 'errors.field.consentRequired', code: 'consent_required' } })),
        consentVersion: z.literal(REFERRAL_CONSENT_VERSION),
        locale: localeSchema,
        website: honeypot,
      })
      .check(clientContact),
  };
};

/** The public forms' checks (the phone's shape only). */
export const employerRequestShape = employerRequestWith(phoneShapeSchema);
export const referralFormShape = referralSchemasWith(phoneShapeSchema).referralForm;

// Staff side
export const inboxFilterSchema = z.object({
  status: z.optional(z.enum(['open', 'closed', 'all'])),
  kind: z.optional(z.enum(['referral', 'employer', 'all'])),
});
export const closeRequestSchema = z.strictObject({ outcome: z.enum(OUTCOMES) });
export const partnerSchema = z.strictObject({ name: text(2, 200), orgKind: z.enum(PARTNER_ORGS) });
