/** Finding one person's records for an admin's export or erasure: by a reference, or a contact. */
import * as z from 'zod/mini';
import { isValidPhoneNumber, parsePhoneNumberWithError } from 'libphonenumber-js/min';

export const personLookupSchema = z
  .object({
    reference: z.optional(
      z
        .pipe(
          z.string().check(z.trim(), z.maxLength(12)),
          z.transform((v) => v.toUpperCase().replace(/\s/g, '')),
        )
        .check(z.regex(/^([2-9A-Z]{3}-[2-9A-Z]{3})?$/)),
    ),
    contact: z.optional(z.string().check(z.trim(), z.maxLength(254))),
  })
  .check(
    z.refine((p) => !!(p.reference || p.contact), {
      path: ['reference'],
      params: { key: 'errors.field.required', code: 'required' },
    }),
    z.refine((p) => !p.contact || p.contact.includes('@') || isValidPhoneNumber(p.contact, 'FI'), {
      path: ['contact'],
      params: { key: 'errors.field.invalidFormat', code: 'invalid_contact' },
    }),
  );
export const personEraseSchema = z.strictObject({
  reference: z.optional(z.string()),
  contact: z.optional(z.string()),
  confirm: z.literal(true),
});

/** An email in lower case, or a phone number in E.164 ("040 123 4567" → "+358401234567"). */
export function normalizeContact(contact: string): string {
  return contact.includes('@') ? contact.trim().toLowerCase() : parsePhoneNumberWithError(contact, 'FI').number;
}
