/** Contact details shown in every page's footer. Staff-edited sample data: content/settings/contact.json. */
import { z } from 'zod';
import raw from '../../content/settings/contact.json';

const address = z.object({ street: z.string(), postalCode: z.string().regex(/^\d{5}$/), city: z.string() });

export const contactSchema = z.object({
  sample: z.boolean(),
  phone: z.string().regex(/^\+?[\d ]{6,20}$/),
  email: z.string(),
  walkIn: address.extend({ place: z.string() }),
  appointments: address,
});

export type Contact = z.infer<typeof contactSchema>;
export const contact: Contact = contactSchema.parse(raw);

/** `tel:` links want digits only. */
export const phoneHref = `tel:${contact.phone.replace(/\s+/g, '')}`;
