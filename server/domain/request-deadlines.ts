/**
 * The service levels of referrals and employer requests (the employer one-stop model's promise):
 * the first contact within 3 working days, counted from the day after the request arrived and
 * ending at the end of the third working day (Helsinki); the employer's follow-up 3 weeks after the
 * first contact, at the same Helsinki wall-clock time (21 calendar days, not 21 × 24 hours).
 */
import { daysLater, dueAfterWorkingDays } from '../../src/domain/calendar.ts';

export const FIRST_CONTACT_WORKING_DAYS = 3;
export const FOLLOW_UP_DAYS = 21;

/** When a request received at `received` must have had its first contact: the date and its last instant. */
export function firstContactDue(received: Date): { date: string; at: Date } {
  return dueAfterWorkingDays(received, FIRST_CONTACT_WORKING_DAYS);
}

/** When an employer contacted at `contacted` is asked how things went. */
export function followUpDue(contacted: Date): Date {
  return daysLater(contacted, FOLLOW_UP_DAYS);
}
