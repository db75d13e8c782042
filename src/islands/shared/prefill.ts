/** Where the workspace inbox leaves a referred client's details for the booking page (sessionStorage of the tab, never the URL). */
export const BOOKING_PREFILL_KEY = 'ihl-booking-prefill';

export interface BookingPrefill {
  name?: string;
  phone?: string;
  email?: string;
  language?: string;
  interpreter?: boolean;
  /**
   * The advisor's workspace CSRF token: the booking is then made by the signed-in advisor on the
   * client's behalf, so it is confirmed at once (no code to the client; README "Security").
   */
  staffCsrf?: string;
}
