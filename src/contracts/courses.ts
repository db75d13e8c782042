/**
 * The course enrolment payload as the routes check it: the phone number with libphonenumber's
 * metadata. The catalogue page checks the same fields with ./courses-fields.ts.
 */
import { phoneSchema } from './booking.ts';
import { enrolmentRequestWith } from './courses-fields.ts';

export const enrolmentRequestSchema = enrolmentRequestWith(phoneSchema);
