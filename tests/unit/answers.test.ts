import { gunzipSync } from 'node:zlib';
import { Hono } from 'hono';
import { describe, expect, test } from 'vitest';
import type { AppEnv } from '../../server/context.ts';
import { compressAnswers, everyAnswer, jsonAnswer, plainAnswer } from '../../server/http/answers.ts';

/** The app's own order: the common headers outermost, then compression, then the routes. */
function app() {
  const long = { text: 'Kotoutumissuunnitelma '.repeat(100) };
  return new Hono<AppEnv>()
    .use(everyAnswer(false))
    .use(compressAnswers())
    .get('/long', (c) => jsonAnswer(c, long))
    .get('/short', (c) => jsonAnswer(c, { ok: true }, 201, { 'content-language': 'fi' }))
    .get('/encoded', (c) => plainAnswer(c, 200, new Uint8Array([1, 2, 3]), { 'content-encoding': 'br' }))
    .get('/usual', (c) => c.json(long));
}

describe('plain answers', () => {
  test('a long JSON answer is compressed for a client that takes gzip, as any other answer', async () => {
    for (const path of ['/long', '/usual']) {
      const res = await app().request(path, { headers: { 'accept-encoding': 'gzip' } });
      expect(res.headers.get('content-encoding'), path).toBe('gzip');
      const body = JSON.parse(gunzipSync(Buffer.from(await res.arrayBuffer())).toString());
      expect(body.text, path).toMatch(/^Kotoutumissuunnitelma/);
      expect(res.headers.get('x-content-type-options'), path).toBe('nosniff');
    }
  });

  test('a short answer keeps its status and headers, uncompressed', async () => {
    const res = await app().request('/short', { headers: { 'accept-encoding': 'gzip' } });
    expect(res.status).toBe(201);
    expect(res.headers.get('content-encoding')).toBeNull();
    expect(res.headers.get('content-language')).toBe('fi');
    expect(res.headers.get('content-type')).toBe('application/json');
    expect(await res.json()).toEqual({ ok: true });
  });

  test('an answer already compressed is never compressed again', async () => {
    const res = await app().request('/encoded', { headers: { 'accept-encoding': 'gzip' } });
    expect(res.headers.get('content-encoding')).toBe('br');
    expect([...new Uint8Array(await res.arrayBuffer())]).toEqual([1, 2, 3]);
  });

  test('plain and usual answers carry the same security headers', async () => {
    const names = (res: Response) => [...res.headers.keys()].filter((n) => !/^(content-|vary|x-request-id)/.test(n));
    const plain = await app().request('/short');
    const usual = await app().request('/usual');
    expect(names(plain)).toEqual(names(usual));
    expect(plain.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
  });
});
