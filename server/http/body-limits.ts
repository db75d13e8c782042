/**
 * Every request body has a size limit that counts the bytes actually streamed, not only the
 * declared Content-Length (a chunked body has none): `hono/body-limit` reads the stream and stops
 * at the limit, so a 100 MB upload costs the server at most the limit in memory. Over it: 413
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

export const boundedBodies: MiddlewareHandler = (c, next) =>
  limiters[kind(c.req.header('content-type') ?? '')](c, next);
