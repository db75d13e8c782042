/**
 * Password rules for staff accounts, OWASP ASVS 4.0 level 2 (V2.1): at least 12 characters, at
 * most 128, any characters allowed, no composition rules, and not one of the common passwords
 * (the 49 000-entry list of @zxcvbn-ts/language-common, a maintained breach-derived list).
 */
import { dictionary } from '@zxcvbn-ts/language-common';

const COMMON = new Set((dictionary['passwords-common'] as string[]).map((p) => p.toLowerCase()));
export const PASSWORD_MIN = 12;
export const PASSWORD_MAX = 128;

export type PasswordProblem = 'too_short' | 'too_long' | 'common' | 'contains_email';

export function passwordProblem(password: string, context: { email?: string } = {}): PasswordProblem | undefined {
  const length = [...password].length; // code points, so emoji and Thai count as people see them
  if (length < PASSWORD_MIN) return 'too_short';
  if (length > PASSWORD_MAX) return 'too_long';
  const lower = password.toLowerCase();
  if (COMMON.has(lower) || COMMON.has(lower.replace(/[\d!?.]+$/, ''))) return 'common';
  const local = context.email?.split('@')[0]?.toLowerCase();
  if (local && local.length >= 4 && lower.includes(local)) return 'contains_email';
  return undefined;
}

export const commonPasswordCount = () => COMMON.size;
