/**
 * Referrals and employer requests as the routes check them: the phone numbers with
 * libphonenumber's metadata. Everything else, and the public forms' lighter checks, is in
 * ./requests-fields.ts.
 */
import type * as z from 'zod/mini';
import { phoneSchema } from './booking.ts';
import { employerRequestWith, referralSchemasWith } from './requests-fields.ts';

export * from './requests-fields.ts';

export const employerRequestSchema = employerRequestWith(phoneSchema);
const referrals = referralSchemasWith(phoneSchema);
export const partnerReferralSchema = referrals.partnerReferral;
export const referralFormSchema = referrals.referralForm;

export type EmployerRequest = z.output<typeof employerRequestSchema>;
export type ReferralForm = z.output<typeof referralFormSchema>;
export type PartnerReferral = z.output<typeof partnerReferralSchema>;
