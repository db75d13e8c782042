/** Finding one person's records for an admin's export or erasure: by a reference, or a contact. */
import * as z from 'zod/mini';
import { isValidPhoneNumber, parsePhoneNumberWithError } from 'libphonenumber-js/min';

const referenceSchema = z
  .pipe(
    z.string().check(z.trim(), z.maxLength(12)),
    z.transform((v) => v.toUpperCase().replace(/\s/g, '')),
  )
  .check(z.regex(/^([2-9A-Z]{3}-[2-9A-Z]{3})?$/));

/** By a reference: everything under that one booking, enrolment or request reference (GET …/person). */
export const personLookupSchema = z.object({ reference: z.optional(referenceSchema) }).check(
  z.refine((p) => !!p.reference, {
    path: ['reference'],
    params: { key: 'errors.field.required', code: 'required' },
  }),
);

/** By a contact: the candidate records only, for the admin to pick from (GET …/person/candidates). */
export const personContactSchema = z
  .object({ contact: z.optional(z.string().check(z.trim(), z.maxLength(254))) })
  .check(
    z.refine((p) => !!p.contact, { path: ['contact'], params: { key: 'errors.field.required', code: 'required' } }),
    z.refine((p) => !p.contact || p.contact.includes('@') || isValidPhoneNumber(p.contact, 'FI'), {
      path: ['contact'],
      params: { key: 'errors.field.invalidFormat', code: 'invalid_contact' },
    }),
  );

export const PERSON_RECORD_KINDS = ['booking', 'enrolment', 'request', 'queueText'] as const;
export type PersonRecordKind = (typeof PERSON_RECORD_KINDS)[number];

/**
 * The records an admin picked from the candidates, by kind and id (queue texts have no reference,
 * and ids are what the erasure journal records).
 */
export const personSelectionSchema = z
  .array(
    z.strictObject({
      kind: z.enum(PERSON_RECORD_KINDS),
      id: z.string().check(z.regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/)),
    }),
  )
  .check(z.minLength(1), z.maxLength(500));
export type PersonSelection = z.output<typeof personSelectionSchema>;

export const personExportSchema = z.strictObject({ records: personSelectionSchema });

/** Erasure of one reference's records, or of the picked records; never of a whole contact. */
export const personEraseSchema = z
  .strictObject({
    reference: z.optional(referenceSchema),
    records: z.optional(personSelectionSchema),
    confirm: z.literal(true),
  })
  .check(
    z.refine((p) => !!p.reference !== !!p.records, {
      path: ['records'],
      params: { key: 'errors.field.required', code: 'required' },
    }),
  );

/**
 * One record a contact matches, described by as little as lets the person say whether it is theirs:
 * its kind, its day (Helsinki) and the initials of the name on it. A family sharing one phone is
 * told apart without showing one member's details to another's request before the admin picks.
 */
export const personCandidateSchema = z.object({
  kind: z.enum(PERSON_RECORD_KINDS),
  id: z.string(),
  /** The booking, enrolment or request reference; none for a queue ticket's text messages. */
  reference: z.nullable(z.string()),
  /** YYYY-MM-DD: the appointment, the enrolment, the request received, the queue visit. */
  date: z.string(),
  /** "A. A."; none for a queue ticket (it has no name). */
  initials: z.nullable(z.string()),
});
export type PersonCandidate = z.infer<typeof personCandidateSchema>;

/** An email in lower case, or a phone number in E.164 ("040 123 4567" → "+358401234567"). */
export function normalizeContact(contact: string): string {
  return contact.includes('@') ? contact.trim().toLowerCase() : parsePhoneNumberWithError(contact, 'FI').number;
}
