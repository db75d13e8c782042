/** Where the workspace inbox leaves a referred client's details for the booking page (sessionStorage of the tab, never the URL). */
export const BOOKING_PREFILL_KEY = 'ihl-booking-prefill';

export interface BookingPrefill {
  name?: string;
  phone?: string;
  email?: string;
  language?: string;
  interpreter?: boolean;
}
