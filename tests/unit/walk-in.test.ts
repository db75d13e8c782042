/**
 * "Open now / opens next" in Europe/Helsinki, across DST changes and holidays. Instants are given
 * in UTC so each case states the wall-clock time it means.
 */
import { describe, expect, test } from 'vitest';
import { finnishHolidays, isFinnishHoliday } from '../../src/domain/calendar.ts';
import { nextInLanguage, walkInStatus, type WalkInData } from '../../src/domain/walk-in.ts';
import { parseWalkInSchedule } from '../../src/domain/walk-in-data.ts';

const schedule = parseWalkInSchedule({
  updated: '2026-01-01',
  sessions: [
    { weekday: 1, start: '09:00', end: '12:00', languages: ['fi', 'ar'] },
    { weekday: 1, start: '12:00', end: '15:00', languages: ['fi', 'uk'] },
    { weekday: 4, start: '09:00', end: '15:00', languages: ['fi', 'so'] },
  ],
  exceptions: [{ date: '2026-12-03', closed: true }],
  channels: { remote: true, chatUrl: null },
});
const data: WalkInData = { schedule, holidays: finnishHolidays('2026-01-01', '2027-12-31') };

describe('walk-in status', () => {
  test('open on Monday morning, and back-to-back sessions close at the last one’s end', () => {
    const s = walkInStatus(data, new Date('2026-11-23T08:30:00Z')); // Mon 10:30 EET
    expect(s.state).toBe('open');
    if (s.state === 'open') {
      expect(s.session.end).toBe('15:00');
      expect(s.session.languages).toEqual(['fi', 'ar']);
    }
  });

  test('closed on Monday evening: opens next on Thursday 09:00', () => {
    const s = walkInStatus(data, new Date('2026-11-23T15:00:00Z')); // Mon 17:00
    expect(s).toMatchObject({ state: 'closed', next: { date: '2026-11-26', start: '09:00' } });
  });

  test('an exception closes a normal day', () => {
    const s = walkInStatus(data, new Date('2026-12-03T08:00:00Z')); // Thu 10:00, closed by exception
    expect(s).toMatchObject({ state: 'closed', next: { date: '2026-12-07' } });
  });

  test('Independence Day and Christmas close the desk, naming the holiday', () => {
    // 2027-12-06 is a Monday.
    const s = walkInStatus(data, new Date('2027-12-06T08:00:00Z'));
    expect(s.state).toBe('closed');
    if (s.state === 'closed') {
      expect(s.holiday?.name.fi).toBe('itsenäisyyspäivä');
      expect(s.next?.date).toBe('2027-12-09');
    }
    expect(isFinnishHoliday('2026-12-24')).toBe(true);
    expect(isFinnishHoliday('2026-12-25')).toBe(true);
    expect(isFinnishHoliday('2026-06-19')).toBe(true); // Midsummer Eve
    expect(isFinnishHoliday('2026-12-31')).toBe(false);
  });

  test('the Monday after the autumn DST change opens at 09:00 local (07:00 UTC)', () => {
    const before = walkInStatus(data, new Date('2026-10-26T06:59:00Z'));
    expect(before.state).toBe('closed');
    const after = walkInStatus(data, new Date('2026-10-26T07:00:00Z'));
    expect(after.state).toBe('open');
  });

  test('the next session in a language', () => {
    const now = new Date('2026-11-23T11:00:00Z'); // Mon 13:00: uk session in progress
    expect(nextInLanguage(data, now, 'uk')).toMatchObject({ date: '2026-11-23', start: '12:00' });
    expect(nextInLanguage(data, now, 'ar')).toMatchObject({ date: '2026-11-30', start: '09:00' });
    expect(nextInLanguage(data, now, 'th')).toBeUndefined();
  });
});
