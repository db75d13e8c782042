/** The server functions a per-request page can call (see server/http/portal-locals.ts). */
import type { BookingView, Mode, SlotsResponse } from '../contracts/booking.ts';

export interface PortalLocals {
  now(): Date;
  cutoffHours: number;
  bookingByToken(token: string): Promise<BookingView | undefined>;
  freeTimes(language: string, mode: Mode): Promise<SlotsResponse>;
}
