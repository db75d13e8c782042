/**
 * Structured JSON logs, one line per event, on stdout. Never personal data: no bodies, no query
 * strings, no IP addresses, no cookies; path segments that carry tokens (manage links, reset
 * links) are redacted before they are written.
 */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error' | 'silent';
const ORDER: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40, silent: 100 };

export interface Logger {
  debug(msg: string, fields?: Record<string, unknown>): void;
  info(msg: string, fields?: Record<string, unknown>): void;
  warn(msg: string, fields?: Record<string, unknown>): void;
  error(msg: string, fields?: Record<string, unknown>): void;
}

export function createLogger(level: LogLevel, write: (line: string) => void = (l) => process.stdout.write(l + '\n')): Logger {
  const at = (lvl: Exclude<LogLevel, 'silent'>) => (msg: string, fields: Record<string, unknown> = {}) => {
    if (ORDER[lvl] < ORDER[level]) return;
    write(JSON.stringify({ time: new Date().toISOString(), level: lvl, msg, ...fields }));
  };
  return { debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') };
}

/**
 * Segments after these words are secrets or identifiers of a person's record; long random-looking
 * segments anywhere are treated as tokens too (belt and braces for routes added later).
 */
const SECRET_AFTER = new Set(['manage', 'token', 'reset', 'ticket', 'enrolments', 'invite', 'confirm']);
const TOKEN_LIKE = /^[A-Za-z0-9_-]{20,}$/;

export function redactPath(path: string): string {
  const segments = path.split('?')[0]!.split('/');
  return segments
    .map((seg, i) => (i > 0 && SECRET_AFTER.has(segments[i - 1]!) && seg) || TOKEN_LIKE.test(seg) ? ':redacted' : seg)
    .join('/');
}
