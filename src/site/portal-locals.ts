/** The server functions a per-request page can call (see server/http/portal-locals.ts). */
import type { BookingView, Mode, SlotsResponse } from '../contracts/booking.ts';
import type { TicketView } from '../contracts/queue.ts';

export interface PortalLocals {
  now(): Date;
  cutoffHours: number;
  bookingByToken(token: string): Promise<BookingView | undefined>;
  freeTimes(language: string, mode: Mode): Promise<SlotsResponse>;
  queueTicket(token: string): Promise<TicketView | undefined>;
  enrolmentByToken(token: string): Promise<
    | {
        reference: string;
        /** `expired`: a hold not confirmed in time (README "Security"). */
        status: 'enrolled' | 'waitlisted' | 'cancelled' | 'expired';
        /** Held until this instant unless confirmed; null when confirmed. */
        confirmBy: string | null;
        course: string;
        language: string;
        place: string | null;
        sessions: string[];
      }
    | undefined
  >;
}
