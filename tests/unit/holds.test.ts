/** The hold rules (server/domain/holds.ts): deadline, lapse, the code's shape, reading and hashing, a group's live seats. */
import { describe, expect, test } from 'vitest';
import {
  codeMatches,
  hashCode,
  HOLD_MINUTES,
  holdDeadline,
  holdLapsed,
  liveSeats,
  MAX_CODE_ATTEMPTS,
  newHoldCode,
  readCode,
  TRUST_DAYS,
  trustEnds,
} from '../../server/domain/holds.ts';

const now = new Date('2026-12-07T08:00:00Z');

describe('holds', () => {
  test('a hold lasts HOLD_MINUTES; at its deadline it has lapsed', () => {
    expect(HOLD_MINUTES).toBe(30);
    const until = holdDeadline(now);
    expect(until.toISOString()).toBe('2026-12-07T08:30:00.000Z');
    expect(holdLapsed(until, new Date(until.getTime() - 1))).toBe(false);
    expect(holdLapsed(until, until)).toBe(true);
    expect(holdLapsed(null, new Date('2099-01-01'))).toBe(false);
  });

  test('trust ends TRUST_DAYS after the confirmation', () => {
    expect(trustEnds(now).getTime() - now.getTime()).toBe(TRUST_DAYS * 86_400_000);
  });

  test('a code is six digits, leading zeros kept', () => {
    expect(newHoldCode(() => 4217)).toBe('004217');
    expect(newHoldCode(() => 999_999)).toBe('999999');
    for (let i = 0; i < 50; i++) expect(newHoldCode()).toMatch(/^\d{6}$/);
  });

  test('a typed code is read in any decimal digits, spaces and dashes left out', () => {
    expect(readCode(' 123 456 ')).toBe('123456');
    expect(readCode('123-456')).toBe('123456');
    expect(readCode('١٢٣٤٥٦')).toBe('123456'); // Arabic-Indic
    expect(readCode('۱۲۳۴۵۶')).toBe('123456'); // Persian
    expect(readCode('๑๒๓๔๕๖')).toBe('123456'); // Thai
    expect(readCode('１２３４５６')).toBe('123456'); // full-width
  });

  test('the stored hash is salted by the subject and compared in constant time', () => {
    const hash = hashCode('booking-a', '123456');
    expect(hash).not.toContain('123456');
    expect(hashCode('booking-b', '123456')).not.toBe(hash);
    expect(codeMatches('booking-a', '123 456', hash)).toBe(true);
    expect(codeMatches('booking-a', '123457', hash)).toBe(false);
    expect(codeMatches('booking-b', '123456', hash)).toBe(false);
    expect(MAX_CODE_ATTEMPTS).toBe(5);
  });

  test("a group's live seats: each seat a lapsed hold frees goes to the next person waiting", () => {
    expect(liveSeats(5, 3, 0)).toEqual({ enrolled: 3, waiting: 0 });
    expect(liveSeats(5, 3, 1)).toEqual({ enrolled: 4, waiting: 0 });
    expect(liveSeats(5, 3, 4)).toEqual({ enrolled: 5, waiting: 2 });
    expect(liveSeats(2, 2, 3)).toEqual({ enrolled: 2, waiting: 3 });
  });
});
