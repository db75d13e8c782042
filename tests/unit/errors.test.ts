import { describe, expect, test } from 'vitest';
import { ERROR_ANSWERS } from '../../server/http/errors.ts';
import { serverTranslator } from '../../server/i18n.ts';

describe('error codes', () => {
  // The compiler checks that every code has an answer; this checks that each answer's message
  // exists in the languages every message is written in first (staff messages: fi, sv, en).
  test.each(['fi', 'sv', 'en'] as const)('every message exists in %s', (locale) => {
    const tr = serverTranslator(locale);
    const missing = Object.entries(ERROR_ANSWERS).filter(
      ([, a]) => tr.tx(a.message, { street: 'x', minutes: 1 }).fallback,
    );
    expect(missing.map(([code]) => code)).toEqual([]);
  });

  test('statuses are client errors, but for the one internal error', () => {
    const statuses = Object.entries(ERROR_ANSWERS).map(([code, a]) => [
      code,
      a.status >= 400 && a.status < (code === 'internal' ? 600 : 500),
    ]);
    expect(statuses.filter(([, ok]) => !ok)).toEqual([]);
  });
});
