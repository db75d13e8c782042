/** Issue #8's building blocks: working-day deadlines around Finnish holidays, and the Y-tunnus check digit. */
import { describe, expect, test } from 'vitest';
import { addWorkingDays, dueAfterWorkingDays, isWorkingDay } from '../../server/domain/working-days.ts';
import { isValidBusinessId, normalizeBusinessId } from '../../src/domain/business-id.ts';

describe('three working days', () => {
  test.each([
    ['Easter 2026 (Good Friday 3.4., Easter Monday 6.4.)', '2026-04-02', '2026-04-09'],
    ['Easter 2027 (26.3. and 29.3.)', '2027-03-25', '2027-04-01'],
    ['Midsummer 2026 (Eve Friday 19.6.)', '2026-06-18', '2026-06-24'],
    ['Midsummer 2027 (Eve Friday 25.6.)', '2027-06-24', '2027-06-30'],
    ['Independence Day 2027 (Monday 6.12.)', '2027-12-03', '2027-12-09'],
    ['Christmas 2026 (Thursday to Saturday)', '2026-12-23', '2026-12-30'],
    ['Christmas 2027 (Eve on Friday)', '2027-12-23', '2027-12-29'],
    ['an ordinary week', '2026-11-23', '2026-11-26'],
  ])('%s: received %s, due %s', (_, received, due) => {
    expect(addWorkingDays(received, 3)).toBe(due);
  });

  test('the deadline is the end of the last working day in Helsinki, also received late in the evening', () => {
    const due = dueAfterWorkingDays(new Date('2026-11-23T21:30:00Z'), 3); // Mon 23:30 EET
    expect(due.date).toBe('2026-11-26');
    expect(due.at.toISOString()).toBe('2026-11-26T21:59:59.999Z');
    expect(dueAfterWorkingDays(new Date('2026-11-23T22:30:00Z'), 3).date).toBe('2026-11-27'); // already Tuesday in Helsinki
  });

  test('weekends and holidays are not working days', () => {
    expect(isWorkingDay('2026-12-06')).toBe(false); // Sunday, Independence Day
    expect(isWorkingDay('2026-12-24')).toBe(false);
    expect(isWorkingDay('2026-12-31')).toBe(true);
    expect(isWorkingDay('2026-11-28')).toBe(false);
  });
});

describe('Y-tunnus', () => {
  test.each(['0112038-9', '1572860-0', '2609427-9', '0737546-2', '112038-9', '1234567-1'])('%s is valid', (id) => {
    expect(isValidBusinessId(id)).toBe(true);
  });
  test.each(['0112038-8', '1234567-2', '12345678', 'ABCDEFG-1', '', '0112038 9', '01120389'])('%s is not', (id) => {
    expect(isValidBusinessId(id)).toBe(false);
  });
  test('six-digit IDs get their leading zero', () => {
    expect(normalizeBusinessId(' 112038-9 ')).toBe('0112038-9');
  });
});
