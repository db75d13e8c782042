/** Issue #8's Y-tunnus check digit (its working-day deadlines are in calendar.test.ts). */
import { describe, expect, test } from 'vitest';
import { isValidBusinessId, normalizeBusinessId } from '../../src/domain/business-id.ts';

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
