/**
 * Sends an answer made once and kept (free-times-cache.ts): with its ETag (304 when the client's
 * If-None-Match names it), in the brotli or gzip bytes kept with it when the client takes them.
 * A plain answer (answers.ts), so compress() leaves it alone: it is never compressed twice.
 */
import type { Context } from 'hono';
import type { AppEnv } from '../context.ts';
import { plainAnswer } from './answers.ts';

export interface CachedAnswer {
  json: string;
  etag: string;
  /** The JSON compressed, made once per encoding and kept with the answer. */
  encoded(encoding: 'gzip' | 'br'): Promise<Uint8Array>;
}

export async function sendCached<E extends AppEnv>(c: Context<E>, answer: CachedAnswer): Promise<Response> {
  const headers = {
    etag: answer.etag,
    // The browser may keep it but asks again each time: a changed answer has a new ETag.
    'cache-control': 'no-cache',
    vary: 'Accept-Encoding',
  };
  if (etagMatches(c.req.header('if-none-match'), answer.etag)) return plainAnswer(c, 304, null, headers);
  const json = { ...headers, 'content-type': 'application/json; charset=UTF-8' };
  const encoding = pickEncoding(c.req.header('accept-encoding'));
  if (!encoding) return plainAnswer(c, 200, answer.json, json);
  // The kept bytes themselves (a Uint8Array): the Node adapter writes them as they are.
  return plainAnswer(c, 200, await answer.encoded(encoding), { ...json, 'content-encoding': encoding });
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
