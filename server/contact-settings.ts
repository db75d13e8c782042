/**
 * IHL's phone number and walk-in address (content/settings/contact.json, staff-edited sample
 * data, the same file every page's footer shows), read once at start: error messages that send
 * people to the phone or the desk (a public write over its limit) name them.
 */
import fs from 'node:fs';
import { z } from 'zod';

const contactSchema = z.object({
  phone: z.string().min(6),
  walkIn: z.object({ place: z.string(), street: z.string(), city: z.string() }),
});

const contact = contactSchema.parse(
  JSON.parse(fs.readFileSync(new URL('../content/settings/contact.json', import.meta.url), 'utf8')),
);

/** Message parameters: `{{phone}}`, `{{place}}`, `{{street}}`, `{{city}}`. */
export const contactParams = {
  phone: contact.phone,
  place: contact.walkIn.place,
  street: contact.walkIn.street,
  city: contact.walkIn.city,
};
