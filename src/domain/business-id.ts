/**
 * The Finnish business ID (Y-tunnus): seven digits, a hyphen and a check digit. The check digit is
 * the weighted sum (7, 9, 10, 5, 8, 4, 2) mod 11: 0 gives 0, 1 is never issued, otherwise 11 minus
 * the remainder. Older IDs with six digits are written with a leading zero.
 */
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2];

export function normalizeBusinessId(input: string): string {
  const compact = input.trim().replace(/\s+/g, '');
  return /^\d{6}-\d$/.test(compact) ? `0${compact}` : compact;
}

export function isValidBusinessId(input: string): boolean {
  const id = normalizeBusinessId(input);
  const m = /^(\d{7})-(\d)$/.exec(id);
  if (!m) return false;
  const sum = [...m[1]!].reduce((s, d, i) => s + Number(d) * WEIGHTS[i]!, 0);
  const remainder = sum % 11;
  if (remainder === 1) return false;
  return (remainder === 0 ? 0 : 11 - remainder) === Number(m[2]);
}
