/**
 * What the HTTP layer writes to the logs (server/log.ts) about a request: its path, with the
 * segments that carry tokens (manage links, reset links) redacted. Segments after these words
 * are secrets or identifiers of a person's record; long random-looking segments anywhere are
 * treated as tokens too (belt and braces for routes added later).
 */
const SECRET_AFTER = new Set(['manage', 'token', 'reset', 'ticket', 'enrolments', 'invite', 'confirm']);
const TOKEN_LIKE = /^[A-Za-z0-9_-]{20,}$/;

export function redactPath(path: string): string {
  const segments = path.split('?')[0]!.split('/');
  return segments
    .map((seg, i) => ((i > 0 && SECRET_AFTER.has(segments[i - 1]!) && seg) || TOKEN_LIKE.test(seg) ? ':redacted' : seg))
    .join('/');
}
