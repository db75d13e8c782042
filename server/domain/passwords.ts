/**
 * Password rules for staff accounts, OWASP ASVS 4.0 level 2 (V2.1): at least 12 characters, at
 * most 128, any characters allowed, no composition rules, and not one of the common passwords
 * (the 49 000-entry list of @zxcvbn-ts/language-common, a maintained breach-derived list); and how
 * a password is stored (argon2id). The accounts service and the demo seed both hash with these.
 */
import { dictionary } from '@zxcvbn-ts/language-common';
import { hash as argon2Hash, verify as argon2Verify } from '@node-rs/argon2';

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

// OWASP Password Storage Cheat Sheet: argon2id, m = 19 MiB, t = 2, p = 1.
// (algorithm 2 is Argon2id in @node-rs/argon2's const enum, which erasable TypeScript cannot import.)
const ARGON2 = { algorithm: 2 as const, memoryCost: 19_456, timeCost: 2, parallelism: 1 };

export async function hashPassword(password: string): Promise<string> {
  return argon2Hash(password, ARGON2);
}

/** Whether `password` matches the stored hash; a malformed hash is no match. */
export async function verifyPassword(hash: string, password: string): Promise<boolean> {
  return argon2Verify(hash, password).catch(() => false);
}
