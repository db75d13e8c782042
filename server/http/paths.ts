/**
 * Paths the portal puts in its answers: redirects that stay on its own origin, and the capability
 * tokens in route paths (README "Security").
 */
import type { MiddlewareHandler } from 'hono';
import { DomainError } from '../domain/errors.ts';

/**
 * A redirect target on this origin: a path that starts with exactly one `/`. A browser reads
 * `//host/…` and `/\host/…` as another site, so leading slashes and backslashes collapse to one
 * `/`; backslashes elsewhere and every character a header cannot carry (CR, LF, other controls, spaces,
 * anything outside ASCII) are percent-encoded. Never an absolute URL.
 */
export function localPath(location: string): string {
  const encoded = location.replace(/[^!-~]|\\/gu, (ch) => {
    if (ch === '\\') return '%5C';
    try {
      return encodeURIComponent(ch);
    } catch {
      return '%EF%BF%BD'; // a lone surrogate: the replacement character
    }
  });
  return `/${encoded.replace(/^(\/|%5C)+/i, '')}`;
}

/** A manage, ticket or enrolment token as the portal makes them (base64url); anything else is not found. */
const TOKEN = /^[A-Za-z0-9_-]{20,64}$/;

/**
 * On every route with a `:token`: a token of any other shape (a CR/LF, a slash, a space…) is
 * answered 404 before a handler can put it into a header or a redirect.
 */
export const tokenShape: MiddlewareHandler = async (c, next) => {
  if (!TOKEN.test(c.req.param('token') ?? '')) throw new DomainError('not_found');
  await next();
};
