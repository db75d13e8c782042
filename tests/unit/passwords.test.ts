import { describe, expect, test } from 'vitest';
import { commonPasswordCount, passwordProblem } from '../../server/domain/passwords.ts';

describe('staff password rules (ASVS 2.1)', () => {
  test('uses a list of at least 10 000 common passwords', () => {
    expect(commonPasswordCount()).toBeGreaterThanOrEqual(10_000);
  });
  test.each([
    ['short', 'too_short'],
    ['a'.repeat(129), 'too_long'],
    ['password1234', 'common'],
    ['Qwertyuiop123', 'common'],
    ['iloveyou12345!', 'common'],
    ['maija.meikalainen-salasana', 'contains_email'],
  ])('%s → %s', (pw, problem) => {
    expect(passwordProblem(pw, { email: 'maija.meikalainen@lahti.fi' })).toBe(problem);
  });
  test.each(['kolme vihreää omenaa', 'Tämä on pitkä lause 2026', '🌲🌲🌲 metsä on kaunis', 'x'.repeat(128)])(
    'accepts %s',
    (pw) => {
      expect(passwordProblem(pw, { email: 'someone@lahti.fi' })).toBeUndefined();
    },
  );
});
