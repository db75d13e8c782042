import { describe, expect, test } from 'vitest';
import { count, share, stat } from '../../server/domain/report-privacy.ts';

describe('report disclosure rules', () => {
  test('counts from 1 to 4 show as "<5"; 0 and 5 and more as they are', () => {
    expect([0, 1, 4, 5, 120].map(count)).toEqual([0, '<5', '<5', 5, 120]);
  });
  test('a statistic of a group under 5 is withheld; otherwise rounded to one decimal', () => {
    expect(stat(12.345, 4)).toBeNull();
    expect(stat(12.345, 5)).toBe(12.3);
    expect(stat(null, 50)).toBeNull();
    expect(stat(Number.NaN, 50)).toBeNull();
  });
  test('a share needs a whole of 5 or more', () => {
    expect(share(2, 4)).toBeNull();
    expect(share(5, 6)).toBe(83);
    expect(share(0, 5)).toBe(0);
  });
});
