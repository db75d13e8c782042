/**
 * Dates and times as a reader in Lahti expects them: always Europe/Helsinki wall-clock, in the
 * reader's language where the platform knows it (Intl), 24-hour clock. A locale the runtime's
 * CLDR data lacks (some browsers and Sorani, Somali) falls back to Finnish formatting rather than
 * to an unformatted timestamp.
 */
import { TIME_ZONE } from '../domain/calendar.ts';

function format(date: Date, locale: string, options: Intl.DateTimeFormatOptions): string {
  for (const l of [locale, 'fi']) {
    try {
      return new Intl.DateTimeFormat(l, { ...options, timeZone: TIME_ZONE }).format(date);
    } catch {
      /* try the next */
    }
  }
  return date.toISOString();
}

export const formatDateTime = (date: Date, locale: string) =>
  format(date, locale, {
    weekday: 'long',
    day: 'numeric',
    month: 'numeric',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  });
export const formatDay = (date: Date, locale: string) =>
  format(date, locale, { weekday: 'long', day: 'numeric', month: 'numeric' });
/** A date without the time: "26.11.2026" (no weekday, so it reads inside any sentence). */
export const formatDate = (date: Date, locale: string) =>
  format(date, locale, { day: 'numeric', month: 'numeric', year: 'numeric' });
export const formatTime = (date: Date, locale: string) =>
  format(date, locale, { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
