/**
 * The booking form's check, loaded when the person reaches the details step (booking.ts): the
 * contract's fields with zod's core, the phone's shape only (its number is the server's check).
 */
import { bookingRequestShape } from '../../contracts/booking-fields.ts';

export const checkRequest = (request: unknown) => bookingRequestShape.safeParse(request);
