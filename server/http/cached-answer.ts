/**
 * Sends an answer made once and kept (free-times-cache.ts): with its ETag (304 when the client's
 * If-None-Match names it), in the brotli or gzip bytes kept with it when the client takes them.
 * A response with a Content-Encoding is left alone by the app's compress() middleware, so it is
 * never compressed twice.
 */
import type { Context } from 'hono';

export interface CachedAnswer {
  json: string;
  etag: string;
  /** The JSON compressed, made once per encoding and kept with the answer. */
  encoded(encoding: 'gzip' | 'br'): Promise<Uint8Array>;
}

export async function sendCached(c: Context, answer: CachedAnswer): Promise<Response> {
  c.header('ETag', answer.etag);
  // The browser may keep it but asks again each time: a changed answer has a new ETag.
  c.header('Cache-Control', 'no-cache');
  c.header('Vary', 'Accept-Encoding');
  if (etagMatches(c.req.header('if-none-match'), answer.etag)) return c.body(null, 304);
  c.header('Content-Type', 'application/json; charset=UTF-8');
  const encoding = pickEncoding(c.req.header('accept-encoding'));
  if (!encoding) return c.body(answer.json);
  c.header('Content-Encoding', encoding);
  // The kept bytes themselves (a Uint8Array): the Node adapter writes them as they are, where an
  // ArrayBuffer copy would be copied again into a web Response and streamed.
  return c.body((await answer.encoded(encoding)) as Uint8Array<ArrayBuffer>);
}

/** Brotli or gzip when the client takes it (brotli first at equal weight), else none. */
export function pickEncoding(acceptEncoding: string | undefined): 'br' | 'gzip' | undefined {
  const weights = new Map<string, number>();
  for (const part of (acceptEncoding ?? '').split(',')) {
    const [name, ...params] = part.trim().toLowerCase().split(';');
    if (!name) continue;
    const q = params.map((p) => /^\s*q=([\d.]+)/.exec(p)?.[1]).find((v) => v !== undefined);
    weights.set(name, q === undefined ? 1 : Number(q));
  }
  const q = (name: string) => weights.get(name) ?? weights.get('*') ?? 0;
  if (q('br') > 0 && q('br') >= q('gzip')) return 'br';
  if (q('gzip') > 0) return 'gzip';
  return undefined;
}

/** Whether an If-None-Match header names this ETag (weak or strong), or is `*`. */
export function etagMatches(ifNoneMatch: string | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false;
  return ifNoneMatch
    .split(',')
    .map((t) => t.trim().replace(/^W\//, ''))
    .some((t) => t === etag || t === '*');
}
