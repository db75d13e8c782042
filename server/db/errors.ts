/**
 * What an error from either engine (pg or PGlite) means. The one place that knows PostgreSQL's
 * SQLSTATE for a unique violation: the database settles races (one booking per slot, one person
 * per desk), and the services turn its refusal into their own error.
 */
const UNIQUE_VIOLATION = '23505';

/**
 * Whether `err` is a unique violation; with `constraint`, only one by the index or constraint of
 * that name (or whose name starts with it: `bookings_one_active_per_person` covers the phone and
 * the email index). pg names it in `constraint`; PGlite only in the message.
 */
export function uniqueViolation(err: unknown, constraint?: string): boolean {
  const e = err as { code?: unknown; constraint?: unknown; message?: unknown } | null;
  if (e?.code !== UNIQUE_VIOLATION) return false;
  if (!constraint) return true;
  return typeof e.constraint === 'string'
    ? e.constraint.startsWith(constraint)
    : String(e.message).includes(`"${constraint}`);
}
