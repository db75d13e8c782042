/**
 * Every request body has a size limit on the bytes that really arrive: a declared Content-Length
 * is what Node's parser reads, no more, so it is checked as it is; a chunked body (none declared)
 * is counted by `hono/body-limit` as it streams and stopped at the limit, so a 100 MB upload costs
 * the server at most the limit in memory. Over it: 413
 * `payload_too_large`, and the connection is closed so the rest of the upload is not read.
 * README "Security".
 */
import type { MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { RequestError } from './errors.ts';

/** Bytes per kind of body. JSON: the islands' and partners' requests; forms: pages without JavaScript. */
export const BODY_LIMITS = {
  json: 64 * 1024,
  form: 16 * 1024,
  /** Any other type: no route reads it (they answer 415), so only a little is let in. */
  other: 1024,
} as const;

const kind = (type: string): keyof typeof BODY_LIMITS =>
  /^application\/(.+\+)?json\b/i.test(type)
    ? 'json'
    : /^application\/x-www-form-urlencoded|^multipart\/form-data/i.test(type)
      ? 'form'
      : 'other';

const limiters = Object.fromEntries(
  Object.entries(BODY_LIMITS).map(([k, maxSize]) => [
    k,
    bodyLimit({
      maxSize,
      onError: () => {
        throw new RequestError('payload_too_large');
      },
    }),
  ]),
) as Record<keyof typeof BODY_LIMITS, MiddlewareHandler>;

export const boundedBodies: MiddlewareHandler = (c, next) => {
  // A GET or HEAD has no body to bound (the limiter would only build the full Request to find out).
  if (c.req.method === 'GET' || c.req.method === 'HEAD') return next();
  const type = kind(c.req.header('content-type') ?? '');
  // With a Content-Length (and no chunks) its number is the body's size: Node's parser reads that
  // many bytes and no more. Checked here, the request keeps the adapter's fast body reading; a
  // chunked body is counted as it streams in by Hono's limiter.
  const length = c.req.header('content-length');
  if (length !== undefined && c.req.header('transfer-encoding') === undefined) {
    if (Number.parseInt(length, 10) > BODY_LIMITS[type]) throw new RequestError('payload_too_large');
    return next();
  }
  return limiters[type](c, next);
};
