/**
 * The headers every answer carries (the security headers and the request id), and answers whose
 * headers stay a plain object until Node writes them.
 *
 * Why: touching a Response's `headers` makes the Node adapter build a WHATWG Headers object
 * (undici's: each name and value validated on every set, sorted again when written). Setting the
 * dozen common headers that way after every handler was the largest cost of a cached free-times
 * answer (issue #18, README "Performance"). An answer made by `plainAnswer` already carries them
 * in its plain header object, which @hono/node-server passes to `writeHead` as it is; the
 * middleware here then leaves it alone. A header added to it later still works, the slow way.
 */
import { randomUUID } from 'node:crypto';
import type { Context, MiddlewareHandler } from 'hono';
import { compress } from 'hono/compress';
import type { AppEnv } from '../context.ts';
import { securityHeaderValues } from './security.ts';

/** hono/compress's default: smaller bodies are sent as they are. */
const COMPRESS_FROM_BYTES = 1024;

/** Answers made by `plainAnswer`, and whether compress() may still have work on them. */
const plainAnswers = new WeakMap<Response, { mayCompress: boolean }>();

export const isPlainAnswer = (res: Response) => plainAnswers.has(res);

/** A proxy's request id is kept when it is short and plain (as hono/request-id does), else a new one. */
const usableRequestId = (id: string | undefined) => !!id && id.length <= 255 && !/[^\w\-=]/.test(id);

/** The outermost middleware: the request id, and the common headers on every answer made elsewhere. */
export function everyAnswer(production: boolean): MiddlewareHandler<AppEnv> {
  const security = securityHeaderValues(production);
  return async (c, next) => {
    const incoming = c.req.header('x-request-id');
    c.set('requestId', usableRequestId(incoming) ? incoming! : randomUUID());
    c.set('securityHeaders', security);
    await next();
    if (plainAnswers.has(c.res)) return;
    const headers = c.res.headers;
    for (const name in security) headers.set(name, security[name]!);
    headers.set('x-request-id', c.get('requestId'));
  };
}

/** An answer with the common headers and `headers`, all in one plain object. */
export function plainAnswer<E extends AppEnv>(
  c: Context<E>,
  status: number,
  body: string | Uint8Array | null,
  headers: Record<string, string>,
): Response {
  const res = new Response(body as BodyInit | null, {
    status,
    headers: { ...c.get('securityHeaders'), 'x-request-id': c.get('requestId'), ...headers },
  });
  plainAnswers.set(res, {
    mayCompress:
      typeof body === 'string' && !headers['content-encoding'] && Buffer.byteLength(body) >= COMPRESS_FROM_BYTES,
  });
  return res;
}

/** `c.json` as a plain answer: for the hot routes (free times, booking, queue ticket) and errors. */
export const jsonAnswer = <E extends AppEnv>(
  c: Context<E>,
  data: unknown,
  status = 200,
  headers: Record<string, string> = {},
) => plainAnswer(c, status, JSON.stringify(data), { 'content-type': 'application/json', ...headers });

/** hono/compress, for every answer but a plain one that is already compressed or too small. */
export function compressAnswers(): MiddlewareHandler<AppEnv> {
  const compressAnswer = compress();
  return async (c, next) => {
    await next();
    if (plainAnswers.get(c.res)?.mayCompress === false) return;
    // compress() run after the handler: its own next() has nothing left to call.
    await compressAnswer(c, async () => {});
  };
}
