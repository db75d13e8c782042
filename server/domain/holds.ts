/**
 * Holds: a public booking from a contact that has not confirmed before holds its time only for a
 * while, until the person confirms with the 6-digit code or the link sent to that contact (README
 * "Security" → "Scripts that rotate addresses and contacts"). Made-up contacts never confirm, so a
 * script that rotates addresses and contacts holds times only for minutes. Pure rules: the numbers
 * with their reasons, the deadline, the code and its hash.
 */
import crypto from 'node:crypto';

/**
 * How long an unconfirmed booking holds its time. Long enough to read an SMS or an email (or to
 * ask someone to help with it) and type a code; short enough that a script's made-up bookings
 * free the calendar again within the half hour.
 */
export const HOLD_MINUTES = 30;

/**
 * Wrong codes a hold accepts. A 6-digit code has a million values: five guesses give a one in
 * 200 000 chance; after them only the link in the message confirms.
 */
export const MAX_CODE_ATTEMPTS = 5;

/**
 * A contact that confirmed is trusted (its bookings are confirmed at once) for this many days
 * after its last confirmation or confirmed booking; then its keyed hash is deleted (retention)
 * and the next booking asks for a code again.
 */
export const TRUST_DAYS = 365;

/** When a hold made at `now` ends unless confirmed. */
export const holdDeadline = (now: Date): Date => new Date(now.getTime() + HOLD_MINUTES * 60_000);

/** Whether a hold's deadline has passed at `now` (a deadline is exclusive: at it, the time is free). */
export const holdLapsed = (holdUntil: Date | null, now: Date): boolean =>
  holdUntil !== null && holdUntil.getTime() <= now.getTime();

/** The trust of a contact confirmed at `confirmedAt` ends at this instant. */
export const trustEnds = (confirmedAt: Date): Date => new Date(confirmedAt.getTime() + TRUST_DAYS * 86_400_000);

/** A 6-digit code, uniformly random, leading zeros kept ("004217"). */
export function newHoldCode(random: (max: number) => number = crypto.randomInt): string {
  return String(random(1_000_000)).padStart(6, '0');
}

/** A code as typed: digits only (spaces, dashes and other numerals' digits are read as ASCII digits). */
export function readCode(typed: string): string {
  return typed
    .normalize('NFKC')
    .replace(/\p{Nd}/gu, (d) => (/[0-9]/.test(d) ? d : String(digitValue(d))))
    .replace(/[^0-9]/g, '');
}

/** Arabic-Indic, Persian, Thai and other decimal digits: the digit's value is its offset from its zero. */
const digitValue = (d: string): number => {
  const cp = d.codePointAt(0)!;
  for (const zero of [0x660, 0x6f0, 0x966, 0x9e6, 0xe50]) if (cp >= zero && cp <= zero + 9) return cp - zero;
  return 0;
};

/** The stored form of a code: salted with the booking's id, so one table of hashes fits one booking only. */
export function hashCode(subjectId: string, code: string): string {
  return crypto.createHash('sha256').update(`${subjectId}\u0000${code}`).digest('hex');
}

/** Constant-time comparison of a typed code with the stored hash. */
export function codeMatches(subjectId: string, typed: string, storedHash: string): boolean {
  const a = Buffer.from(hashCode(subjectId, readCode(typed)), 'hex');
  const b = Buffer.from(storedHash, 'hex');
  return a.length === b.length && crypto.timingSafeEqual(a, b);
}

/**
 * A course group's seats as they stand once its lapsed holds are released, from the live counts
 * (places not held past their deadline): each freed seat goes to the next person waiting, as the
 * release itself does (services/enrolments.ts).
 */
export function liveSeats(capacity: number, enrolled: number, waiting: number): { enrolled: number; waiting: number } {
  const promoted = Math.max(0, Math.min(capacity - enrolled, waiting));
  return { enrolled: enrolled + promoted, waiting: waiting - promoted };
}
